import type { Incident, JournalEvent, JournalIntegrity } from '../../shared/model/incident';
import type { ChecklistDef } from '../../shared/model/checklist';
import type { PanelFolds } from '../../shared/model/panelFolds';
import { BUILT_IN_CHECKLISTS } from '../../shared/model/checklistBuiltins';
import type { Slice } from './types';

export interface ExportResult {
  path: string;
  markdown: string;
}

export interface IncidentSlice {
  incident: Incident | null;
  /**
   * The active incident's journal, ordered by seq, without duplicates. A big journal arrives newest
   * page first (renderer/app/timelinePages.ts): until `olderThan` is null, events below it may be
   * missing, except those fetched around a cited event.
   */
  events: JournalEvent[];
  /** Events with a seq below this one are still being fetched; null: every event is here. */
  olderThan: number | null;
  /**
   * The Node side's folds of the whole journal for the checklist, actions and review panels, while
   * `olderThan` is set (renderer/app/usePanelFold.ts); null once every event is here.
   */
  panelFolds: PanelFolds | null;
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
  /**
   * The active incident, with its events (or only its newest: then `olderThan` is the oldest seq
   * given). The same incident keeps the events it has and merges the given ones.
   */
  setIncident(incident: Incident | null, events?: readonly JournalEvent[], olderThan?: number | null): void;
  addEvents(events: readonly JournalEvent[]): void;
  /** A page of older events arrived; events below `olderThan` are still missing (null: none is). */
  addOlder(events: readonly JournalEvent[], olderThan: number | null): void;
  /** Keeps the panels' folds of incident `incidentId` while its journal is partial (folds of another incident are stale). */
  setPanelFolds(incidentId: string | null, folds: PanelFolds | null): void;
  setLastExport(result: ExportResult | null): void;
  /** Keeps an integrity report for the incident shown (a report about another incident is stale). */
  setIntegrity(integrity: JournalIntegrity | null): void;
}

export const createIncidentSlice: Slice<IncidentSlice> = (set, get) => ({
  incident: null,
  events: [],
  olderThan: null,
  panelFolds: null,
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
  setIncident: (incident, events, olderThan) => {
    const current = get().incident;
    const sameIncident = current !== null && incident !== null && current.id === incident.id;
    if (events && sameIncident) {
      // A reload of the same journal (the link came back): keep what was fetched, add what is new.
      set({ incident, events: mergeEvents(get().events, events), olderThan: lower(get().olderThan, olderThan ?? null) });
    } else if (events) set({ incident, events: mergeEvents([], events), olderThan: olderThan ?? null });
    else set({ incident, events: sameIncident ? get().events : [], olderThan: sameIncident ? get().olderThan : null, lastExport: sameIncident ? get().lastExport : null });
    if (!sameIncident && get().integrity?.incidentId !== incident?.id) set({ integrity: null });
    if (!sameIncident || get().olderThan === null) set({ panelFolds: null });
  },
  setIntegrity: (integrity) => {
    if (integrity === null || integrity.incidentId === get().incident?.id) set({ integrity });
  },
  addEvents: (events) => set({ events: mergeEvents(get().events, events) }),
  addOlder: (events, olderThan) => {
    const next = lower(get().olderThan, olderThan);
    set({ events: mergeEvents(get().events, events), olderThan: next, ...(next === null ? { panelFolds: null } : {}) });
  },
  setPanelFolds: (incidentId, folds) => {
    if (incidentId !== null && incidentId === get().incident?.id && get().olderThan !== null) set({ panelFolds: folds });
  },
  setLastExport: (result) => set({ lastExport: result }),
});

/** Where the missing events end after two reports: null (none missing) once either says so. */
function lower(a: number | null, b: number | null): number | null {
  return a === null || b === null ? null : Math.min(a, b);
}

/**
 * Adds events by seq. A reply and its timeline.append event carry the same event, and the socket
 * may replay after a reconnect, so seq (unique within one journal) is the identity.
 */
export function mergeEvents(current: readonly JournalEvent[], incoming: readonly JournalEvent[]): JournalEvent[] {
  if (incoming.length === 0) return current as JournalEvent[];
  const sorted = incoming.every((e, i) => i === 0 || e.seq > (incoming[i - 1] as JournalEvent).seq)
    ? incoming
    : [...incoming].sort((a, b) => a.seq - b.seq).filter((e, i, all) => i === 0 || e.seq !== (all[i - 1] as JournalEvent).seq);
  const first = sorted[0] as JournalEvent;
  const last = sorted[sorted.length - 1] as JournalEvent;
  // The common cases, new events after the last or a page of older ones before the first: no
  // walk over a 100,000-event journal.
  if (current.length === 0 || first.seq > (current[current.length - 1] as JournalEvent).seq) return [...current, ...sorted];
  if (last.seq < (current[0] as JournalEvent).seq) return [...sorted, ...current];
  // Otherwise one walk over both, in order, keeping the event already held on a repeated seq.
  const merged: JournalEvent[] = [];
  let i = 0;
  let j = 0;
  while (i < current.length || j < sorted.length) {
    const a = current[i];
    const b = sorted[j];
    if (b === undefined || (a !== undefined && a.seq < b.seq)) {
      merged.push(a as JournalEvent);
      i++;
    } else if (a === undefined || b.seq < a.seq) {
      merged.push(b);
      j++;
    } else {
      merged.push(a);
      i++;
      j++;
    }
  }
  return merged.length === current.length ? (current as JournalEvent[]) : merged;
}

/**
 * The events of `next` after the newest of `prev`: what the journal gained, not the older pages
 * a big journal's window fetches afterwards.
 */
export function newEvents(next: readonly JournalEvent[], prev: readonly JournalEvent[]): readonly JournalEvent[] {
  if (next === prev) return [];
  const newest = prev.at(-1)?.seq ?? 0;
  let i = next.length;
  while (i > 0 && (next[i - 1] as JournalEvent).seq > newest) i--;
  return next.slice(i);
}
