import { eventHosts, type EventType, type JournalEvent, type TimelineFilter } from '../../shared/model/incident';

/** The timeline's quick filters, as groups of event types a commander thinks in. */
export const TIMELINE_KINDS = {
  commands: ['command.broadcast', 'command.run'],
  notes: ['note', 'event.edited', 'attachment'],
  hosts: ['session.connected', 'session.disconnected', 'session.reconnected', 'recording.sealed'],
  checklist: ['checklist.tick'],
  changes: ['incident.declared', 'incident.status', 'incident.severity', 'incident.title', 'role.assigned', 'role.released', 'milestone', 'milestone.dismissed'],
} as const satisfies Record<string, readonly EventType[]>;
export type TimelineKind = keyof typeof TIMELINE_KINDS;

/** Every host named on the timeline, for the host filter. */
export function timelineHosts(events: readonly JournalEvent[]): string[] {
  const hosts = new Set<string>();
  for (const event of events) for (const h of eventHosts(event)) hosts.add(h);
  return [...hosts].sort((a, b) => a.localeCompare(b));
}

/** The shared filter for the window's choices: a kind (or pinned only) and a host. */
export function buildFilter(kind: TimelineKind | 'all' | 'pinned', host: string): TimelineFilter {
  return {
    types: kind === 'all' || kind === 'pinned' ? undefined : [...TIMELINE_KINDS[kind]],
    pinnedOnly: kind === 'pinned' || undefined,
    hosts: host ? [host] : undefined,
  };
}
