import { Command } from 'commander';
import { IncidentStore } from '../incident/store';
import { formatDuration, listIncidents } from '../incident/list';
import { utc } from '../export/escape';
import { dataDir, type CliDeps } from './deps';
import { EXIT_OK, type ExitCode, type RunCommand } from './command';

export function registerIncidentsCommand(program: Command, run: RunCommand): void {
  program
    .command('incidents')
    .description('list incidents, newest first, with status, severity, dates and duration (* marks the active one)')
    .option('--json', 'print the list as JSON')
    .action((o: { json?: boolean }) => run(incidents, o));
}

async function incidents(o: { json?: boolean }, deps: CliDeps): Promise<ExitCode> {
  const list = await listIncidents(new IncidentStore(dataDir(deps)));
  if (o.json) {
    deps.stdout.write(`${JSON.stringify(list, null, 2)}\n`);
    return EXIT_OK;
  }
  if (list.length === 0) {
    deps.stdout.write('no incidents yet: declare one with `warroom incident new --title ...`\n');
    return EXIT_OK;
  }
  const rows = list.map((i) =>
    i.error
      ? [i.active ? '*' : ' ', i.id, 'DAMAGED', '', '', '', '', i.error]
      : [
          i.active ? '*' : ' ',
          i.id,
          i.status ?? '',
          i.severity ?? '',
          i.startedAt ? utc(i.startedAt) : '',
          i.resolvedAt ? utc(i.resolvedAt) : '',
          i.durationMs !== undefined ? formatDuration(i.durationMs) + (i.resolvedAt ? '' : '+') : '',
          i.title ?? '',
        ],
  );
  deps.stdout.write(table([[' ', 'ID', 'STATUS', 'SEV', 'STARTED', 'RESOLVED', 'DURATION', 'TITLE'], ...rows]));
  return EXIT_OK;
}

/** Columns padded to their widest cell; the last column is left ragged. */
export function table(rows: string[][]): string {
  const widths = rows[0]?.map((_, c) => Math.max(...rows.map((r) => (r[c] ?? '').length))) ?? [];
  return rows.map((r) => r.map((cell, c) => (c === r.length - 1 ? cell : cell.padEnd(widths[c] ?? 0))).join('  ').trimEnd()).join('\n') + '\n';
}
