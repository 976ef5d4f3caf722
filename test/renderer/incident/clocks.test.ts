import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import type { IncidentDetails, Milestone } from '../../../shared/model/incident';
import { liveClocks, milestoneTimes } from '../../../renderer/panels/incident/clocks';
import { formatElapsed } from '../../../renderer/format/time';

const T0 = Date.parse('2026-11-25T23:50:00.000Z');
const iso = (ms: number) => new Date(ms).toISOString();

/** Milestones as incident.details carries them: started at T0 (the declaration), others at T0 + offset. */
function milestonesFor(marks: Partial<Record<Milestone, number>>): IncidentDetails['milestones'] {
  const list: IncidentDetails['milestones'] = [{ milestone: 'started', at: iso(T0), seq: 1 }];
  for (const [m, offset] of Object.entries(marks)) list.push({ milestone: m as Milestone, at: iso(T0 + offset), seq: list.length + 1 });
  return list;
}

describe('live clocks', () => {
  it('are fixed spans once both ends are set, run from their start until the end is set, and stop at resolution', () => {
    const offsets = fc.record(
      { detected: fc.nat(7_200_000), acknowledged: fc.nat(7_200_000), mitigated: fc.nat(86_400_000), resolved: fc.nat(172_800_000) },
      { requiredKeys: [] },
    );
    const spans = { ttd: ['started', 'detected'], tta: ['detected', 'acknowledged'], ttm: ['started', 'mitigated'], ttr: ['started', 'resolved'] } as const;
    fc.assert(
      fc.property(offsets, fc.nat(3 * 86_400_000), (marks, later) => {
        const now = T0 + later;
        const at: Partial<Record<Milestone, number>> = { started: 0, ...marks };
        const clocks = liveClocks(milestonesFor(marks), now);
        expect(clocks.map((c) => c.key)).toEqual(['ttd', 'tta', 'ttm', 'ttr']);
        for (const clock of clocks) {
          const [from, to] = spans[clock.key];
          const start = at[from];
          const end = at[to];
          if (start === undefined) expect([clock.running, clock.ms]).toEqual([false, undefined]);
          else if (end === undefined && at.resolved !== undefined) expect([clock.running, clock.ms]).toEqual([false, undefined]);
          else if (end === undefined) expect([clock.running, clock.ms]).toEqual([true, later - start]);
          else expect([clock.running, clock.ms]).toEqual([false, end - start]);
        }
      }),
      { numRuns: 300 },
    );
  });

  it('take the latest mark of a milestone set twice (a correction)', () => {
    const corrected = [...milestonesFor({ detected: 60_000 }), { milestone: 'detected' as const, at: iso(T0 + 30_000), seq: 99 }];
    expect(milestoneTimes(corrected).detected).toBe(iso(T0 + 30_000));
    expect(liveClocks(corrected, T0 + 100_000).find((c) => c.key === 'ttd')?.ms).toBe(30_000);
  });

  it('read negative, at full size, when a milestone is set before the start (issue 8: −333 days read "−39s")', () => {
    const early = -(333 * 86_400_000 + 39_000);
    const ttd = liveClocks(milestonesFor({ detected: early }), T0).find((c) => c.key === 'ttd');
    expect(ttd).toMatchObject({ ms: early, running: false });
    expect(formatElapsed(ttd?.ms ?? 0)).toBe('\u2212333d 00h 00m');
  });
});
