/**
 * `warroom writeup lint` and `warroom writeup waive`: the blameless lint from a terminal. Each
 * command is a function of its parsed arguments and the CLI's deps that returns the exit status;
 * `registerWriteupLintCommands` only wires them into commander under `writeup` (created here if no
 * other file has made it yet).
 */
import { Command, InvalidArgumentError, Option } from 'commander';
import { SectionId } from '../../shared/model/writeup';
import { RuleId, whereText, type Finding, type LintWhere } from '../../shared/writeup/lint/finding';
import { lintJournal } from '../../shared/writeup/lint/journal';
import { IncidentStore } from '../incident/store';
import { waiveDraft } from '../incident/lint';
import { Journal } from '../journal/journal';
import { UserError } from '../core/errors';
import { visibleControls } from '../export/escape';
import { actor, dataDir, type CliDeps } from './deps';
import { EXIT_OK, type ExitCode, type RunCommand } from './command';

/** Exit status while a finding is neither fixed nor waived (1 is for usage and other errors). */
export const EXIT_OPEN_FINDINGS = 2;

export interface LintArgs {
  id?: string;
  json?: boolean;
}

export async function lintCommand(args: LintArgs, deps: CliDeps): Promise<ExitCode> {
  const store = new IncidentStore(dataDir(deps));
  const id = await store.resolve(args.id);
  const { events } = await store.read(id);
  const report = lintJournal(events);
  if (args.json) {
    deps.stdout.write(`${JSON.stringify({ incident: id, ...report }, null, 2)}\n`);
  } else {
    for (const f of report.findings) deps.stdout.write(`${findingLine(f)}\n`);
    const read = `${report.checked.sections.length} section${report.checked.sections.length === 1 ? '' : 's'} and ${report.checked.notes} note${report.checked.notes === 1 ? '' : 's'}`;
    const waived = report.findings.length - report.open;
    deps.stdout.write(
      report.findings.length === 0
        ? `${id}: no findings in ${read}\n`
        : `${id}: ${report.open} open, ${waived} waived, in ${read}${report.open ? '; rewrite them, or waive one with `warroom writeup waive`' : ''}\n`,
    );
  }
  return report.open > 0 ? EXIT_OPEN_FINDINGS : EXIT_OK;
}

/** `summary 3:14 counterfactual "should have": suggestion`, and the waiver when there is one. */
export function findingLine(f: Finding): string {
  const v = visibleControls;
  const head = `${whereText(f.where)} ${f.line}:${f.column} ${f.rule} "${v(f.words)}"`;
  return f.waived ? `${head} waived by ${v(f.waived.actor)} (#${f.waived.seq}): ${v(f.waived.reason)}` : `${head}: ${f.suggestion}`;
}

export interface WaiveArgs {
  id?: string;
  rule: RuleId;
  words: string;
  section?: SectionId;
  seq?: number;
  reason: string;
}

export async function waiveCommand(args: WaiveArgs, deps: CliDeps): Promise<ExitCode> {
  const where = whereOf(args);
  const store = new IncidentStore(dataDir(deps));
  const id = await store.resolve(args.id);
  const journal = await Journal.open(store.journalFile(id));
  try {
    const e = await journal.append(waiveDraft(journal.events, { rule: args.rule, words: args.words, where, reason: args.reason }, actor(deps)));
    deps.stdout.write(`${e.seq}\n`);
    return EXIT_OK;
  } catch (err) {
    if (err instanceof UserError) throw new UserError(`${id}: ${err.message}`);
    throw err;
  } finally {
    await journal.close();
  }
}

function whereOf(args: Pick<WaiveArgs, 'section' | 'seq'>): LintWhere {
  if (args.section !== undefined && args.seq === undefined) return { section: args.section };
  if (args.seq !== undefined && args.section === undefined) return { seq: args.seq };
  throw new UserError('say where the finding is: --section S or --seq N (one of them)');
}

function parsed<T>(schema: { safeParse(v: unknown): { success: true; data: T } | { success: false } }, what: string, choices: readonly string[]) {
  return (value: string): T => {
    const r = schema.safeParse(value);
    if (!r.success) throw new InvalidArgumentError(`${what} is one of ${choices.join(', ')}`);
    return r.data;
  };
}

function seqArg(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1) throw new InvalidArgumentError('a seq is a positive whole number (the note\'s #N)');
  return n;
}

export function registerWriteupLintCommands(program: Command, run: RunCommand): void {
  const writeup = program.commands.find((c) => c.name() === 'writeup') ?? program.command('writeup').description('the write-up: its sections and the blameless lint');
  writeup
    .command('lint')
    .description(`the blameless lint over the notes and the latest text of each section; exits ${EXIT_OPEN_FINDINGS} while a finding is neither fixed nor waived`)
    .argument('[id]', 'the incident (default: the active one)')
    .option('--json', 'print the report as JSON')
    .action((id: string | undefined, o: { json?: boolean }) => run(lintCommand, { ...(id ? { id } : {}), json: o.json ?? false }));
  writeup
    .command('waive')
    .description('keep a lint finding on purpose, with the reason (recorded on the timeline)')
    .argument('[id]', 'the incident (default: the active one)')
    .addOption(new Option('--rule <rule>', 'the finding\'s rule').argParser(parsed(RuleId, 'a rule', RuleId.options)).makeOptionMandatory())
    .requiredOption('--words <words>', 'the flagged words, as the lint printed them')
    .addOption(new Option('--section <section>', 'the section the finding is in').argParser(parsed(SectionId, 'a section', SectionId.options)))
    .addOption(new Option('--seq <n>', 'the note the finding is in').argParser(seqArg))
    .requiredOption('--reason <reason>', 'why the words stay')
    .action((id: string | undefined, o: Omit<WaiveArgs, 'id'>) => run(waiveCommand, { ...o, ...(id ? { id } : {}) }));
}
