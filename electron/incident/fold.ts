/** The incident is never stored on its own: it is folded from its journal, so the two cannot disagree. */
import { eventData, type EventType, type Incident, type JournalEvent } from '../../shared/model/incident';
import { UserError } from '../core/errors';

/**
 * The event types that change the incident beyond its event count: folding only these (and taking
 * the count from the journal) gives the same incident, parsing a fraction of a long journal.
 */
export const INCIDENT_TYPES: ReadonlySet<string> = new Set<EventType>(['incident.declared', 'incident.status', 'incident.severity', 'incident.title', 'role.assigned']);

/** Applies one event to the incident so far. Pure: returns a new object when something changed. */
export function applyEvent(incident: Incident | null, e: JournalEvent): Incident | null {
  const declared = eventData(e, 'incident.declared');
  if (declared && !incident) {
    return {
      id: declared.id,
      title: declared.title,
      severity: declared.severity,
      status: 'investigating',
      commander: declared.commander,
      startedAt: e.ts,
      eventCount: e.seq,
      ...(declared.kind ? { kind: declared.kind } : {}),
    };
  }
  if (!incident) return null;
  const next = { ...incident, eventCount: e.seq };
  const status = eventData(e, 'incident.status');
  if (status) next.status = status.to;
  const severity = eventData(e, 'incident.severity');
  if (severity) next.severity = severity.to;
  const title = eventData(e, 'incident.title');
  if (title) next.title = title.to;
  const role = eventData(e, 'role.assigned');
  if (role?.role === 'commander') next.commander = role.to;
  return next;
}

/** Folds events into the incident they describe; null if the journal has no declaration yet. */
export function foldIncident(events: readonly JournalEvent[]): Incident | null {
  let incident: Incident | null = null;
  for (const e of events) incident = applyEvent(incident, e);
  return incident;
}

/** The one wording for a journal that declares no incident, naming the file when it is known. */
export function notDeclared(file?: string): UserError {
  return new UserError(`${file ? `${file}: ` : ''}the journal has no incident.declared event`);
}

/** The incident `events` declare; a UserError naming `file` when they declare none. */
export function requireIncident(events: readonly JournalEvent[], file: string): Incident {
  const incident = foldIncident(events);
  if (!incident) throw notDeclared(file);
  return incident;
}

/** The incident from only the events of INCIDENT_TYPES, counting `count` events in all. */
export function foldIncidentOf(typed: readonly JournalEvent[], count: number): Incident | null {
  const incident = foldIncident(typed);
  return incident ? { ...incident, eventCount: count } : null;
}

/** True when the change is worth telling the window about (not just one more event). */
export function materiallyDiffers(a: Incident | null, b: Incident | null): boolean {
  if (!a || !b) return a !== b;
  return a.id !== b.id || a.title !== b.title || a.severity !== b.severity || a.status !== b.status || a.commander !== b.commander;
}
