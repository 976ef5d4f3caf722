/** The incident list: one summary per incident folder, newest first, damaged ones included with their error. */
import type { IncidentSummary } from '../../shared/model/incidentList';
import { foldState } from './state';
import type { IncidentStore } from './store';

export type { IncidentSummary };

export async function listIncidents(store: IncidentStore): Promise<IncidentSummary[]> {
  const active = await store.activeId().catch(() => null);
  const out: IncidentSummary[] = [];
  for (const id of await store.ids()) {
    try {
      const { incident, events } = await store.read(id);
      const state = foldState(events);
      const resolvedAt =
        incident.status === 'resolved' || incident.status === 'closed' ? (state.milestones.resolved?.at ?? state.statusChanges.filter((c) => c.to === 'resolved').at(-1)?.at) : undefined;
      const lastEventAt = events.at(-1)?.ts;
      const end = resolvedAt ?? lastEventAt;
      out.push({
        id,
        title: incident.title,
        severity: incident.severity,
        status: incident.status,
        commander: incident.commander,
        startedAt: incident.startedAt,
        ...(resolvedAt ? { resolvedAt } : {}),
        ...(lastEventAt ? { lastEventAt } : {}),
        ...(end ? { durationMs: Math.max(0, Date.parse(end) - Date.parse(incident.startedAt)) } : {}),
        eventCount: events.length,
        active: id === active,
      });
    } catch (err) {
      out.push({ id, eventCount: 0, active: id === active, error: err instanceof Error ? err.message : String(err) });
    }
  }
  return out.sort((a, b) => (b.startedAt ?? b.id).localeCompare(a.startedAt ?? a.id));
}

/** Lists, the CLI and the write-up read durations like the window does. */
export { formatDuration } from '../../shared/model/duration';
