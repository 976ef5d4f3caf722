import { Command } from 'commander';
import { verifyJournal } from '../journal/verify';
import { IncidentStore } from '../incident/store';
import type { CliDeps } from './deps';

/** Exit status when the chain does not hold (1 is for usage and other errors). */
export const EXIT_CHAIN_BROKEN = 2;

export function registerVerifyCommand(program: Command, deps: CliDeps): void {
  program
    .command('verify')
    .description("check an incident's journal: event count and whether the hash chain holds (exit 0 if it does, 2 if not)")
    .argument('<id>', 'the incident id')
    .option('--json', 'print the result as JSON')
    .action(async (id: string, o: { json?: boolean }) => {
      const store = new IncidentStore(deps.dataDir());
      const file = store.journalFile(id);
      if (!(await store.exists(id))) throw new Error(`no incident ${id} (looked for ${file})`);
      const result = await verifyJournal(file);
      if (o.json) deps.stdout.write(`${JSON.stringify({ id, file, ...result })}\n`);
      else if (result.ok) deps.stdout.write(`${id}: ${result.count} events, chain OK (head ${result.head})\n`);
      else deps.stdout.write(`${id}: chain BROKEN: ${result.count} events verify, then ${result.error}\n`);
      if (!result.ok) process.exitCode = EXIT_CHAIN_BROKEN;
    });
}
