/**
 * One incident opened for a single change (the CLI): the journal is opened (recovering a torn
 * tail), the incident and its state are folded, a check builds the draft, and it is appended.
 */
import type { EventDraft, Incident, JournalEvent } from '../../shared/model/incident';
import { Journal } from '../journal/journal';
import { UserError } from '../core/errors';
import { foldIncident } from './fold';
import { foldState, type IncidentState } from './state';
import type { IncidentStore } from './store';

export interface OpenIncident {
  journal: Journal;
  incident: Incident;
  state: IncidentState;
}

export async function changeIncident(store: IncidentStore, id: string, draft: (o: OpenIncident) => EventDraft | Promise<EventDraft>): Promise<JournalEvent> {
  const journal = await Journal.open(store.journalFile(id));
  try {
    const incident = foldIncident(journal.events);
    if (!incident) throw new UserError(`${journal.file}: the journal has no incident.declared event`);
    return await journal.append(await draft({ journal, incident, state: foldState(journal.events) }));
  } finally {
    await journal.close();
  }
}
