import type { Incident, JournalEvent, JournalIntegrity } from '../../shared/model/incident';
import type { ChecklistDef } from '../../shared/model/checklist';
import { BUILT_IN_CHECKLISTS } from '../../shared/model/checklistBuiltins';
import type { Slice } from './types';

export interface ExportResult {
  path: string;
  markdown: string;
}

export interface IncidentSlice {
  incident: Incident | null;
  /** The active incident's journal, ordered by seq, without duplicates. */
  events: JournalEvent[];
  lastExport: ExportResult | null;
  /** The active journal's integrity; 'broken' raises the red alarm banner. */
  integrity: JournalIntegrity | null;
  /**
   * Ticks sent but not yet on the journal, by "checklist/item". The box shows them at once (a
   * checkbox that lags the click reads as broken) and falls back to the journal if the request fails.
   */
  pendingTicks: Record<string, boolean>;
  /** The checklists to show: the built-ins until the Node side sends the team's (`checklist.definitions`). */
  checklists: readonly ChecklistDef[];
  setChecklists(checklists: readonly ChecklistDef[]): void;
  setPendingTick(checklist: string, itemId: string, done: boolean | null): void;
  setIncident(incident: Incident | null, events?: readonly JournalEvent[]): void;
  addEvents(events: readonly JournalEvent[]): void;
  setLastExport(result: ExportResult | null): void;
  /** Keeps an integrity report for the incident shown (a report about another incident is stale). */
  setIntegrity(integrity: JournalIntegrity | null): void;
}

export const createIncidentSlice: Slice<IncidentSlice> = (set, get) => ({
  incident: null,
  events: [],
  lastExport: null,
  integrity: null,
  pendingTicks: {},
  checklists: BUILT_IN_CHECKLISTS,
  setChecklists: (checklists) => set({ checklists }),
  setPendingTick: (checklist, itemId, done) => {
    const next = { ...get().pendingTicks };
    if (done === null) delete next[`${checklist}/${itemId}`];
    else next[`${checklist}/${itemId}`] = done;
    set({ pendingTicks: next });
  },
  setIncident: (incident, events) => {
    const current = get().incident;
    const sameIncident = current !== null && incident !== null && current.id === incident.id;
    if (events) set({ incident, events: mergeEvents([], events) });
    else set({ incident, events: sameIncident ? get().events : [], lastExport: sameIncident ? get().lastExport : null });
    if (!sameIncident && get().integrity?.incidentId !== incident?.id) set({ integrity: null });
  },
  setIntegrity: (integrity) => {
    if (integrity === null || integrity.incidentId === get().incident?.id) set({ integrity });
  },
  addEvents: (events) => set({ events: mergeEvents(get().events, events) }),
  setLastExport: (result) => set({ lastExport: result }),
});

/**
 * Adds events by seq. A reply and its timeline.append event carry the same event, and the socket
 * may replay after a reconnect, so seq (unique within one journal) is the identity.
 */
export function mergeEvents(current: readonly JournalEvent[], incoming: readonly JournalEvent[]): JournalEvent[] {
  if (incoming.length === 0) return current as JournalEvent[];
  // The common case, one new event after the last: no map and no sort over a 100,000-event journal.
  if (incoming.every((e, i) => e.seq > (i === 0 ? (current.at(-1)?.seq ?? 0) : (incoming[i - 1] as JournalEvent).seq))) {
    return [...current, ...incoming];
  }
  const bySeq = new Map<number, JournalEvent>();
  for (const e of current) bySeq.set(e.seq, e);
  let changed = false;
  for (const e of incoming) {
    if (!bySeq.has(e.seq)) {
      bySeq.set(e.seq, e);
      changed = true;
    }
  }
  if (!changed) return current as JournalEvent[];
  return [...bySeq.values()].sort((a, b) => a.seq - b.seq);
}
