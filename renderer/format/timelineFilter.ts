import { eventData, eventHosts, type EventType, type IncidentDetails, type JournalEvent, type MarkerKind, type TimelineFilter } from '../../shared/model/incident';

/** The timeline's quick filters, as groups of event types a commander thinks in. */
export const TIMELINE_KINDS = {
  commands: ['command.broadcast', 'command.run'],
  notes: ['note', 'event.edited', 'attachment'],
  hosts: ['session.connected', 'session.disconnected', 'session.reconnected'],
  checklist: ['checklist.tick'],
  changes: ['incident.declared', 'incident.status', 'incident.severity', 'incident.title', 'role.assigned', 'role.released', 'milestone', 'milestone.dismissed'],
} as const satisfies Record<string, readonly EventType[]>;
export type TimelineKind = keyof typeof TIMELINE_KINDS;

/** Markers and pins as the journal leaves them: the last word on each event wins. */
export function foldMarks(events: readonly JournalEvent[]): Pick<IncidentDetails, 'markers' | 'pinned'> {
  const marks = new Map<number, Set<MarkerKind>>();
  const pinned = new Set<number>();
  for (const event of events) {
    const marker = eventData(event, 'marker');
    if (marker) {
      const set = marks.get(marker.ref) ?? new Set<MarkerKind>();
      if (marker.on) set.add(marker.marker);
      else set.delete(marker.marker);
      marks.set(marker.ref, set);
    }
    const pin = eventData(event, 'pin');
    if (pin) {
      if (pin.pinned) pinned.add(pin.ref);
      else pinned.delete(pin.ref);
    }
  }
  return {
    markers: [...marks].filter(([, set]) => set.size > 0).map(([seq, set]) => ({ seq, markers: [...set] })),
    pinned: [...pinned],
  };
}

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
