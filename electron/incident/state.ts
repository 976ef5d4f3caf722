/**
 * Everything about an incident beyond its header, folded from the journal: roles and handoffs,
 * status history, milestones, markers, pins, edits, redactions and attachments. Derived, never
 * stored, like the Incident itself.
 */
import {
  eventData,
  type IncidentStatus,
  type JournalEvent,
  type MarkerKind,
  type Milestone,
  type Role,
} from '../../shared/model/incident';

export interface Handoff {
  role: Role;
  from?: string;
  to: string;
  at: string;
  seq: number;
  actor: string;
}

export interface MilestoneMark {
  at: string;
  seq: number;
  suggestedBy?: number;
}

export interface Edit {
  seq: number;
  ts: string;
  actor: string;
  text: string;
  reason?: string;
}

export interface Redaction {
  seq: number;
  ts: string;
  actor: string;
  reason: string;
}

export interface Attachment {
  seq: number;
  ts: string;
  name: string;
  file: string;
  bytes: number;
  sha256: string;
  caption?: string;
  ref?: number;
}

export interface IncidentState {
  /** Current holders of each role (several for SMEs). */
  roles: Record<Role, string[]>;
  handoffs: Handoff[];
  statusChanges: Array<{ from: IncidentStatus; to: IncidentStatus; at: string; seq: number; actor: string; reason?: string }>;
  /** The latest mark of each milestone. `started` defaults to the declaration. */
  milestones: Partial<Record<Milestone, MilestoneMark>>;
  /** `milestone@seq` pairs the commander dismissed, so they are not suggested again. */
  dismissed: Set<string>;
  markers: Map<number, Set<MarkerKind>>;
  pinned: Set<number>;
  /** Edits per edited event, oldest first; the last is current. */
  edits: Map<number, Edit[]>;
  redactions: Map<number, Redaction>;
  attachments: Attachment[];
}

export function emptyState(): IncidentState {
  return {
    roles: { commander: [], deputy: [], scribe: [], communications: [], sme: [] },
    handoffs: [],
    statusChanges: [],
    milestones: {},
    dismissed: new Set(),
    markers: new Map(),
    pinned: new Set(),
    edits: new Map(),
    redactions: new Map(),
    attachments: [],
  };
}

/** Applies one event in place (the state is private to its owner, and events only ever append). */
export function applyToState(s: IncidentState, e: JournalEvent): void {
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
  const marker = eventData(e, 'marker');
  if (marker) {
    const set = s.markers.get(marker.ref) ?? new Set<MarkerKind>();
    if (marker.on) set.add(marker.marker);
    else set.delete(marker.marker);
    if (set.size > 0) s.markers.set(marker.ref, set);
    else s.markers.delete(marker.ref);
    return;
  }
  const pin = eventData(e, 'pin');
  if (pin) {
    if (pin.pinned) s.pinned.add(pin.ref);
    else s.pinned.delete(pin.ref);
    return;
  }
  const edit = eventData(e, 'event.edited');
  if (edit) {
    const list = s.edits.get(edit.ref) ?? [];
    list.push({ seq: e.seq, ts: e.ts, actor: e.actor, text: edit.text, ...(edit.reason ? { reason: edit.reason } : {}) });
    s.edits.set(edit.ref, list);
    return;
  }
  const redacted = eventData(e, 'event.redacted');
  if (redacted) {
    s.redactions.set(redacted.ref, { seq: e.seq, ts: e.ts, actor: e.actor, reason: redacted.reason });
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
