import path from 'node:path';
import { promises as fs } from 'node:fs';
import { Command, Option } from 'commander';
import { exportsDir } from '../app/paths';
import { IncidentStore } from '../incident/store';
import { Journal } from '../journal/journal';
import { writeFileAtomic } from '../journal/files';
import { renderMarkdown } from '../export/markdown';
import { listRecordings } from '../export/recordings';
import { renderJson } from '../export/json';
import type { CliDeps } from './deps';

const EXTENSIONS = { md: 'md', json: 'json' } as const;
type Format = keyof typeof EXTENSIONS;

export function registerExportCommand(program: Command, deps: CliDeps): void {
  program
    .command('export')
    .description("write an incident's write-up (md) or complete record (json); prints the file written")
    .argument('<id>', 'the incident id')
    .addOption(new Option('--format <format>', 'md or json').choices(Object.keys(EXTENSIONS)).default('md'))
    .option('--out <file>', "where to write it; - for stdout (default: the incident's exports/ folder)")
    .option('--redact', 'json: replace the content of redacted events with the reason (for sharing outside the team)')
    .action(async (id: string, o: { format: Format; out?: string; redact?: boolean }) => {
      const store = new IncidentStore(deps.dataDir());
      const { incident, events, tornBytes } = await store.read(id);
      if (tornBytes > 0) deps.stderr.write(`warning: ${store.journalFile(id)} ends with a torn line (${tornBytes} bytes) that is not exported\n`);
      const text =
        o.format === 'md' ? renderMarkdown(incident, events, { recordings: await listRecordings(store.dataDir, id) }) : renderJson(incident, events, { redact: o.redact ?? false });
      if (o.out === '-') {
        deps.stdout.write(text);
        return;
      }
      const file = path.resolve(o.out ?? path.join(exportsDir(store.dataDir, id), `${id}.${EXTENSIONS[o.format]}`));
      await fs.mkdir(path.dirname(file), { recursive: true });
      await writeFileAtomic(file, text);
      // The export itself goes on the timeline, as it does from the window. A journal that cannot
      // be written (read-only archive) still exports: the write-up is what was asked for.
      try {
        const journal = await Journal.open(store.journalFile(id));
        try {
          await journal.append({ type: 'export', actor: deps.actor(), data: { format: o.format === 'md' ? 'markdown' : 'json', path: file } });
        } finally {
          await journal.close();
        }
      } catch (err) {
        deps.stderr.write(`warning: exported, but could not record the export on the timeline: ${err instanceof Error ? err.message : String(err)}\n`);
      }
      deps.stdout.write(`${file}\n`);
    });
}
