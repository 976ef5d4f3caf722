import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { OutputFeed, type FeedPolicy } from '../../../renderer/terminals/outputFeed';

/** A stand-in for xterm's write buffer: holds what it was handed until `parse` runs the callbacks. */
function rig(policy: Partial<FeedPolicy> = {}) {
  let now = 0;
  const written: string[] = [];
  const pending: Array<() => void> = [];
  const dropped: number[] = [];
  const feed = new OutputFeed(
    {
      write: (_id, data, parsed) => {
        written.push(data);
        pending.push(parsed);
      },
      dropped: (_id, chars) => dropped.push(chars),
    },
    { inXtermChars: 100, farBehindChars: 400, tailChars: 50, trimMs: 1000, ...policy },
    () => now,
  );
  const inXterm = () => written.slice(written.length - pending.length).join('').length;
  const parse = () => {
    while (pending.length > 0) pending.shift()!();
  };
  return { feed, written, dropped, parse, inXterm, advance: (ms: number) => (now += ms) };
}

describe('OutputFeed', () => {
  it('hands xterm at most inXtermChars at once, and everything in order as xterm parses', () => {
    fc.assert(
      fc.property(fc.array(fc.string({ minLength: 1, maxLength: 300, unit: 'grapheme' }), { maxLength: 30 }), (chunks) => {
        const r = rig();
        for (const chunk of chunks) {
          r.feed.push('s', chunk);
          expect(r.inXterm()).toBeLessThanOrEqual(100);
          // Parse now and then, as xterm does between arrivals.
          if (chunk.length % 3 === 0) r.parse();
        }
        for (let i = 0; i < 1000 && r.feed.waiting('s') > 0; i++) r.parse();
        r.parse();
        expect(r.written.join('')).toBe(chunks.join(''));
        // No surrogate pair was cut between two writes.
        for (const w of r.written) expect(/[\uD800-\uDBFF]$/.test(w)).toBe(false);
        expect(r.dropped).toEqual([]);
      }),
    );
  });

  it('one char of room before a surrogate pair waits for xterm to parse, then sends the pair whole', () => {
    const r = rig();
    r.feed.push('s', 'a'.repeat(99));
    r.feed.push('s', '\u{1F600}x');
    expect(r.written).toEqual(['a'.repeat(99)]);
    r.parse();
    r.parse();
    expect(r.written.join('')).toBe(`${'a'.repeat(99)}\u{1F600}x`);
    expect(r.feed.waiting('s')).toBe(0);
  });

  it('a small echo goes to xterm at once, whole', () => {
    const r = rig();
    r.feed.push('s', 'l');
    r.feed.push('s', 's');
    expect(r.written).toEqual(['l', 's']);
  });

  it('Ctrl-C keeps only the latest tail of what waits, from a line start, and says how much it dropped', () => {
    const r = rig();
    const flood = Array.from({ length: 200 }, (_, i) => `y${i}\n`).join('');
    r.feed.push('s', flood);
    const waiting = r.feed.waiting('s');
    expect(waiting).toBe(flood.length - 100);
    r.feed.input('s', '\x03');
    const kept = r.feed.waiting('s');
    expect(kept).toBeLessThanOrEqual(50);
    expect(r.dropped).toEqual([waiting - kept]);
    r.parse();
    r.parse();
    const shown = r.written.join('');
    expect(shown.startsWith(flood.slice(0, 100))).toBe(true);
    expect(flood.endsWith(shown.slice(100))).toBe(true);
    expect(shown.slice(100).startsWith('y')).toBe(true);
  });

  it('after Ctrl-C a flood still arriving is trimmed until the Node side says it skipped; then everything shows', () => {
    const r = rig();
    r.feed.push('s', 'y\n'.repeat(100));
    r.feed.input('s', '\x03');
    r.feed.push('s', 'y\n'.repeat(500)); // sent before the host saw the interrupt
    expect(r.feed.waiting('s')).toBeLessThanOrEqual(50);
    r.feed.caughtUp('s');
    const tail = `${'x\n'.repeat(200)}^C\nsre@web-01:~$ `;
    r.feed.push('s', tail);
    for (let i = 0; i < 100 && r.feed.waiting('s') > 0; i++) r.parse();
    r.parse();
    expect(r.written.join('').endsWith(tail)).toBe(true);
  });

  it('a trim ends after trimMs without a notice, and slow output during it is never cut', () => {
    const r = rig();
    r.feed.push('s', 'y\n'.repeat(300));
    r.feed.input('s', '\x03');
    const droppedBefore = r.dropped.length;
    expect(droppedBefore).toBe(1);
    // A line at a time (a tail -f): never twice the tail waiting, so nothing is dropped.
    for (let i = 0; i < 10; i++) {
      r.feed.push('s', `line ${i}\n`);
      r.parse();
    }
    expect(r.dropped.length).toBe(droppedBefore);
    r.advance(1001);
    r.feed.push('s', 'z'.repeat(1000));
    expect(r.dropped.length).toBe(droppedBefore);
  });

  it('other keys trim only a session far behind', () => {
    const r = rig();
    r.feed.push('s', 'y\n'.repeat(150)); // 200 waiting, below farBehindChars (400)
    r.feed.input('s', 'q');
    expect(r.dropped).toEqual([]);
    r.feed.push('s', 'y\n'.repeat(200)); // 600 waiting
    r.feed.input('s', 'q');
    expect(r.dropped).toHaveLength(1);
  });

  it('a forgotten session drops what waits silently, and xterm callbacks of the old stream change nothing', () => {
    const r = rig();
    r.feed.push('s', 'a'.repeat(300));
    r.feed.forget('s');
    expect(r.feed.waiting('s')).toBe(0);
    r.parse();
    r.feed.push('s', 'b');
    expect(r.written.at(-1)).toBe('b');
    expect(r.dropped).toEqual([]);
  });
});
