import { Command } from 'commander';
import { verifyJournal, type VerifyResult } from '../journal/verify';
import { IncidentStore } from '../incident/store';
import { UserError } from '../rpc/handlers';
import type { CliDeps } from './deps';

/** Exit status when the chain does not hold (1 is for usage and other errors). */
export const EXIT_CHAIN_BROKEN = 2;

export function registerVerifyCommand(program: Command, deps: CliDeps): void {
  program
    .command('verify')
    .description("check an incident's journal: event count and whether the hash chain holds (exit 0 if it does, 2 if not)")
    .argument('[id]', 'the incident id')
    .option('--all', 'check every incident')
    .option('--json', 'print the result as JSON')
    .action(async (id: string | undefined, o: { all?: boolean; json?: boolean }) => {
      const store = new IncidentStore(deps.dataDir());
      if (!id && !o.all) throw new UserError('which incident? give its id, or --all');
      const ids = o.all ? await store.ids() : [id as string];
      const results: Array<{ id: string; file: string } & VerifyResult> = [];
      for (const one of ids) {
        const file = store.journalFile(one);
        if (!(await store.exists(one))) throw new UserError(`no incident ${one} (looked for ${file})`);
        results.push({ id: one, file, ...(await verifyJournal(file)) });
      }
      if (o.json) deps.stdout.write(`${JSON.stringify(o.all ? results : results[0])}\n`);
      else {
        for (const r of results) {
          if (r.ok) deps.stdout.write(`${r.id}: ${r.count} events, chain OK (head ${r.head})\n`);
          else deps.stdout.write(`${r.id}: chain BROKEN: ${r.count} events verify, then ${r.error}\n`);
        }
        if (o.all && results.length === 0) deps.stdout.write('no incidents\n');
      }
      if (results.some((r) => !r.ok)) process.exitCode = EXIT_CHAIN_BROKEN;
    });
}
