/**
 * Milestone order, the clocks derived from it, and milestones suggested from activity for the
 * commander to confirm or dismiss.
 */
import { eventData, Milestone, type EventType, type IncidentDetails, type JournalEvent } from '../../shared/model/incident';
import { MITIGATION_COMMAND as MITIGATION } from '../../shared/model/mitigation';
import type { IncidentState } from './state';

const ORDER = Milestone.options;

/** Milestones out of order, e.g. "resolved (…) is before detected (…)". Empty when all is well. */
export function milestoneProblems(state: IncidentState): string[] {
  const problems: string[] = [];
  const set = ORDER.filter((m) => state.milestones[m]);
  for (let i = 0; i < set.length; i++) {
    for (let j = i + 1; j < set.length; j++) {
      const early = set[i] as Milestone;
      const late = set[j] as Milestone;
      const a = state.milestones[early]?.at ?? '';
      const b = state.milestones[late]?.at ?? '';
      if (b < a) problems.push(`${late} (${b}) is before ${early} (${a})`);
    }
  }
  return problems;
}

export type Clocks = IncidentDetails['clocks'];

/** Durations between milestones; a clock whose end is missing is absent (the window runs it live). */
export function clocks(state: IncidentState): Clocks {
  const at = (m: Milestone) => (state.milestones[m] ? Date.parse(state.milestones[m].at) : undefined);
  const span = (from: Milestone, to: Milestone) => {
    const a = at(from);
    const b = at(to);
    return a !== undefined && b !== undefined ? b - a : undefined;
  };
  const out: Clocks = {};
  const ttd = span('started', 'detected');
  const tta = span('detected', 'acknowledged');
  const ttm = span('started', 'mitigated');
  const ttr = span('started', 'resolved');
  if (ttd !== undefined) out.timeToDetectMs = ttd;
  if (tta !== undefined) out.timeToAcknowledgeMs = tta;
  if (ttm !== undefined) out.timeToMitigateMs = ttm;
  if (ttr !== undefined) out.timeToResolveMs = ttr;
  return out;
}

export type Suggestion = IncidentDetails['suggestions'][number];

/**
 * Candidates from activity: the first command on any host suggests "acknowledged"; a restart,
 * rollback or failover suggests "mitigated"; a status change suggests its own milestone. A
 * milestone already set, or a suggestion already dismissed, is not offered.
 */
/** The event types suggestions come from: passing only these to suggestMilestones changes nothing. */
export const SUGGESTION_TYPES: ReadonlySet<string> = new Set<EventType>(['command.broadcast', 'command.run', 'incident.status', 'marker']);

/** Finds the event with a given seq in the whole journal (a detection marker's target can be of any type). */
export type EventBySeq = (seq: number) => JournalEvent | undefined;

/**
 * `events` may be every event or only those of SUGGESTION_TYPES; then `bySeq` must look up any
 * event of the journal.
 */
export function suggestMilestones(events: readonly JournalEvent[], state: IncidentState, bySeq: EventBySeq = seqIn(events)): Suggestion[] {
  const found = new Map<Milestone, Suggestion>();
  const offer = (s: Suggestion) => {
    if (state.milestones[s.milestone] || state.dismissed.has(`${s.milestone}@${s.suggestedBy}`)) return;
    if (!found.has(s.milestone)) found.set(s.milestone, s);
  };
  for (const e of events) {
    const broadcast = eventData(e, 'command.broadcast');
    const run = eventData(e, 'command.run');
    const line = broadcast && !broadcast.withheld ? broadcast.line : run?.line;
    if (line !== undefined) {
      offer({ milestone: 'acknowledged', at: e.ts, suggestedBy: e.seq, why: 'first command run on the hosts' });
      if (MITIGATION.test(line)) offer({ milestone: 'mitigated', at: e.ts, suggestedBy: e.seq, why: `mitigation command: ${line.slice(0, 120)}` });
    }
    const status = eventData(e, 'incident.status');
    if (status) {
      const m: Milestone | undefined = status.to === 'identified' ? 'identified' : status.to === 'monitoring' ? 'mitigated' : status.to === 'resolved' ? 'resolved' : undefined;
      if (m) offer({ milestone: m, at: e.ts, suggestedBy: e.seq, why: `status changed to ${status.to}` });
    }
    const marker = eventData(e, 'marker');
    if (marker?.on && marker.marker === 'detection') {
      const ref = bySeq(marker.ref);
      offer({ milestone: 'detected', at: ref?.ts ?? e.ts, suggestedBy: e.seq, why: `event #${marker.ref} marked as detection` });
    }
  }
  return ORDER.flatMap((m) => (found.has(m) ? [found.get(m) as Suggestion] : []));
}

/** Looks up by seq in a list of every event: a journal's events sit at index seq - 1; searching for each marker made a long incident's fold quadratic. */
function seqIn(events: readonly JournalEvent[]): EventBySeq {
  return (seq) => {
    const direct = events[seq - 1];
    return direct?.seq === seq ? direct : events.find((x) => x.seq === seq);
  };
}
