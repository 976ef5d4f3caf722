/** The spans drafts state, for any order and size of moments: the words follow the sign, the numbers add up. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { formatDuration } from '../../../../shared/model/duration';
import { Severity } from '../../../../shared/model/incident';
import { draftSection } from '../../../../shared/writeup/draft';
import { HandJournal } from './journal';

const DAY = 86_400_000;
const BASE = Date.parse('2026-11-30T00:00:00.000Z');
const iso = (offsetMs: number) => new Date(BASE + offsetMs).toISOString();

/** "1d 02h 03m" or "4m 05s" back to seconds, to the precision the text shows. */
function seconds(text: string): number {
  const unit: Record<string, number> = { d: 86_400, h: 3600, m: 60, s: 1 };
  return [...text.matchAll(/(\d+)([dhms])/g)].reduce((n, m) => n + Number(m[1]) * (unit[m[2] as string] ?? 0), 0);
}

describe('spans in drafts', () => {
  it('Impact: severity times sum to the whole span, and an end before the declaration is said so', () => {
    fc.assert(
      fc.property(
        fc.array(fc.record({ after: fc.integer({ min: 0, max: 40 * DAY }), to: fc.constantFrom(...Severity.options) }), { maxLength: 6 }),
        fc.integer({ min: -2 * DAY, max: 400 * DAY }),
        (changes, endOffset) => {
          const j = new HandJournal();
          j.add(iso(0), 'incident.declared', { id: 'INC-1', title: 't', severity: 'SEV3', commander: 'a' });
          let sev: Severity = 'SEV3';
          for (const c of [...changes].sort((a, b) => a.after - b.after)) {
            j.add(iso(c.after), 'incident.severity', { from: sev, to: c.to });
            sev = c.to;
          }
          const text = draftSection('impact', j.events, { details: j.details, now: iso(endOffset) }) ?? '';
          const totals = Severity.options.flatMap((s) => [...text.matchAll(new RegExp(`^- ${s}: (.+?) \\(#`, 'gm'))].map((m) => seconds(m[1] as string)));
          if (endOffset < 0) {
            expect(text).toContain(`is ${formatDuration(-endOffset)} before the declaration`);
            expect(totals.every((t) => t === 0)).toBe(true);
          } else {
            expect(text).toContain(`- In all: ${formatDuration(endOffset)} from the declaration (#1)`);
            const sum = totals.reduce((a, b) => a + b, 0);
            // Each total is cut to what its text shows, so the sum may fall short by the units cut off.
            expect(sum).toBeLessThanOrEqual(Math.floor(endOffset / 1000));
            expect(sum).toBeGreaterThanOrEqual(seconds(formatDuration(endOffset)) - totals.length * (endOffset >= DAY ? 60 : 1));
          }
          expect(text).not.toMatch(/NaN|undefined|Infinity|\u2212/);
        },
      ),
    );
  });

  it('Detection: time to detect reads "after" or "before" the start with the size of the span', () => {
    fc.assert(
      fc.property(fc.integer({ min: -30 * DAY, max: 30 * DAY }), (offset) => {
        const j = new HandJournal();
        j.add(iso(0), 'incident.declared', { id: 'INC-1', title: 't', severity: 'SEV3', commander: 'a' });
        j.add(iso(1000), 'milestone', { milestone: 'detected', at: iso(offset) });
        const text = draftSection('detection', j.events, { details: j.details }) ?? '';
        const words = offset < 0 ? `${formatDuration(-offset)} before the start` : `${formatDuration(offset)} after the start`;
        expect(text).toContain(`- Time to detect: ${words}`);
        expect(text.includes('one of the two milestones is wrong')).toBe(offset < 0);
      }),
    );
  });
});
