import { createInterface } from 'node:readline';
import { Command } from 'commander';
import type { EventDraft, JournalEvent } from '../../shared/model/incident';
import { Journal } from '../journal/journal';
import { IncidentStore } from '../incident/store';
import { noteDraft } from '../incident/actions';
import { actor, dataDir, type CliDeps } from './deps';
import { EXIT_ERROR, EXIT_OK, type ExitCode, type RunCommand } from './command';

/** Lines from stdin in flight at once; above it reading pauses so a flood cannot exhaust memory. */
const MAX_IN_FLIGHT = 8192;

interface LogArgs {
  words: string[];
  incident?: string;
}

export function registerLogCommand(program: Command, run: RunCommand): void {
  program
    .command('log')
    .description('add a note to an incident; exits 0 only once it is durable. With "-", one note per stdin line, printing each seq once durable')
    .option('--incident <id>', 'the incident (default: the active one)')
    .argument('<text...>', 'the note, or - to read notes from stdin')
    .action((words: string[], o: { incident?: string }) => run(log, { words, ...o }));
}

async function log({ words, incident }: LogArgs, deps: CliDeps): Promise<ExitCode> {
  const store = new IncidentStore(dataDir(deps));
  const id = await store.resolve(incident);
  const fromStdin = words.length === 1 && words[0] === '-';
  // Checked before the journal is opened (and locked): a bad note changes nothing.
  const single = fromStdin ? undefined : noteDraft(words.join(' '), actor(deps));
  const journal = await Journal.open(store.journalFile(id));
  try {
    if (!single) return await logStdin(journal, deps);
    const e = await journal.append(single);
    deps.stdout.write(`${e.seq}\n`);
    return EXIT_OK;
  } finally {
    await journal.close();
  }
}

/**
 * One note per non-blank line. A line the note builder refuses (too long) is reported on stderr by
 * its line number and the rest still land; the exit code then says not everything did.
 */
async function logStdin(journal: Journal, deps: CliDeps): Promise<ExitCode> {
  const rl = createInterface({ input: deps.stdin, crlfDelay: Infinity });
  const who = actor(deps);
  let printed: Promise<void> = Promise.resolve();
  let inFlight = 0;
  let failure: unknown;
  let refused = false;
  let line = 0;
  for await (const raw of rl) {
    line++;
    if (failure) break;
    if (!raw.trim()) continue;
    let draft: EventDraft;
    try {
      draft = noteDraft(raw, who);
    } catch (err) {
      deps.stderr.write(`warroom: stdin line ${line}: ${err instanceof Error ? err.message : String(err)}\n`);
      refused = true;
      continue;
    }
    // Appends are not awaited one by one: lines that arrive during an fsync share the next one.
    const appended = journal.append(draft);
    inFlight++;
    if (inFlight >= MAX_IN_FLIGHT) rl.pause();
    printed = printed.then(async () => {
      try {
        const e: JournalEvent = await appended;
        deps.stdout.write(`${e.seq}\n`);
      } catch (err) {
        failure ??= err;
      } finally {
        inFlight--;
        if (inFlight < MAX_IN_FLIGHT / 2) rl.resume();
      }
    });
  }
  await printed;
  if (failure) throw failure;
  return refused ? EXIT_ERROR : EXIT_OK;
}
