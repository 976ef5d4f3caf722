import type { IncidentDetails, Milestone } from '../../../shared/model/incident';

export interface ClockView {
  key: 'ttd' | 'tta' | 'ttm' | 'ttr';
  label: string;
  title: string;
  /** Milliseconds, or undefined when the clock has not started. */
  ms?: number;
  /** True while the end milestone is missing and the clock runs with the wall clock. */
  running: boolean;
}

const SPANS: { key: ClockView['key']; label: string; title: string; from: Milestone; to: Milestone }[] = [
  { key: 'ttd', label: 'TTD', title: 'Time to detect: started → detected', from: 'started', to: 'detected' },
  { key: 'tta', label: 'TTA', title: 'Time to acknowledge: detected → acknowledged', from: 'detected', to: 'acknowledged' },
  { key: 'ttm', label: 'TTM', title: 'Time to mitigate: started → mitigated', from: 'started', to: 'mitigated' },
  { key: 'ttr', label: 'TTR', title: 'Time to resolve: started → resolved', from: 'started', to: 'resolved' },
];

/** The latest time set for each milestone (a milestone may be set again to correct it). */
export function milestoneTimes(milestones: IncidentDetails['milestones']): Partial<Record<Milestone, string>> {
  const out: Partial<Record<Milestone, string>> = {};
  for (const m of [...milestones].sort((a, b) => a.seq - b.seq)) out[m.milestone] = m.at;
  return out;
}

/**
 * The four clocks at `now`: a finished span is fixed; a span whose start is set but whose end is
 * not runs live, so the commander sees how long detection or mitigation is taking right now
 * (until the incident is resolved: then an unmeasured span shows as unset).
 */
export function liveClocks(milestones: IncidentDetails['milestones'], now: number): ClockView[] {
  const at = milestoneTimes(milestones);
  return SPANS.map(({ key, label, title, from, to }) => {
    const start = at[from] === undefined ? NaN : Date.parse(at[from]);
    const end = at[to] === undefined ? NaN : Date.parse(at[to]);
    if (Number.isNaN(start)) return { key, label, title, running: false };
    if (!Number.isNaN(end)) return { key, label, title, ms: end - start, running: false };
    // Once resolved, a span that never ended was never measured: it must not keep ticking.
    if (at.resolved !== undefined) return { key, label, title, running: false };
    return { key, label, title, ms: now - start, running: true };
  });
}
