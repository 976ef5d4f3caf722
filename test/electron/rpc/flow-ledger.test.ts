import { describe, expect, it } from 'vitest';
import { FlowLedger } from '../../../electron/rpc/flow-ledger';

function ledger(stallMs = 1000) {
  let now = 0;
  const holds: string[] = [];
  const l = new FlowLedger({ highWatermark: 100, lowWatermark: 10, stallMs }, (id, on) => holds.push(`${id}:${on ? 'hold' : 'go'}`), () => now);
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

  it('a client with no debt is never stalled, however long it is quiet', () => {
    const { l, advance } = ledger(1000);
    l.sent('a', 's', 50);
    l.ack('a', 's', 50);
    advance(10_000);
    expect(l.stalled()).toEqual([]);
  });

  it('refuses watermarks the wrong way round', () => {
    expect(() => new FlowLedger({ highWatermark: 10, lowWatermark: 10, stallMs: 1 }, () => undefined)).toThrow(/lowWatermark/);
  });
});
