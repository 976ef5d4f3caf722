import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { formatUtcInput, parseUtcInput } from '../../../renderer/panels/incident/utcInput';

describe('UTC time input', () => {
  it('reads back what it shows, to the second, for any time', () => {
    const ms = fc.integer({ min: Date.UTC(2000, 0, 1), max: Date.UTC(2099, 11, 31, 23, 59, 59) });
    fc.assert(
      fc.property(ms, (t) => {
        const parsed = parseUtcInput(formatUtcInput(t));
        expect(parsed).toEqual({ ok: true, iso: new Date(Math.floor(t / 1000) * 1000).toISOString() });
      }),
    );
  });

  it('takes minutes without seconds, a T, and a UTC or Z suffix; never the local zone', () => {
    expect(parseUtcInput('2026-11-25 23:59')).toEqual({ ok: true, iso: '2026-11-25T23:59:00.000Z' });
    expect(parseUtcInput(' 2026-11-26T00:01:30 UTC ')).toEqual({ ok: true, iso: '2026-11-26T00:01:30.000Z' });
    expect(parseUtcInput('2026-11-26 00:01:30Z')).toEqual({ ok: true, iso: '2026-11-26T00:01:30.000Z' });
  });

  it('refuses dates that do not exist instead of rolling them over, and says what it got', () => {
    for (const bad of ['2026-02-30 10:00', '2026-13-01 10:00', '2026-11-25 24:00', '2026-11-25 10:60', '2026-11-25 10:00:61']) {
      const parsed = parseUtcInput(bad);
      expect(parsed.ok, bad).toBe(false);
      if (!parsed.ok) expect(parsed.error).toContain(bad);
    }
    const parsed = parseUtcInput('yesterday at noon');
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) expect(parsed.error).toContain('"yesterday at noon" is not a UTC time');
  });
});
