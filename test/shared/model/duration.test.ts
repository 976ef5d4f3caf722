import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { formatDuration } from '../../../shared/model/duration';

const SECOND = 1000;
const MINUTE = 60 * SECOND;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/** Reads the text back; also checks it is well formed (fields in range, zero-padded after the first). */
function parse(text: string): number {
  const m = /^(\u2212)?(?:(\d+)d (\d{2})h (\d{2})m|(\d+)h (\d{2})m (\d{2})s|(\d+)m (\d{2})s|(\d+)s)$/.exec(text);
  if (!m) throw new Error(`not a duration: ${JSON.stringify(text)}`);
  const n = (i: number) => Number(m[i] ?? 0);
  const ms = m[2] !== undefined
    ? n(2) * DAY + n(3) * HOUR + n(4) * MINUTE
    : m[5] !== undefined
      ? n(5) * HOUR + n(6) * MINUTE + n(7) * SECOND
      : m[8] !== undefined
        ? n(8) * MINUTE + n(9) * SECOND
        : n(10) * SECOND;
  for (const [i, max] of [[3, 24], [4, 60], [6, 60], [7, 60], [9, 60]] as const) if (m[i] !== undefined) expect(n(i)).toBeLessThan(max);
  return m[1] ? -ms : ms;
}

/** The smallest unit shown at this size: seconds below a day, minutes from a day on. */
const resolution = (ms: number) => (Math.abs(ms) >= DAY ? MINUTE : SECOND);

const span = fc.integer({ min: -1000 * DAY, max: 1000 * DAY });

describe('formatDuration', () => {
  it('reads each size as people write it', () => {
    expect(formatDuration(0)).toBe('0s');
    expect(formatDuration(999)).toBe('0s');
    expect(formatDuration(59_999)).toBe('59s');
    expect(formatDuration(62_000)).toBe('1m 02s');
    expect(formatDuration(3_723_000)).toBe('1h 02m 03s');
    expect(formatDuration(2 * DAY + 3 * HOUR + 4 * MINUTE + 59_999)).toBe('2d 03h 04m');
    expect(formatDuration(333 * DAY + 4 * HOUR + 5 * MINUTE)).toBe('333d 04h 05m');
  });

  it('puts a minus before a negative span instead of printing its remainder (issue 8: −333 days read "−39s")', () => {
    expect(formatDuration(-(333 * DAY + 39 * SECOND))).toBe('\u2212333d 00h 00m');
    expect(formatDuration(-1500)).toBe('\u22121s');
    expect(formatDuration(-500)).toBe('0s');
    expect(formatDuration(-(HOUR + 1))).toBe('\u22121h 00m 00s');
  });

  it('says it cannot tell rather than printing NaN', () => {
    expect(formatDuration(Number.NaN)).toBe('—');
    expect(formatDuration(Number.POSITIVE_INFINITY)).toBe('—');
  });

  it('reads back to the span, short of it by less than the smallest unit shown, with the same sign', () => {
    fc.assert(
      fc.property(fc.oneof(span, fc.double({ min: -2 * DAY, max: 2 * DAY, noNaN: true })), (ms) => {
        const back = parse(formatDuration(ms));
        expect(Math.abs(back)).toBeLessThanOrEqual(Math.abs(ms));
        expect(Math.abs(ms) - Math.abs(back)).toBeLessThan(resolution(ms));
        if (back !== 0) expect(Math.sign(back)).toBe(Math.sign(ms));
      }),
    );
  });

  it('never reads a longer span as shorter', () => {
    fc.assert(
      fc.property(span, span, (a, b) => {
        const [lo, hi] = a <= b ? [a, b] : [b, a];
        expect(parse(formatDuration(lo))).toBeLessThanOrEqual(parse(formatDuration(hi)));
      }),
    );
  });

  it('reads a negative span as its positive twin after a minus', () => {
    fc.assert(
      fc.property(fc.integer({ min: SECOND, max: 1000 * DAY }), (ms) => {
        expect(formatDuration(-ms)).toBe(`\u2212${formatDuration(ms)}`);
      }),
    );
  });
});
