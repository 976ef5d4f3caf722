import { describe, expect, it } from 'vitest';
import { FlowLedger } from '../../../electron/rpc/flow-ledger';

function ledger(stallMs = 1000, crowd: { clientHighWatermark: number; crowdedWatermark: number } = { clientHighWatermark: 1_000_000, crowdedWatermark: 100 }) {
  let now = 0;
  const holds: string[] = [];
  const l = new FlowLedger({ highWatermark: 100, lowWatermark: 10, stallMs, ...crowd }, (id, on) => holds.push(`${id}:${on ? 'hold' : 'go'}`), () => now);
  return { l, holds, advance: (ms: number) => (now += ms) };
}

describe('FlowLedger: flow control per window', () => {
  it('each client owes its own acknowledgements; another client acking does not release it', () => {
    const { l, holds } = ledger();
    l.sent('a', 's', 150);
    l.sent('b', 's', 150);
    expect(holds).toEqual(['s:hold']);
    l.ack('b', 's', 150);
    expect(l.debt('a', 's')).toBe(150);
    expect(holds).toEqual(['s:hold']); // a is still behind
    l.ack('a', 's', 145);
    expect(holds).toEqual(['s:hold', 's:go']);
    expect(l.behind('s')).toBe(5);
  });

  it('resumes only when every reading client is below the low watermark', () => {
    const { l, holds } = ledger();
    l.sent('a', 's', 120);
    l.sent('b', 's', 50);
    l.ack('a', 's', 115);
    expect(holds).toEqual(['s:hold']); // b still owes 50
    l.ack('b', 's', 45);
    expect(holds).toEqual(['s:hold', 's:go']);
  });

  it('a closed or reloaded client releases its debt at once', () => {
    const { l, holds } = ledger();
    l.sent('a', 's', 500);
    l.sent('a', 't', 500);
    l.removeClient('a');
    expect(holds).toEqual(['s:hold', 't:hold', 's:go', 't:go']);
    expect(l.behind('s')).toBe(0);
  });

  it('a client in debt that acks nothing for stallMs is stalled; dropping it frees the source', () => {
    const { l, holds, advance } = ledger(1000);
    l.sent('slow', 's', 500);
    l.sent('fast', 's', 500);
    advance(600);
    l.ack('fast', 's', 500);
    advance(600);
    expect(l.stalled()).toEqual([{ clientId: 'slow', sessionId: 's', debt: 500 }]);
    l.drop('slow', 's');
    expect(holds).toEqual(['s:hold', 's:go']);
    expect(l.reading('slow', 's')).toBe(false);
    // A dropped client is sent nothing more and owes nothing.
    l.sent('slow', 's', 1000);
    expect(l.debt('slow', 's')).toBe(0);
    expect(l.stalled()).toEqual([]);
    // It repaints from scrollback and reads again, owing nothing.
    l.readmit('slow', 's');
    expect(l.reading('slow', 's')).toBe(true);
    l.sent('slow', 's', 200);
    expect(holds).toEqual(['s:hold', 's:go', 's:hold']);
  });

  it('a client that acks some sessions is reading, slowly: not stalled until one session waits six times as long', () => {
    const { l, advance } = ledger(1000);
    l.sent('w', 'a', 500);
    l.sent('w', 'b', 500);
    for (let i = 0; i < 6; i++) {
      advance(900);
      l.ack('w', 'a', 10); // the window reads a, and has not reached b yet
    }
    expect(l.stalled()).toEqual([]);
    advance(700);
    l.ack('w', 'a', 10);
    expect(l.stalled()).toEqual([{ clientId: 'w', sessionId: 'b', debt: 500 }]);
    // A window that stops reading altogether is dropped from everything it owes after stallMs.
    l.ack('w', 'b', 10);
    advance(1000);
    expect(l.stalled().map((s) => s.sessionId).sort()).toEqual(['a', 'b']);
  });

  it('a client with no debt is never stalled, however long it is quiet', () => {
    const { l, advance } = ledger(1000);
    l.sent('a', 's', 50);
    l.ack('a', 's', 50);
    advance(10_000);
    expect(l.stalled()).toEqual([]);
  });

  it('refuses watermarks the wrong way round', () => {
    expect(() => new FlowLedger({ highWatermark: 10, lowWatermark: 10, clientHighWatermark: 100, crowdedWatermark: 10, stallMs: 1 }, () => undefined)).toThrow(/lowWatermark/);
    expect(() => new FlowLedger({ highWatermark: 10, lowWatermark: 5, clientHighWatermark: 100, crowdedWatermark: 20, stallMs: 1 }, () => undefined)).toThrow(/crowdedWatermark/);
  });

  it('a client that owes much over all sessions holds each session at the crowded mark, and only its own debt releases it', () => {
    const { l, holds } = ledger(1000, { clientHighWatermark: 200, crowdedWatermark: 30 });
    // Below the client's total, each session runs up to the high watermark.
    l.sent('a', 's1', 90);
    l.sent('a', 's2', 90);
    expect(holds).toEqual([]);
    expect(l.totalDebt('a')).toBe(180);
    // Past it, a session above the crowded mark is held on its next send; one below is not.
    l.sent('a', 's3', 25);
    expect(holds).toEqual([]);
    l.sent('a', 's1', 1);
    expect(holds).toEqual(['s1:hold']);
    l.sent('a', 's3', 10);
    expect(holds).toEqual(['s1:hold', 's3:hold']);
    // Another client owing little is not crowded: its sessions keep the high watermark.
    l.sent('b', 's4', 90);
    expect(holds).toEqual(['s1:hold', 's3:hold']);
    // Acks release by the low watermark as before, and keep the total right.
    l.ack('a', 's1', 85);
    expect(holds).toEqual(['s1:hold', 's3:hold', 's1:go']);
    expect(l.totalDebt('a')).toBe(131);
    l.removeClient('a');
    expect(l.totalDebt('a')).toBe(0);
    expect(holds).toEqual(['s1:hold', 's3:hold', 's1:go', 's3:go']);
  });
});
