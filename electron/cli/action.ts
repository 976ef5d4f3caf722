/**
 * `warroom action add|list|set|export`: action items (follow-ups) of one incident or of all. Add
 * and set check every field before anything is written and print the action's id; list and export
 * read journals without writing them.
 */
import { Command, InvalidArgumentError, Option } from 'commander';
import { stringify } from 'csv-stringify/sync';
import { ACTION_COLUMNS, actionOfEvent, ActionStatus, filterActions, foldActions, isOverdue, statusText, utcToday, type ActionListItem } from '../../shared/model/action';
import { actionCreatedDraft, actionUpdatedDraft, listActions } from '../incident/action-items';
import { changeIncident } from '../incident/session';
import { UserError } from '../core/errors';
import { IncidentStore } from '../incident/store';
import { actor, dataDir, type CliDeps } from './deps';
import { collect, EXIT_OK, type ExitCode, type RunCommand } from './command';
import { table } from './incidents';

function seq(value: string): number {
  const n = Number(value.replace(/^#/, ''));
  if (!Number.isInteger(n) || n < 1) throw new InvalidArgumentError('an event seq is a positive whole number (as printed by log, or #N in the timeline)');
  return n;
}

interface AddArgs {
  incident?: string;
  title: string;
  owner: string;
  due: string;
  priority: string;
  type: string;
  from: string[];
  ticket?: string;
}

interface SetArgs {
  ref: string;
  status?: string;
  reason?: string;
  evidence?: string;
  title?: string;
  owner?: string;
  due?: string;
  priority?: string;
  type?: string;
  /** `--no-ticket` gives false: remove the ticket. */
  ticket?: string | false;
}

interface ListArgs {
  incident?: string;
  overdue?: boolean;
  json?: boolean;
}

export function registerActionCommand(program: Command, run: RunCommand): void {
  const action = program.command('action').description('action items (follow-ups) of incidents');

  action
    .command('add')
    .description('add an action item to an incident (default: the active one) and print its id')
    .argument('[id]', 'the incident (default: the active one)')
    .requiredOption('--title <text>', 'what is to be done')
    .requiredOption('--owner <who>', 'who does it')
    .requiredOption('--due <date>', 'YYYY-MM-DD (UTC)')
    .requiredOption('--priority <P>', 'P0 (most urgent) to P3')
    .requiredOption('--type <type>', 'mitigate, prevent, detect or process')
    .option('--from <seq>', 'an event it came from (repeatable)', collect, [])
    .option('--ticket <url>', 'the http(s) link of its ticket')
    .action((id: string | undefined, o: Omit<AddArgs, 'incident'>) => run(addAction, { ...o, ...(id !== undefined ? { incident: id } : {}) }));

  action
    .command('set')
    .description('change an action: its status (with --reason or --evidence) and/or fields; prints its id')
    .argument('<action>', 'INCIDENT-ID/A3, or A3 for the active incident')
    .addOption(new Option('--status <status>', 'the new status').choices(ActionStatus.options))
    .option('--reason <text>', 'why it is not being done (required with not-doing)')
    .option('--evidence <seq>', 'the event that proves the fix (required with verified)')
    .option('--title <text>', 'a new title')
    .option('--owner <who>', 'a new owner')
    .option('--due <date>', 'a new due date, YYYY-MM-DD')
    .option('--priority <P>', 'a new priority, P0 to P3')
    .option('--type <type>', 'a new type')
    .option('--ticket <url>', 'a new ticket link')
    .option('--no-ticket', 'remove its ticket link')
    .action((ref: string, o: Omit<SetArgs, 'ref'>) => run(setAction, { ref, ...o }));

  action
    .command('list')
    .description('list action items of every incident, or of one; overdue: open and due before today (UTC)')
    .option('--incident <id>', 'only this incident')
    .option('--overdue', 'only overdue actions')
    .option('--json', 'print them as JSON')
    .action((o: ListArgs) => run(listCommand, o));

  action
    .command('export')
    .description('print action items as CSV: of one incident, or of every incident when none is named')
    .argument('[id]', 'the incident (default: every incident)')
    .addOption(new Option('--format <format>', 'csv').choices(['csv']).default('csv'))
    .action((id: string | undefined) => run(exportCommand, id));
}

async function addAction(o: AddArgs, deps: CliDeps): Promise<ExitCode> {
  const store = new IncidentStore(dataDir(deps));
  const id = await store.resolve(o.incident);
  const input = {
    title: o.title,
    owner: o.owner,
    due: o.due,
    priority: o.priority.toUpperCase(),
    type: o.type.toLowerCase(),
    from: o.from.map(seq),
    ...(o.ticket !== undefined ? { ticket: o.ticket } : {}),
  };
  const e = await changeIncident(store, id, ({ journal }) => actionCreatedDraft(journal.events, input, actor(deps)));
  // The id as folded: another writer may have taken the drafted one a moment before (see applyAction).
  const action = actionOfEvent(foldActions((await store.read(id)).events), e);
  if (!action) throw new Error(`an action was recorded as #${e.seq} in ${id} but does not fold`);
  deps.stdout.write(`${id}/${action.id}\n`);
  return EXIT_OK;
}

/** `INC/A3` or `A3` (the active incident). */
function splitRef(ref: string): { incident: string | undefined; id: string } {
  const at = ref.lastIndexOf('/');
  return at < 0 ? { incident: undefined, id: ref } : { incident: ref.slice(0, at), id: ref.slice(at + 1) };
}

/** A ticket link, or null (remove it) for `--no-ticket`; an empty `--ticket ''` is refused with the way to remove one. */
function ticketChange(ticket: string | false): string | null {
  if (ticket === false) return null;
  if (!ticket.trim()) throw new UserError('ticket: an empty link is not a ticket; remove the ticket with --no-ticket');
  return ticket;
}

async function setAction(o: SetArgs, deps: CliDeps): Promise<ExitCode> {
  const store = new IncidentStore(dataDir(deps));
  const ref = splitRef(o.ref);
  const incident = await store.resolve(ref.incident);
  const changes = {
    ...(o.title !== undefined ? { title: o.title } : {}),
    ...(o.owner !== undefined ? { owner: o.owner } : {}),
    ...(o.due !== undefined ? { due: o.due } : {}),
    ...(o.priority !== undefined ? { priority: o.priority.toUpperCase() } : {}),
    ...(o.type !== undefined ? { type: o.type.toLowerCase() } : {}),
    ...(o.ticket !== undefined ? { ticket: ticketChange(o.ticket) } : {}),
  };
  const input = {
    id: ref.id,
    changes,
    ...(o.status !== undefined ? { status: o.status } : {}),
    ...(o.reason !== undefined ? { reason: o.reason } : {}),
    ...(o.evidence !== undefined ? { evidence: seq(o.evidence) } : {}),
  };
  await changeIncident(store, incident, ({ journal }) => actionUpdatedDraft(journal.events, input, actor(deps)));
  deps.stdout.write(`${incident}/${ref.id}\n`);
  return EXIT_OK;
}

async function listCommand(o: ListArgs, deps: CliDeps): Promise<ExitCode> {
  const { actions, skipped } = await listActions(new IncidentStore(dataDir(deps)), o.incident);
  for (const s of skipped) deps.stderr.write(`warning: skipped ${s}\n`);
  const today = utcToday();
  const shown = filterActions(actions, { overdue: o.overdue === true }, today);
  if (o.json) {
    deps.stdout.write(`${JSON.stringify(shown, null, 2)}\n`);
    return EXIT_OK;
  }
  if (shown.length === 0) {
    deps.stdout.write(o.overdue ? 'no overdue actions\n' : 'no actions yet: add one with `warroom action add --title ...`\n');
    return EXIT_OK;
  }
  const rows = shown.map((a) => [`${a.incident}/${a.id}`, a.status === 'open' && isOverdue(a, today) ? 'OVERDUE' : statusText(a), a.priority, a.due, a.type, a.owner, a.ticket ?? '', a.title]);
  deps.stdout.write(table([['ACTION', 'STATUS', 'PRI', 'DUE', 'TYPE', 'OWNER', 'TICKET', 'TITLE'], ...rows]));
  return EXIT_OK;
}

/** One row per action; the incident first so rows from several incidents stay apart. */
export function actionsCsv(actions: readonly ActionListItem[]): string {
  const header = ['incident', ...ACTION_COLUMNS, 'reason', 'evidence', 'from'];
  const rows = actions.map((a) => [a.incident, a.id, a.title, a.type, a.owner, a.due, a.priority, a.ticket ?? '', a.status, a.reason ?? '', a.evidence ?? '', a.from.map((s) => `#${s}`).join(' ')]);
  // escape_formulas: a title that starts with = or + must not run as a formula in a spreadsheet.
  return stringify([header, ...rows], { escape_formulas: true });
}

async function exportCommand(id: string | undefined, deps: CliDeps): Promise<ExitCode> {
  const store = new IncidentStore(dataDir(deps));
  const { actions, skipped } = await listActions(store, id);
  for (const s of skipped) deps.stderr.write(`warning: skipped ${s}\n`);
  deps.stdout.write(actionsCsv(actions));
  return EXIT_OK;
}
