/**
 * `warroom writeup show|set|draft`: the write-up document from a terminal. `set` meets the app at
 * the journal's lock: with --base, a save edited from a stale version is refused naming both seqs.
 * Other `writeup` subcommands (lint, waive) may register on the same parent command.
 */
import { Command, InvalidArgumentError, Option } from 'commander';
import { SectionId } from '../../shared/model/writeup';
import { writeupSections } from '../../shared/writeup/document';
import { IncidentStore } from '../incident/store';
import { loadIncidentConfig, sectionTemplate } from '../incident/config';
import { WriteupConflict, fillDrafts, overwriteSection, saveSection } from '../incident/writeup';
import { draftSection } from '../../shared/writeup/draft';
import { Journal } from '../journal/journal';
import { UserError } from '../core/errors';
import { utc, visibleControls } from '../export/escape';
import { actor, dataDir, type CliDeps } from './deps';
import { EXIT_OK, type ExitCode, type RunCommand } from './command';

/** `writeup set --base` named a version that is no longer current: nothing was saved. */
export const EXIT_CONFLICT: ExitCode = 3;

/** The `writeup` parent command, made here or by whichever file registers under it first. */
export function writeupParent(program: Command): Command {
  return program.commands.find((c) => c.name() === 'writeup') ?? program.command('writeup').description("an incident's write-up: sections, drafts, history");
}

export function registerWriteupCommands(program: Command, run: RunCommand): void {
  const writeup = writeupParent(program);
  writeup
    .command('show')
    .description('every section: title, state (empty, draft, accepted, person), version seq, citations, text')
    .argument('[id]', 'the incident (default: the active one)')
    .option('--json', 'print the sections as JSON')
    .action((id: string | undefined, o: { json?: boolean }) => run(showWriteup, { id, json: o.json ?? false }));
  writeup
    .command('set')
    .description('save a section (TEXT, or - to read it from stdin); with --base, refused if the section changed since that version')
    .usage('[options] [ID] SECTION TEXT')
    .argument('<args...>', `[ID] SECTION TEXT; SECTION is one of ${SectionId.options.join(', ')}`)
    .addOption(new Option('--base <seq>', 'the version you edited (its seq, or none for a section never saved)').argParser(parseBase))
    .action((args: string[], o: { base?: number | 'none' }) => run(setSection, { args, ...(o.base !== undefined ? { base: o.base === 'none' ? null : o.base } : {}) }));
  writeup
    .command('draft')
    .description('fill EMPTY sections with drafts from the evidence (never touches a section with text)')
    .argument('[id]', 'the incident (default: the active one)')
    .addOption(new Option('--section <section>', 'only this section').choices(SectionId.options))
    .action((id: string | undefined, o: { section?: SectionId }) => run(draftSections, { id, ...(o.section ? { section: o.section } : {}) }));
}

/** 'none' stays a string here: commander turns an option value of null into ''. */
function parseBase(value: string): number | 'none' {
  if (value === 'none') return value;
  if (!/^[1-9]\d*$/.test(value)) throw new InvalidArgumentError('a seq (a positive integer) or none');
  return Number(value);
}

export async function showWriteup({ id, json }: { id: string | undefined; json: boolean }, deps: CliDeps): Promise<ExitCode> {
  const store = new IncidentStore(dataDir(deps));
  const { incident, events } = await store.read(await store.resolve(id));
  const sections = writeupSections(events, sectionTemplate(await loadIncidentConfig(store.dataDir), incident.kind));
  if (json) {
    deps.stdout.write(`${JSON.stringify({ incident: incident.id, sections }, null, 2)}\n`);
    return EXIT_OK;
  }
  const out = [`${incident.id}: ${visibleControls(incident.title)}`];
  for (const s of sections) {
    const version = s.version === null ? 'never saved' : `#${s.version} by ${visibleControls(s.actor ?? '?')} at ${utc(s.ts ?? '')}`;
    const cites = s.citations.length ? `, cites ${s.citations.map((c) => `#${c}`).join(' ')}` : '';
    const unknown = s.unknownCitations.length ? ` (not events: ${s.unknownCitations.map((c) => `#${c}`).join(' ')})` : '';
    out.push('', `== ${s.title} [${s.id}] ${s.state}, ${version}${cites}${unknown}`);
    // Terminal-safe, line by line: a section is Markdown the user wrote, shown as written.
    if (s.state !== 'empty') out.push(...s.text.split('\n').map((line) => `  ${visibleControls(line)}`));
  }
  deps.stdout.write(`${out.join('\n')}\n`);
  return EXIT_OK;
}

export async function setSection({ args, base }: { args: string[]; base?: number | null }, deps: CliDeps): Promise<ExitCode> {
  if (args.length < 2 || args.length > 3) throw new UserError(`writeup set takes [ID] SECTION TEXT, got ${args.length} argument${args.length === 1 ? '' : 's'}`);
  const [given, sectionName, textArg] = args.length === 3 ? (args as [string, string, string]) : [undefined, ...(args as [string, string])];
  const store = new IncidentStore(dataDir(deps));
  const id = await store.resolve(given);
  const parsed = SectionId.safeParse(sectionName);
  if (!parsed.success) throw new UserError(`incident ${id}: unknown section ${JSON.stringify(sectionName)}: one of ${SectionId.options.join(', ')}`);
  const section = parsed.data;
  const text = textArg === '-' ? await readAll(deps.stdin) : textArg;
  const journal = await Journal.open(store.journalFile(id));
  try {
    const saved =
      base === undefined
        ? await overwriteSection(journal, id, { section, text }, actor(deps))
        : await saveSection(journal, id, { section, text, base }, actor(deps));
    deps.stdout.write(`${id} ${section}: saved as #${saved.seq}\n`);
    return EXIT_OK;
  } catch (err) {
    if (err instanceof WriteupConflict) {
      deps.stderr.write(`warroom: ${err.message}\n`);
      return EXIT_CONFLICT;
    }
    if (err instanceof TypeError && err.message.startsWith('invalid writeup.saved')) throw new UserError(`incident ${id}, section ${section}: ${err.message}`);
    throw err;
  } finally {
    await journal.close();
  }
}

export async function draftSections({ id, section }: { id: string | undefined; section?: SectionId }, deps: CliDeps): Promise<ExitCode> {
  const store = new IncidentStore(dataDir(deps));
  const resolved = await store.resolve(id);
  const journal = await Journal.open(store.journalFile(resolved));
  try {
    const outcome = await fillDrafts(journal, resolved, draftSection, actor(deps), section);
    for (const f of outcome.filled) deps.stdout.write(`${resolved} ${f.section}: drafted as #${f.seq}\n`);
    for (const s of outcome.skipped) deps.stdout.write(`${resolved} ${s.section}: not drafted: ${s.reason}\n`);
    return EXIT_OK;
  } finally {
    await journal.close();
  }
}

async function readAll(stream: NodeJS.ReadableStream): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(typeof chunk === 'string' ? Buffer.from(chunk) : (chunk as Buffer));
  return Buffer.concat(chunks).toString('utf8');
}
