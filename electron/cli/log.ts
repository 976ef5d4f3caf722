import { createInterface } from 'node:readline';
import { Command } from 'commander';
import type { JournalEvent } from '../../shared/model/incident';
import { Journal } from '../journal/journal';
import { IncidentStore } from '../incident/store';
import { UserError } from '../core/errors';
import type { CliDeps } from './deps';

/** Lines from stdin in flight at once; above it reading pauses so a flood cannot exhaust memory. */
const MAX_IN_FLIGHT = 8192;

export function registerLogCommand(program: Command, deps: CliDeps): void {
  program
    .command('log')
    .description('add a note to an incident; exits 0 only once it is durable. With "-", one note per stdin line, printing each seq once durable')
    .option('--incident <id>', 'the incident (default: the active one)')
    .argument('<text...>', 'the note, or - to read notes from stdin')
    .action(async (words: string[], o: { incident?: string }) => {
      const store = new IncidentStore(deps.dataDir());
      const id = await store.resolve(o.incident);
      const journal = await Journal.open(store.journalFile(id));
      try {
        if (words.length === 1 && words[0] === '-') await logStdin(journal, deps);
        else {
          const text = words.join(' ').trim();
          if (!text) throw new UserError('the note is empty');
          const e = await journal.append({ type: 'note', actor: deps.actor(), data: { text } });
          deps.stdout.write(`${e.seq}\n`);
        }
      } finally {
        await journal.close();
      }
    });
}

async function logStdin(journal: Journal, deps: CliDeps): Promise<void> {
  const rl = createInterface({ input: deps.stdin, crlfDelay: Infinity });
  const actor = deps.actor();
  let printed: Promise<void> = Promise.resolve();
  let inFlight = 0;
  let failure: unknown;
  for await (const raw of rl) {
    if (failure) break;
    const text = raw.trim();
    if (!text) continue;
    // Appends are not awaited one by one: lines that arrive during an fsync share the next one.
    const appended = journal.append({ type: 'note', actor, data: { text: text.slice(0, 64 * 1024) } });
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
}
