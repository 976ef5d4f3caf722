/**
 * `warroom writeup state [ID] in-review|approved|published|draft [--reason R]`: the write-up's
 * review, from a terminal. Approval records the rendered write-up's sha256 and the journal head;
 * publishing writes the approved bytes to the incident's exports/ and prints the file.
 */
import { Command } from 'commander';
import { UserError } from '../core/errors';
import { WriteupState } from '../../shared/model/writeup';
import { IncidentStore } from '../incident/store';
import { changeWriteupState } from '../export/review';
import { actor, dataDir, type CliDeps } from './deps';
import { EXIT_OK, type ExitCode, type RunCommand } from './command';

export interface StateArgs {
  id?: string;
  to: WriteupState;
  reason?: string;
}

export async function stateCommand(args: StateArgs, deps: CliDeps): Promise<ExitCode> {
  const store = new IncidentStore(dataDir(deps));
  const id = await store.resolve(args.id);
  const done = await changeWriteupState({
    dataDir: store.dataDir,
    journalFile: store.journalFile(id),
    id,
    actor: actor(deps),
    to: args.to,
    ...(args.reason ? { reason: args.reason } : {}),
  });
  for (const e of done.events) deps.stdout.write(`${e.seq}\n`);
  if (done.published) deps.stdout.write(`${done.published}\n`);
  return EXIT_OK;
}

function state(value: string): WriteupState {
  const parsed = WriteupState.safeParse(value.toLowerCase());
  if (!parsed.success) throw new UserError(`unknown write-up state ${JSON.stringify(value)}: a write-up state is one of ${WriteupState.options.join(', ')}`);
  return parsed.data;
}

export function registerWriteupStateCommand(program: Command, run: RunCommand): void {
  const writeup = program.commands.find((c) => c.name() === 'writeup') ?? program.command('writeup').description('the write-up: its sections and the blameless lint');
  writeup
    .command('state')
    .description('move the write-up through review: draft → in-review → approved (by someone who did not write it) → published, or back to draft; prints the seqs (and the published file)')
    .usage('[options] [ID] STATE')
    .argument('<id-or-state>', `the incident (default: the active one), then the state: ${WriteupState.options.join(' | ')}`)
    .argument('[state]', 'the state, when an incident id comes first')
    .option('--reason <text>', 'why (e.g. why it is reopened)')
    .action((first: string, second: string | undefined, o: { reason?: string }) =>
      run(stateCommand, { ...(second === undefined ? { to: state(first) } : { id: first, to: state(second) }), ...(o.reason ? { reason: o.reason } : {}) }),
    );
}
