import { describe, expect, it } from 'vitest';
import { OutputQueue } from '../../../renderer/terminals/outputQueue';

/** A stand-in terminal that parses a write when the test says so, as xterm does later on its own. */
function harness(chunkChars = 10, frameChars?: number) {
  const writes: { id: string; data: string; parsed: () => void }[] = [];
  const consumed: [string, number, string][] = [];
  const ticks: (() => void)[] = [];
  const queue = new OutputQueue({
    write: (id, data, parsed) => writes.push({ id, data, parsed }),
    consumed: (id, chars, how) => consumed.push([id, chars, how]),
    schedule: (tick) => ticks.push(tick),
    chunkChars,
    ...(frameChars ? { frameChars } : {}),
  });
  const runTicks = () => {
    for (let t = ticks.shift(); t; t = ticks.shift()) t();
  };
  return { writes, consumed, ticks, queue, runTicks };
}

describe('OutputQueue', () => {
  it('writes output at once to a terminal that holds nothing (an echo waits for nothing)', () => {
    const { writes, queue } = harness();
    queue.push('a', 'x');
    expect(writes.map((w) => w.data)).toEqual(['x']);
  });

  it('gives a terminal one chunk at a time, the next on a scheduled tick after the parse', () => {
    const { writes, consumed, ticks, queue, runTicks } = harness(10);
    queue.push('a', 'y\n'.repeat(12));
    expect(writes.map((w) => w.data)).toEqual(['y\ny\ny\ny\ny\n']);
    queue.push('a', 'z');
    expect(writes).toHaveLength(1);
    expect(queue.backlog('a')).toBe(25);
    writes[0]!.parsed();
    expect(consumed).toEqual([['a', 10, 'parsed']]);
    // Not written from inside the parse callback: in a tick of its own.
    expect(writes).toHaveLength(1);
    expect(ticks).toHaveLength(1);
    runTicks();
    expect(writes.map((w) => w.data)).toEqual(['y\ny\ny\ny\ny\n', 'y\ny\ny\ny\ny\n']);
    writes[1]!.parsed();
    runTicks();
    expect(writes[2]!.data).toBe('y\ny\nz');
    writes[2]!.parsed();
    expect(queue.backlog('a')).toBe(0);
    expect(consumed.reduce((n, [, c]) => n + c, 0)).toBe(25);
  });

  it('keeps sessions apart: a flooding one does not hold back another one', () => {
    const { writes, queue } = harness(4);
    queue.push('flood', 'yyyyyyyyyyyy');
    queue.push('quiet', 'k');
    expect(writes.map((w) => [w.id, w.data])).toEqual([
      ['flood', 'yyyy'],
      ['quiet', 'k'],
    ]);
  });

  it('an interrupt drops what is queued and discards what arrives until released; each char is consumed once', () => {
    const { writes, consumed, queue, runTicks } = harness(4);
    queue.push('a', 'yyyyyyyyyyyy');
    const { dropped, release } = queue.interrupt('a');
    expect(dropped).toBe(8);
    // Sent before the input reached the host: discarded, and acknowledged as dropped.
    queue.push('a', 'yyyy');
    expect(consumed).toEqual([
      ['a', 8, 'dropped'],
      ['a', 4, 'dropped'],
    ]);
    // The chunk already in the terminal is parsed as usual.
    writes[0]!.parsed();
    release();
    queue.push('a', '^C\r\n$ ');
    writes[1]!.parsed();
    runTicks();
    expect(writes.map((w) => w.data)).toEqual(['yyyy', '^C\r\n', '$ ']);
    expect(consumed.filter(([, , how]) => how === 'parsed').reduce((n, [, c]) => n + c, 0)).toBe(8);
  });

  it('forget drops everything unacknowledged, and a parse from before it counts for nothing', () => {
    const { writes, consumed, queue, ticks } = harness(4);
    queue.push('a', 'yyyyyyyy');
    queue.forget('a');
    writes[0]!.parsed();
    expect(consumed).toEqual([]);
    expect(ticks).toEqual([]);
    queue.push('a', 'new');
    expect(writes.at(-1)!.data).toBe('new');
  });

  it('gives all terminals together at most frameChars per tick, the sessions left out first on the next', () => {
    const { writes, queue, ticks } = harness(16, 40);
    for (const id of ['a', 'b', 'c', 'd', 'e']) queue.push(id, 'y'.repeat(5000));
    // Big output is never written at once: it waits for the tick.
    expect(writes).toEqual([]);
    ticks.shift()!();
    expect(writes.map((w) => [w.id, w.data.length])).toEqual([
      ['a', 16],
      ['b', 16],
      ['c', 8],
    ]);
    for (const w of writes) w.parsed();
    ticks.shift()!();
    expect(writes.slice(3).map((w) => w.id)).toEqual(['d', 'e', 'a']);
  });
});
