import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { OutputPump } from '../../../../electron/fleet/connect/output-pump';

function pumpWith(flowControl: { highWatermark: number; lowWatermark: number } | false, maxBatchChars = 32_768, flushMs = 5) {
  const out: string[] = [];
  const calls: string[] = [];
  const pump = new OutputPump({
    emit: (d) => out.push(d),
    pause: () => calls.push('pause'),
    resume: () => calls.push('resume'),
    flowControl,
    maxBatchChars,
    flushMs,
  });
  return { pump, out, calls };
}

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

  it('batches chunks of one I/O turn into one emission, and holds later ones while bulk output streams', async () => {
    // A long batch interval, so a slow machine cannot make "right after" look like "a while later".
    const { pump, out } = pumpWith(false, 32_768, 200);
    const turn = (): Promise<void> => new Promise((r) => setImmediate(r));
    for (let i = 0; i < 100; i++) pump.push(Buffer.from('x'));
    expect(out).toEqual([]);
    await turn();
    expect(out).toEqual(['x'.repeat(100)]); // small output (an echo): no timer wait
    pump.push(Buffer.from('y'));
    await turn();
    expect(out).toEqual(['x'.repeat(100), 'y']); // still small, still at once
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

  it('pauses above the high watermark and resumes only below the low one', () => {
    const { pump, calls } = pumpWith({ highWatermark: 100, lowWatermark: 10 }, 50);
    pump.push(Buffer.from('a'.repeat(60)));
    pump.push(Buffer.from('a'.repeat(60)));
    expect(calls).toEqual(['pause']);
    expect(pump.unacked).toBe(120);
    pump.ack(100);
    expect(calls).toEqual(['pause']); // 20 left: above the low watermark
    pump.ack(15);
    expect(calls).toEqual(['pause', 'resume']);
    pump.ack(1000);
    expect(pump.unacked).toBe(0);
    expect(calls).toEqual(['pause', 'resume']);
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
