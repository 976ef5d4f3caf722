import { describe, expect, it } from 'vitest';
import { AckBatcher } from '../../../renderer/terminals/ackBatcher';

function harness(threshold = 5000) {
  const sent: [string, number][] = [];
  const scheduled: (() => void)[] = [];
  const batcher = new AckBatcher({ send: (id, n) => sent.push([id, n]), schedule: (f) => scheduled.push(f), threshold });
  return { sent, scheduled, batcher };
}

describe('AckBatcher', () => {
  it('sums small writes per session and sends them on the scheduled flush', () => {
    const { sent, scheduled, batcher } = harness();
    batcher.written('a', 100);
    batcher.written('b', 7);
    batcher.written('a', 50);
    expect(sent).toEqual([]);
    // One scheduled flush for the whole batch, not one per write.
    expect(scheduled).toHaveLength(1);
    scheduled[0]!();
    expect(sent).toEqual([
      ['a', 150],
      ['b', 7],
    ]);
    expect(batcher.pendingFor('a')).toBe(0);
  });

  it('sends at once when a session passes the threshold', () => {
    const { sent, batcher } = harness(1000);
    batcher.written('a', 600);
    batcher.written('a', 600);
    expect(sent).toEqual([['a', 1200]]);
    expect(batcher.pendingFor('a')).toBe(0);
  });

  it('acknowledges every character exactly once over many writes', () => {
    const { sent, scheduled, batcher } = harness(5000);
    let total = 0;
    for (let i = 1; i <= 500; i++) {
      batcher.written(i % 3 === 0 ? 'x' : 'y', i);
      total += i;
      if (i % 50 === 0) while (scheduled.length) scheduled.shift()!();
    }
    while (scheduled.length) scheduled.shift()!();
    batcher.flush();
    expect(sent.reduce((sum, [, n]) => sum + n, 0)).toBe(total);
    expect(sent.every(([, n]) => n > 0)).toBe(true);
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
