import type { Incident, Severity } from '../../shared/model/incident';
import { Journal } from '../journal/journal';
import { UserError } from '../core/errors';
import { foldIncident } from './fold';
import { newIncidentId } from './id';
import type { IncidentStore } from './store';

export interface DeclareInput {
  title: string;
  severity: Severity;
  /** Who declares; also the first incident commander. */
  actor: string;
  /** The incident type, already checked against the incident config. */
  kind?: string;
}

/**
 * Creates the incident's folder and journal with its declaration as event 1, durable before this
 * resolves. Does not make it active: callers decide (the app always does, the CLI does too).
 */
export async function createIncident(store: IncidentStore, input: DeclareInput, opts: { watch?: boolean; pollMs?: number; checkpointEvery?: number } = {}): Promise<{ incident: Incident; journal: Journal }> {
  const title = input.title.trim();
  if (!title) throw new UserError('an incident needs a title');
  if (title.length > 500) throw new UserError('an incident title is at most 500 characters');
  const id = newIncidentId(title);
  const journal = await Journal.open(store.journalFile(id), { create: true, ...opts });
  try {
    if (journal.events.length > 0) throw new Error(`${journal.file} already has events; not declaring over it`);
    await journal.append({ type: 'incident.declared', actor: input.actor, data: { id, title, severity: input.severity, commander: input.actor, ...(input.kind ? { kind: input.kind } : {}) } });
  } catch (err) {
    await journal.close();
    throw err;
  }
  const incident = foldIncident(journal.events);
  if (!incident) throw new Error(`${journal.file}: the declaration did not take`);
  return { incident, journal };
}
