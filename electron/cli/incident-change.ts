/** What most `warroom incident` subcommands are: append one event to an incident and print its seq. */
import type { EventDraft } from '../../shared/model/incident';
import { IncidentStore } from '../incident/store';
import { changeIncident, type OpenIncident } from '../incident/session';
import { EXIT_OK, type ExitCode } from './command';
import { actor, dataDir, type CliDeps } from './deps';

export interface ChangeArgs {
  /** The incident id; undefined means the active one. */
  incident: string | undefined;
  /** The event to append, built against the incident as it is now; may throw a UserError saying why not. */
  draft: (open: OpenIncident & { store: IncidentStore; id: string }, actor: string) => EventDraft | Promise<EventDraft>;
}

export async function changeCommand({ incident, draft }: ChangeArgs, deps: CliDeps): Promise<ExitCode> {
  const store = new IncidentStore(dataDir(deps));
  const id = await store.resolve(incident);
  const who = actor(deps);
  const e = await changeIncident(store, id, (open) => draft({ ...open, store, id }, who));
  deps.stdout.write(`${e.seq}\n`);
  return EXIT_OK;
}
