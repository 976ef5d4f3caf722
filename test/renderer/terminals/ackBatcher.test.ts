import { describe, expect, it } from 'vitest';
import { AckBatcher, type Ack } from '../../../renderer/terminals/ackBatcher';
import { contract, MAX_ACKS_PER_REQUEST } from '../../../shared/contract';

function harness(threshold = 5000) {
  const sent: Ack[][] = [];
  const scheduled: (() => void)[] = [];
  const batcher = new AckBatcher({ send: (acks) => sent.push(acks), schedule: (f) => scheduled.push(f), threshold });
  return { sent, scheduled, batcher };
}

describe('AckBatcher', () => {
  it('sums small writes per session and sends every session in one call on the scheduled flush', () => {
    const { sent, scheduled, batcher } = harness();
    batcher.written('a', 100);
    batcher.written('b', 7);
    batcher.written('a', 50);
    expect(sent).toEqual([]);
    // One scheduled flush for the whole batch, not one per write.
    expect(scheduled).toHaveLength(1);
    scheduled[0]!();
    expect(sent).toEqual([
      [
        { sessionId: 'a', chars: 150 },
        { sessionId: 'b', chars: 7 },
      ],
    ]);
    expect(batcher.pendingFor('a')).toBe(0);
    // Nothing pending: a flush sends no empty request.
    batcher.flush();
    expect(sent).toHaveLength(1);
  });

  it('sends at once, with what the other sessions owe, when a session passes the threshold', () => {
    const { sent, scheduled, batcher } = harness(1000);
    batcher.written('b', 3);
    batcher.written('a', 600);
    batcher.written('a', 600);
    expect(sent).toEqual([
      [
        { sessionId: 'b', chars: 3 },
        { sessionId: 'a', chars: 1200 },
      ],
    ]);
    expect(batcher.pendingFor('a')).toBe(0);
    // The frame already scheduled still runs, and takes what came after.
    batcher.written('b', 5);
    expect(scheduled).toHaveLength(1);
    scheduled[0]!();
    expect(sent[1]).toEqual([{ sessionId: 'b', chars: 5 }]);
  });

  it('acknowledges every character exactly once over many writes', () => {
    const { sent, scheduled, batcher } = harness(5000);
    const total = new Map<string, number>();
    for (let i = 1; i <= 500; i++) {
      const id = i % 3 === 0 ? 'x' : 'y';
      batcher.written(id, i);
      total.set(id, (total.get(id) ?? 0) + i);
      if (i % 50 === 0) while (scheduled.length) scheduled.shift()!();
    }
    while (scheduled.length) scheduled.shift()!();
    batcher.flush();
    const acked = new Map<string, number>();
    for (const { sessionId, chars } of sent.flat()) acked.set(sessionId, (acked.get(sessionId) ?? 0) + chars);
    expect(acked).toEqual(total);
    expect(sent.flat().every((a) => a.chars > 0)).toBe(true);
    // Each call names a session at most once.
    expect(sent.every((acks) => new Set(acks.map((a) => a.sessionId)).size === acks.length)).toBe(true);
  });

  it('splits a flush over more sessions than one request may carry, each call valid for the contract', () => {
    const { sent, batcher } = harness();
    const n = MAX_ACKS_PER_REQUEST + 5;
    for (let i = 0; i < n; i++) batcher.written(`s${i}`, 1);
    batcher.flush();
    expect(sent.map((acks) => acks.length)).toEqual([MAX_ACKS_PER_REQUEST, 5]);
    for (const acks of sent) expect(contract.requests['fleet.ack'].input.safeParse({ acks }).success).toBe(true);
  });

  it('forgets a closed session and ignores empty writes', () => {
    const { sent, scheduled, batcher } = harness();
    batcher.written('a', 10);
    batcher.written('a', 0);
    batcher.forget('a');
    scheduled[0]!();
    expect(sent).toEqual([]);
  });
});
