import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Capture } from '../../../../electron/fleet/run/capture';

/** Splits a buffer at the given cut points, as chunks arrive from a channel. */
function chunks(buf: Buffer, cuts: number[]): Buffer[] {
  const at = [...new Set(cuts.map((c) => c % (buf.length + 1)))].sort((a, b) => a - b);
  const out: Buffer[] = [];
  let from = 0;
  for (const c of [...at, buf.length]) {
    out.push(buf.subarray(from, c));
    from = c;
  }
  return out;
}

describe('Capture', () => {
  it('keeps the first `limit` bytes, counts the rest, and its tail is the end of the text, whatever the chunking', () => {
    // The counterexample CI found once, kept as an example so it runs every time.
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', maxLength: 300 }), fc.array(fc.nat(), { maxLength: 20 }), fc.integer({ min: 0, max: 400 }), fc.integer({ min: 1, max: 64 }), (text, cuts, limit, tailBytes) => {
        const all = Buffer.from(text, 'utf8');
        const c = new Capture(limit, tailBytes);
        for (const chunk of chunks(all, cuts)) c.push(chunk);
        expect(c.bytes().equals(all.subarray(0, limit))).toBe(true);
        expect(c.dropped).toBe(Math.max(0, all.length - limit));
        const tail = c.tail();
        // Never more than asked for, never a broken first character, always the text's own end.
        expect(Buffer.byteLength(tail)).toBeLessThanOrEqual(tailBytes);
        // (fast-check's graphemes include U+FFFD itself: only a text without one must show none.)
        if (!text.includes('\ufffd')) expect(tail).not.toContain('\ufffd');
        expect(text.endsWith(tail)).toBe(true);
        // At most a cut character's worth (3 bytes) short of what was asked for.
        expect(Buffer.byteLength(tail)).toBeGreaterThanOrEqual(Math.min(all.length, tailBytes) - 3);
      }),
      { examples: [['\ufffd', [], 0, 3]] },
    );
  });
});
