import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { OutputPump, type SkipPolicy } from '../../../../electron/fleet/connect/output-pump';

function pumpWith(_unused: false, maxBatchChars = 32_768, flushMs = 5, behind = 0, skip: Partial<SkipPolicy> = {}) {
  const out: string[] = [];
  const calls: string[] = [];
  const skipped: number[] = [];
  const pump = new OutputPump({
    emit: (d) => out.push(d),
    skipped: (n) => skipped.push(n),
    pause: () => calls.push('pause'),
    resume: () => calls.push('resume'),
    behind: () => behind,
    maxBatchChars,
    flushMs,
    skip,
  });
  return { pump, out, calls, skipped };
}

const QUICK: Partial<SkipPolicy> = { thresholdChars: 1000, tailChars: 100, quietChars: 50, quietMs: 20, showEveryMs: 60_000, rearmMs: 0 };
const wait = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('OutputPump', () => {
  it('never splits a UTF-8 character, wherever the chunks are cut', () => {
    const text = 'aé€😀ж\u0301日本語🇫🇷z';
    const bytes = Buffer.from(text.repeat(3));
    fc.assert(
      fc.property(fc.uniqueArray(fc.integer({ min: 1, max: bytes.length - 1 }), { maxLength: 20 }), (cutsRaw) => {
        const cuts = [0, ...cutsRaw.sort((a, b) => a - b), bytes.length];
        const { pump, out } = pumpWith(false, 1); // cap 1: every push is flushed as its own batch
        for (let i = 0; i + 1 < cuts.length; i++) pump.push(bytes.subarray(cuts[i], cuts[i + 1]));
        pump.end();
        expect(out.join('')).toBe(text.repeat(3));
        for (const b of out) expect(Buffer.from(b).toString()).toBe(b); // each batch is valid UTF-16 text
        expect(out.join('')).not.toContain('\uFFFD');
      }),
      { numRuns: 300 },
    );
  });

  it('emits the first small chunk after a quiet spell at once, batches the rest of its I/O turn, and holds later ones while bulk output streams', async () => {
    // A long batch interval, so a slow machine cannot make "right after" look like "a while later".
    const { pump, out } = pumpWith(false, 32_768, 200);
    const turn = (): Promise<void> => new Promise((r) => setImmediate(r));
    pump.push(Buffer.from('e'));
    expect(out).toEqual(['e']); // an echo after a quiet spell: emitted before push returns
    for (let i = 0; i < 100; i++) pump.push(Buffer.from('x'));
    expect(out).toEqual(['e']);
    await turn();
    expect(out).toEqual(['e', 'x'.repeat(100)]); // the rest of the turn: one emission, no timer wait
    pump.push(Buffer.from('y'));
    expect(out).toEqual(['e', 'x'.repeat(100)]); // not quiet (within the batch interval): this turn's end
    await turn();
    expect(out).toEqual(['e', 'x'.repeat(100), 'y']); // still small, still at once
    const bulk = 'b'.repeat(4000);
    pump.push(Buffer.from(bulk));
    await turn();
    expect(out.at(-1)).toBe(bulk);
    pump.push(Buffer.from('c'));
    await turn();
    pump.push(Buffer.from('d'));
    expect(out.at(-1)).toBe(bulk); // right after a bulk batch: held for the batch interval
    await new Promise((r) => setTimeout(r, 400));
    expect(out.at(-1)).toBe('cd');
  });

  it('flushes at once when a batch reaches its size cap', () => {
    const { pump, out } = pumpWith(false, 10);
    pump.push(Buffer.from('0123456789abc'));
    expect(out).toEqual(['0123456789abc']);
  });

  it('cuts each batch to the room the windows leave, sends the rest on wake, and pauses the source while a batch waits', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 40 }), { minLength: 1, maxLength: 30 }), (rooms) => {
        const out: string[] = [];
        const calls: string[] = [];
        let room = 0;
        const asked: number[] = [];
        const pump = new OutputPump({
          emit: (d) => {
            out.push(d);
            room -= d.length;
          },
          skipped: () => undefined,
          pause: () => calls.push('pause'),
          resume: () => calls.push('resume'),
          behind: () => 0,
          room: (want) => {
            asked.push(want);
            return room;
          },
          maxBatchChars: 16,
        });
        // Surrogate pairs throughout, so a cut in the middle of one would show.
        const text = 'a😀'.repeat(20);
        pump.push(Buffer.from(text));
        expect(out).toEqual([]); // no room: all of it waits
        expect(calls).toEqual(['pause']); // a batch's worth waits: the source stops
        for (const r of rooms) {
          room = r;
          pump.wake();
          expect(room).toBeGreaterThanOrEqual(0); // never more than the room
        }
        room = Number.POSITIVE_INFINITY;
        pump.wake();
        expect(out.join('')).toBe(text);
        for (const b of out) expect(Buffer.from(b).toString()).toBe(b); // no half of a pair
        expect(calls).toEqual(['pause', 'resume']); // flowing again once half a batch or less waits
        expect(asked.every((want) => want > 0)).toBe(true); // asked only with something to send
      }),
      { numRuns: 200 },
    );
  });

  it('input while output waits for room skips it, as while held', () => {
    const out: string[] = [];
    const skipped: number[] = [];
    const pump = new OutputPump({ emit: (d) => out.push(d), skipped: (n) => skipped.push(n), pause: () => undefined, resume: () => undefined, behind: () => 0, room: () => 0, maxBatchChars: 100, skip: QUICK });
    pump.push(Buffer.from('y\r\n'.repeat(100)));
    expect(pump.isPaused).toBe(true);
    pump.input(true);
    expect(pump.isSkipping).toBe(true);
    pump.dispose();
  });

  it('pauses and resumes the source only when the hold changes', () => {
    const { pump, calls } = pumpWith(false);
    pump.hold(true);
    pump.hold(true);
    expect(pump.isPaused).toBe(true);
    pump.hold(false);
    pump.hold(false);
    expect(calls).toEqual(['pause', 'resume']);
  });

  it('input to a session that is not behind skips nothing', () => {
    const { pump, out, skipped } = pumpWith(false, 32_768, 5, 999, QUICK);
    pump.input();
    expect(pump.isSkipping).toBe(false);
    pump.push(Buffer.from('x'.repeat(5000)));
    pump.flush();
    expect(out.join('')).toBe('x'.repeat(5000));
    expect(skipped).toEqual([]);
  });

  it('input while held drains the source, keeps the last lines, and says how much it dropped', async () => {
    const { pump, out, calls, skipped } = pumpWith(false, 32_768, 5, 200_000, QUICK);
    pump.hold(true);
    pump.push(Buffer.from('y\n'.repeat(300)));
    pump.input();
    expect(pump.isSkipping).toBe(true);
    expect(calls).toEqual(['pause', 'resume']); // drained at full speed while skipping
    let sent = 600;
    for (let i = 0; i < 50; i++, sent += 2000) pump.push(Buffer.from('y\n'.repeat(1000)));
    const prompt = '^C\n$ ';
    pump.push(Buffer.from(prompt));
    sent += prompt.length;
    expect(out).toEqual([]); // nothing of the flood reaches a window while skipping
    // A quiet tick ends the skip; a loaded machine fires it late, never early.
    await expect.poll(() => pump.isSkipping, { timeout: 5000 }).toBe(false);
    const tail = out.join('');
    expect(tail.endsWith('y\ny\n^C\n$ ')).toBe(true);
    expect(tail.length).toBeLessThanOrEqual(100);
    expect(tail.startsWith('y\n')).toBe(true); // starts on a line of its own
    expect(skipped).toEqual([sent - tail.length]);
    expect(calls).toEqual(['pause', 'resume', 'pause']); // still held: paced again
  });

  it('while a flood goes on, its latest lines are shown every showEveryMs, and it keeps skipping', async () => {
    const { pump, out, skipped } = pumpWith(false, 32_768, 5, 200_000, { ...QUICK, showEveryMs: 50, rearmMs: 0 });
    pump.push(Buffer.from('z'.repeat(5000)));
    pump.input();
    const flood = setInterval(() => pump.push(Buffer.from('y\n'.repeat(500))), 2);
    try {
      while (out.length < 2) await wait(10);
      expect(pump.isSkipping).toBe(true);
    } finally {
      clearInterval(flood);
    }
    expect(skipped.length).toBeGreaterThanOrEqual(2);
    for (const shown of out) {
      expect(shown.length).toBeLessThanOrEqual(100);
      expect(shown.startsWith('y\n')).toBe(true);
    }
    // The flood stopped: the skip ends and output streams again.
    while (pump.isSkipping) await wait(10);
    pump.push(Buffer.from('$ '));
    pump.flush();
    expect(out.at(-1)!.endsWith('$ ')).toBe(true);
    pump.dispose();
  });

  it('a backlog that builds again soon after the input (a window in flight) skips again', async () => {
    const { pump, out, skipped } = pumpWith(false, 32_768, 5, 200_000, { ...QUICK, rearmMs: 60_000 });
    pump.hold(true);
    pump.input();
    pump.push(Buffer.from('y\n'.repeat(500)));
    await expect.poll(() => pump.isSkipping, { timeout: 5000 }).toBe(false);
    // Still held, but within the rearm time the source keeps draining so a prompt can arrive.
    expect(pump.isPaused).toBe(false);
    const shown = out.length;
    pump.hold(false);
    pump.push(Buffer.from('y\n'.repeat(20_000)));
    expect(pump.isSkipping).toBe(true);
    expect(out.length).toBe(shown);
    // The skip ends on a quiet timer; a loaded machine fires it late, never early.
    await expect.poll(() => skipped.length, { timeout: 5000 }).toBe(2);
    pump.dispose();
  });

  it('input during a flood nobody holds (output at full speed) skips too', () => {
    // The rate counts over 2 × quietMs: long enough that a loaded machine cannot end it before the input.
    const { pump, out } = pumpWith(false, 32_768, 5, 0, { ...QUICK, quietMs: 60_000 });
    pump.push(Buffer.from('y\n'.repeat(1000)));
    pump.flush();
    expect(out).toHaveLength(1);
    pump.input();
    expect(pump.isSkipping).toBe(true);
    pump.dispose();
  });

  it('an interrupt skips a session a tail behind; other keys need the full threshold', () => {
    // 500 chars unacknowledged: below thresholdChars (1000), above tailChars (100).
    const typed = pumpWith(false, 32_768, 5, 500, QUICK);
    typed.pump.input(false);
    expect(typed.pump.isSkipping).toBe(false);
    const interrupted = pumpWith(false, 32_768, 5, 500, QUICK);
    interrupted.pump.input(true);
    expect(interrupted.pump.isSkipping).toBe(true);
    interrupted.pump.dispose();
    // Caught up (nothing unacknowledged, nothing streaming): even an interrupt skips nothing.
    const idle = pumpWith(false, 32_768, 5, 0, QUICK);
    idle.pump.input(true);
    expect(idle.pump.isSkipping).toBe(false);
  });

  it('the source ending during a skip emits the kept tail', () => {
    const { pump, out, skipped } = pumpWith(false, 32_768, 5, 200_000, QUICK);
    pump.push(Buffer.from('a'.repeat(3000)));
    pump.input();
    pump.push(Buffer.from('\nlast line\n'));
    pump.end();
    expect(out.join('')).toBe('last line\n');
    expect(skipped).toEqual([3001]);
  });

  it('while held, even a small chunk after a quiet spell waits for the turn (an interrupt may skip it)', async () => {
    const { pump, out } = pumpWith(false);
    pump.hold(true);
    pump.push(Buffer.from('x'));
    expect(out).toEqual([]);
    await expect.poll(() => out).toEqual(['x']);
  });

  it('keeps a tail of recent output, and emits an incomplete last character as U+FFFD at the end', () => {
    const { pump, out } = pumpWith(false);
    pump.push(Buffer.from('password: '));
    expect(pump.tail).toBe('password: ');
    pump.push(Buffer.from([0xe2, 0x82])); // the first two bytes of €
    pump.end();
    expect(out.join('')).toBe('password: \uFFFD');
  });
});
