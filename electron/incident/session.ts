/**
 * One incident opened for a single change (the CLI, the review and meeting exports): the journal is
 * opened (recovering a torn tail), the incident and its state are folded, a check builds the
 * draft, and it is appended.
 */
import type { EventDraft, Incident, JournalEvent } from '../../shared/model/incident';
import { Journal } from '../journal/journal';
import { requireIncident } from './fold';
import { foldState, type IncidentState } from './state';
import type { IncidentStore } from './store';

export interface OpenIncident {
  journal: Journal;
  incident: Incident;
  state: IncidentState;
}

/**
 * Runs `work` on an incident's journal, opened (recovering a torn tail) with its incident folded,
 * and closes it after. Open reads the whole file, so `work` sees every event written so far; one
 * more writer meanwhile is met by append, which catches up under the lock. The state is folded
 * on first use only (a review change or an export need not fold it).
 */
export async function withIncident<T>(journalFile: string, work: (o: OpenIncident) => Promise<T>): Promise<T> {
  const journal = await Journal.open(journalFile);
  try {
    const incident = requireIncident(journal.events, journal.file);
    let state: IncidentState | undefined;
    return await work({
      journal,
      incident,
      get state() {
        return (state ??= foldState(journal.events));
      },
    });
  } finally {
    await journal.close();
  }
}

export function changeIncident(store: IncidentStore, id: string, draft: (o: OpenIncident) => EventDraft | Promise<EventDraft>): Promise<JournalEvent> {
  return withIncident(store.journalFile(id), async (o) => o.journal.append(await draft(o)));
}
