/**
 * Everything about an incident beyond its header, folded from the journal: roles and handoffs,
 * status history, milestones, markers, pins, edits, redactions and attachments. Derived, never
 * stored, like the Incident itself.
 */
import { applyAnnotation, emptyAnnotations, type Annotations } from '../../shared/model/annotations';
import { eventData, type EventType, type IncidentDetails, type JournalEvent, type Milestone } from '../../shared/model/incident';

/** Entry shapes are IncidentDetails' own (shared/model/incident.ts), so the two cannot drift apart. */
export type Handoff = IncidentDetails['handoffs'][number];
export type MilestoneMark = Omit<IncidentDetails['milestones'][number], 'milestone'>;
export type Attachment = IncidentDetails['attachments'][number];
export type { Edit, Redaction } from '../../shared/model/annotations';

/** Markers, pins, edits and redactions come from the shared fold (shared/model/annotations.ts). */
export interface IncidentState extends Annotations {
  /** Current holders of each role (several for SMEs). */
  roles: IncidentDetails['roles'];
  handoffs: Handoff[];
  statusChanges: IncidentDetails['statusChanges'];
  /** The latest mark of each milestone. `started` defaults to the declaration. */
  milestones: Partial<Record<Milestone, MilestoneMark>>;
  /** `milestone@seq` pairs the commander dismissed, so they are not suggested again. */
  dismissed: Set<string>;
  attachments: Attachment[];
}

/** The event types applyToState reads: folding only these gives the same state. */
export const STATE_TYPES: ReadonlySet<string> = new Set<EventType>([
  'marker',
  'pin',
  'event.edited',
  'event.redacted',
  'incident.declared',
  'role.assigned',
  'role.released',
  'incident.status',
  'milestone',
  'milestone.dismissed',
  'attachment',
]);

export function emptyState(): IncidentState {
  return {
    roles: { commander: [], deputy: [], scribe: [], communications: [], sme: [] },
    handoffs: [],
    statusChanges: [],
    milestones: {},
    dismissed: new Set(),
    attachments: [],
    ...emptyAnnotations(),
  };
}

/** Applies one event in place (the state is private to its owner, and events only ever append). */
export function applyToState(s: IncidentState, e: JournalEvent): void {
  if (applyAnnotation(s, e)) return;
  const declared = eventData(e, 'incident.declared');
  if (declared) {
    s.roles.commander = [declared.commander];
    s.handoffs.push({ role: 'commander', to: declared.commander, at: e.ts, seq: e.seq, actor: e.actor });
    s.milestones.started ??= { at: e.ts, seq: e.seq };
    return;
  }
  const role = eventData(e, 'role.assigned');
  if (role) {
    const holders = s.roles[role.role];
    // One commander, deputy, scribe and comms lead at a time; SMEs accumulate.
    if (role.role === 'sme') {
      if (!holders.includes(role.to)) holders.push(role.to);
    } else s.roles[role.role] = [role.to];
    s.handoffs.push({ role: role.role, ...(role.from ? { from: role.from } : {}), to: role.to, at: e.ts, seq: e.seq, actor: e.actor });
    return;
  }
  const released = eventData(e, 'role.released');
  if (released) {
    s.roles[released.role] = s.roles[released.role].filter((w) => w !== released.who);
    return;
  }
  const status = eventData(e, 'incident.status');
  if (status) {
    s.statusChanges.push({ from: status.from, to: status.to, at: e.ts, seq: e.seq, actor: e.actor, ...(status.reason ? { reason: status.reason } : {}) });
    return;
  }
  const milestone = eventData(e, 'milestone');
  if (milestone) {
    s.milestones[milestone.milestone] = { at: milestone.at, seq: e.seq, ...(milestone.suggestedBy ? { suggestedBy: milestone.suggestedBy } : {}) };
    return;
  }
  const dismissed = eventData(e, 'milestone.dismissed');
  if (dismissed) {
    s.dismissed.add(`${dismissed.milestone}@${dismissed.suggestedBy}`);
    return;
  }
  const attachment = eventData(e, 'attachment');
  if (attachment) s.attachments.push({ seq: e.seq, ts: e.ts, ...attachment });
}

export function foldState(events: readonly JournalEvent[]): IncidentState {
  const s = emptyState();
  for (const e of events) applyToState(s, e);
  return s;
}
