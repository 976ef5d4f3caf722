import { Command, InvalidArgumentError } from 'commander';
import { IncidentStore } from '../incident/store';
import { searchIncidents } from '../incident/search';
import { localTime, utc, visibleControls } from '../export/escape';
import { dataDir, type CliDeps } from './deps';
import { EXIT_OK, type ExitCode, type RunCommand } from './command';

function positive(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1) throw new InvalidArgumentError('a positive whole number');
  return n;
}

interface SearchArgs {
  words: string[];
  json?: boolean;
  limit?: number;
}

export function registerSearchCommand(program: Command, run: RunCommand): void {
  program
    .command('search')
    .description('search every incident (titles, notes, commands, hosts), newest first: e.g. warroom search pg_ctl promote')
    .argument('<text...>', 'words that must all appear (case-insensitive)')
    .option('--json', 'print the hits as JSON')
    .option('--limit <n>', 'show at most this many hits', positive)
    .action((words: string[], o: Omit<SearchArgs, 'words'>) => run(search, { words, ...o }));
}

async function search({ words, ...o }: SearchArgs, deps: CliDeps): Promise<ExitCode> {
  const { hits, skipped } = await searchIncidents(new IncidentStore(dataDir(deps)), words.join(' '), o.limit ? { limit: o.limit } : {});
  for (const problem of skipped) deps.stderr.write(`warning: skipped a damaged incident: ${problem}\n`);
  if (o.json) {
    deps.stdout.write(`${JSON.stringify(hits, null, 2)}\n`);
    return EXIT_OK;
  }
  if (hits.length === 0) deps.stdout.write('no matches\n');
  for (const h of hits) {
    const where = h.hosts.length ? ` on ${h.hosts.map((host) => (h.exitCodes ? `${host} (exit ${h.exitCodes[host] ?? '?'})` : host)).join(', ')}` : '';
    // Terminal text is untrusted: control characters are shown, never sent to this terminal.
    deps.stdout.write(`${utc(h.ts)} (${localTime(h.ts)})  ${h.incidentId} #${h.seq}  ${visibleControls(h.actor)}  ${h.kind}: ${visibleControls(h.text)}${visibleControls(where)}\n`);
  }
  return EXIT_OK;
}
