/** `warroom checklist show|tick`: the same fold as the window (shared/model/checklistState.ts), on any incident. */
import { Command } from 'commander';
import { checklistItemIds, findChecklistItem } from '../../shared/model/checklist';
import { evaluateChecklists, type ChecklistItemStatus } from '../../shared/model/checklistState';
import { foldWaivers } from '../../shared/model/closing';
import { IncidentStore } from '../incident/store';
import { loadIncidentConfig } from '../incident/config';
import { UserError } from '../core/errors';
import { utc, visibleControls } from '../export/escape';
import { dataDir, type CliDeps } from './deps';
import { EXIT_OK, type ExitCode, type RunCommand } from './command';
import { changeCommand } from './incident-change';
import { waiveItemDraft } from '../incident/actions';

export function registerChecklistCommand(program: Command, run: RunCommand): void {
  const checklist = program.command('checklist').description('the Respond, Write-up and Post-mortem checklists (and your own): what is done, by which event, what is overdue');

  checklist
    .command('show')
    .description('every checklist item: done or not, the event that ticked it, when it is due')
    .argument('[id]', 'the incident (default: the active one)')
    .option('--json', 'print the checklists as JSON')
    .action((id: string | undefined, o: { json?: boolean }) => run(show, { id, json: o.json === true }));

  checklist
    .command('waive')
    .description('leave an item undone on purpose, with the reason (closing an incident needs every post-mortem item done or waived); prints the seq')
    .usage('[options] [ID] LIST/ITEM --reason WHY')
    .argument('<id-or-item>', 'the incident (default: the active one), then the item as LIST/ITEM (e.g. postmortem/tickets)')
    .argument('[item]', 'the item, when an incident id comes first')
    .requiredOption('--reason <text>', 'why it is not done')
    .action((first: string, second: string | undefined, o: { reason: string }) =>
      run(waive, second === undefined ? { id: undefined, item: first, reason: o.reason } : { id: first, item: second, reason: o.reason }),
    );

  checklist
    .command('tick')
    .description('tick an item by hand (or untick it with --undo); prints the seq')
    .usage('[options] [ID] LIST/ITEM')
    .argument('<id-or-item>', 'the incident (default: the active one), then the item as LIST/ITEM (e.g. respond/commander)')
    .argument('[item]', 'the item, when an incident id comes first')
    .option('--undo', 'untick the item')
    .action((first: string, second: string | undefined, o: { undo?: boolean }) =>
      // An optional argument cannot come before a required one in commander: one argument is the item.
      run(tick, second === undefined ? { id: undefined, item: first, done: o.undo !== true } : { id: first, item: second, done: o.undo !== true }),
    );
}

async function show({ id, json }: { id: string | undefined; json: boolean }, deps: CliDeps): Promise<ExitCode> {
  const dir = dataDir(deps);
  const store = new IncidentStore(dir);
  const { incident, events } = await store.read(await store.resolve(id));
  const lists = evaluateChecklists((await loadIncidentConfig(dir)).checklists, events, new Date());
  const waivers = foldWaivers(events);
  if (json) {
    deps.stdout.write(`${JSON.stringify({ incident: { id: incident.id, title: incident.title, severity: incident.severity }, checklists: lists, waivers: [...waivers.values()] }, null, 2)}\n`);
    return EXIT_OK;
  }
  const v = visibleControls;
  const width = Math.max(...lists.flatMap((l) => l.items.map((i) => l.id.length + 1 + i.id.length)));
  const lines = [`${incident.id}: ${v(incident.title)} (${incident.severity})`];
  for (const list of lists) {
    const overdue = list.items.filter((i) => i.overdue).length;
    lines.push('', `${v(list.title)} ${list.done}/${list.total}${overdue ? `, ${overdue} overdue` : ''}`);
    for (const item of list.items) {
      const waived = item.done ? undefined : waivers.get(`${list.id}/${item.id}`);
      lines.push(`  [${item.done ? 'x' : waived ? '-' : ' '}] ${`${list.id}/${item.id}`.padEnd(width)}  ${v(item.label)}${waived ? `  (waived by ${v(waived.actor)} #${waived.seq}: ${v(waived.reason)})` : itemNote(item)}`);
    }
  }
  deps.stdout.write(`${lines.join('\n')}\n`);
  return EXIT_OK;
}

function itemNote(item: ChecklistItemStatus): string {
  const notes: string[] = [];
  if (item.cause) notes.push(item.cause.by === 'rule' ? `by #${item.cause.seq}` : `${item.done ? 'ticked' : 'unticked'} by ${visibleControls(item.cause.actor)} #${item.cause.seq}`);
  if (!item.done && item.due) notes.push(`${item.overdue ? 'OVERDUE since' : 'due'} ${utc(item.due).replace(/\.\d{3} UTC$/, ' UTC')}`);
  if (!item.done && item.kind === 'manual') notes.push('manual');
  return notes.length ? `  (${notes.join(', ')})` : '';
}

async function waive({ id, item, reason }: { id: string | undefined; item: string; reason: string }, deps: CliDeps): Promise<ExitCode> {
  const lists = (await loadIncidentConfig(dataDir(deps))).checklists;
  return changeCommand({ incident: id, draft: ({ journal }, who) => waiveItemDraft(lists, journal.events, item, reason, who) }, deps);
}

async function tick({ id, item, done }: { id: string | undefined; item: string; done: boolean }, deps: CliDeps): Promise<ExitCode> {
  const lists = (await loadIncidentConfig(dataDir(deps))).checklists;
  const [listId = '', itemId = ''] = item.split('/');
  const def = item.split('/').length === 2 ? findChecklistItem(lists, listId, itemId) : undefined;
  if (!def) throw new UserError(`unknown checklist item ${JSON.stringify(item)}: one of ${checklistItemIds(lists).join(', ')}`);
  return changeCommand(
    { incident: id, draft: (_open, who) => ({ type: 'checklist.tick', actor: who, data: { checklist: listId, itemId, label: def.label, done } }) },
    deps,
  );
}
