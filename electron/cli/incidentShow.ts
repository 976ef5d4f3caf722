import { Command } from 'commander';
import { IncidentStore } from '../incident/store';
import { foldState } from '../incident/state';
import { toDetails } from '../incident/details';
import { formatDuration } from '../incident/list';
import { localTime, utc, visibleControls } from '../export/escape';
import type { CliDeps } from './deps';

export function registerShowCommand(incident: Command, deps: CliDeps): void {
  incident
    .command('show')
    .description('show an incident: header, roles, milestones and clocks, suggestions')
    .argument('[id]', 'the incident (default: the active one)')
    .option('--json', 'print incident and details as JSON')
    .action(async (id: string | undefined, o: { json?: boolean }) => {
      const store = new IncidentStore(deps.dataDir());
      const { incident, events } = await store.read(await store.resolve(id));
      const details = toDetails(foldState(events), events);
      if (o.json) {
        deps.stdout.write(`${JSON.stringify({ incident, details }, null, 2)}\n`);
        return;
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
    });
}
