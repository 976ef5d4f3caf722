import { Command } from 'commander';
import { IncidentStore } from '../incident/store';
import { foldState } from '../incident/state';
import { toDetails } from '../incident/details';
import { formatDuration } from '../incident/list';
import { localTime, utc, visibleControls } from '../export/escape';
import { dataDir, type CliDeps } from './deps';
import { EXIT_OK, type ExitCode, type RunCommand } from './command';

export function registerShowCommand(incident: Command, run: RunCommand): void {
  incident
    .command('show')
    .description('show an incident: header, roles, milestones and clocks, suggestions')
    .argument('[id]', 'the incident (default: the active one)')
    .option('--json', 'print incident and details as JSON')
    .action((id: string | undefined, o: { json?: boolean }) => run(show, { id, ...o }));
}

async function show({ id, json }: { id: string | undefined; json?: boolean }, deps: CliDeps): Promise<ExitCode> {
  const store = new IncidentStore(dataDir(deps));
  const { incident, events } = await store.read(await store.resolve(id));
  const details = toDetails(foldState(events), events);
  if (json) {
    deps.stdout.write(`${JSON.stringify({ incident, details }, null, 2)}\n`);
    return EXIT_OK;
  }
  const v = visibleControls;
  const lines = [
    `${incident.id}: ${v(incident.title)}`,
    `  ${incident.severity}, ${incident.status}, commander ${v(incident.commander)}, started ${utc(incident.startedAt)} (${localTime(incident.startedAt)}), ${incident.eventCount} events`,
    `  roles: ${Object.entries(details.roles).map(([r, w]) => `${r}=${w.map(v).join('+') || '-'}`).join(' ')}`,
    ...details.milestones.map((m) => `  milestone ${m.milestone.padEnd(12)} ${utc(m.at)} (${localTime(m.at)})  #${m.seq}`),
    ...Object.entries(details.clocks).map(([k, ms]) => `  ${k.replace(/Ms$/, '').replace(/([A-Z])/g, ' $1').toLowerCase()}: ${formatDuration(ms)}`),
    ...details.milestoneProblems.map((p) => `  ERROR milestones out of order: ${p}`),
    ...details.suggestions.map((s) => `  suggested: ${s.milestone} at ${utc(s.at)} (${localTime(s.at)}), from #${s.suggestedBy}: ${v(s.why)}`),
  ];
  deps.stdout.write(`${lines.join('\n')}\n`);
  return EXIT_OK;
}
