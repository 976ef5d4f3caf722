import { Command, Option } from 'commander';
import { IncidentStore } from '../incident/store';
import { EXPORT_FORMATS, renderExport, writeExport, type ExportFormat } from '../export/write';
import { dataDir, type CliDeps } from './deps';
import { EXIT_OK, type ExitCode, type RunCommand } from './command';

interface ExportArgs {
  id: string;
  format: ExportFormat;
  out?: string;
  redact?: boolean;
}

export function registerExportCommand(program: Command, run: RunCommand): void {
  program
    .command('export')
    .description("write an incident's write-up (md, html, pdf) or complete record (json); prints the file written")
    .argument('<id>', 'the incident id')
    .addOption(new Option('--format <format>', 'md, html, pdf (printed by a local Chromium) or json').choices([...EXPORT_FORMATS]).default('md'))
    .option('--out <file>', "where to write it; - for stdout (default: the incident's exports/ folder)")
    // Redacted content is withheld from every export now; the flag stays so existing scripts run.
    .addOption(new Option('--redact', 'redacted events are always withheld (the default)').hideHelp())
    .action((id: string, o: Omit<ExportArgs, 'id'>) => run(exportIncident, { id, ...o }));
}

export async function exportIncident({ id, ...o }: ExportArgs, deps: CliDeps): Promise<ExitCode> {
  const store = new IncidentStore(dataDir(deps));
  const { incident, events, tornBytes } = await store.read(id);
  if (tornBytes > 0) deps.stderr.write(`warning: ${store.journalFile(id)} ends with a torn line (${tornBytes} bytes) that is not exported\n`);
  const request = { dataDir: store.dataDir, incident, events, format: o.format };
  if (o.out === '-') {
    if (o.format === 'pdf') throw new Error('a PDF cannot go to stdout: give --out FILE');
    deps.stdout.write(await renderExport(request));
    return EXIT_OK;
  }
  const { file } = await writeExport({ ...request, ...(o.out ? { out: o.out } : {}) });
  // Not journalled, like exports from the window (IncidentService.exportAs says why).
  deps.stdout.write(`${file}\n`);
  return EXIT_OK;
}
