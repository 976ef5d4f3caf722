import { Milestone, type IncidentDetails, type JournalEvent } from '../../shared/model/incident';
import { clocks, milestoneProblems, suggestMilestones, type EventBySeq } from './milestones';
import type { IncidentState } from './state';

/**
 * The folded state as plain JSON for the window and the JSON export. `events` are every event, or
 * only those of SUGGESTION_TYPES with `bySeq` finding any event (see suggestMilestones).
 */
export function toDetails(state: IncidentState, events: readonly JournalEvent[], bySeq?: EventBySeq): IncidentDetails {
  return {
    roles: { ...state.roles },
    handoffs: [...state.handoffs],
    statusChanges: [...state.statusChanges],
    milestones: Milestone.options.flatMap((m) => {
      const mark = state.milestones[m];
      return mark ? [{ milestone: m, ...mark }] : [];
    }),
    milestoneProblems: milestoneProblems(state),
    clocks: clocks(state),
    suggestions: suggestMilestones(events, state, bySeq),
    markers: [...state.markers].map(([seq, set]) => ({ seq, markers: [...set] })),
    pinned: [...state.pinned].sort((a, b) => a - b),
    edits: [...state.edits].flatMap(([ref, list]) => list.map((e) => ({ ref, ...e }))),
    redactions: [...state.redactions].map(([ref, r]) => ({ ref, ...r })),
    attachments: [...state.attachments],
  };
}
