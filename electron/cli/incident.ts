import { Command, InvalidArgumentError, Option } from 'commander';
import { IncidentStatus, Milestone, Role, Severity } from '../../shared/model/incident';
import { IncidentStore } from '../incident/store';
import { createIncident } from '../incident/declare';
import { changeIncident } from '../incident/session';
import { copyAttachment } from '../incident/attach';
import * as act from '../incident/actions';
import { checkKind, incidentConfigFile, loadIncidentConfig } from '../incident/config';
import type { CliDeps } from './deps';
import { registerShowCommand } from './incidentShow';
import { registerEvidenceCommands } from './incidentEvidence';

function severity(value: string): Severity {
  const parsed = Severity.safeParse(value.toUpperCase());
  if (!parsed.success) throw new InvalidArgumentError(`a severity is one of ${Severity.options.join(', ')}`);
  return parsed.data;
}

function oneOf<T extends string>(values: readonly T[], what: string) {
  return (value: string): T => {
    const v = value.toLowerCase() as T;
    if (!values.includes(v)) throw new InvalidArgumentError(`${what} is one of ${values.join(', ')}`);
    return v;
  };
}

export function registerIncidentCommand(program: Command, deps: CliDeps): void {
  const incident = program.command('incident').description('declare and manage incidents');
  const store = () => new IncidentStore(deps.dataDir());
  const done = (e: { seq: number }) => deps.stdout.write(`${e.seq}\n`);

  incident
    .command('new')
    .description('declare a new incident, make it the active one, and print its id')
    .requiredOption('--title <title>', 'what is happening, in a few words')
    .addOption(new Option('--severity <sev>', 'SEV1 (worst) to SEV4').argParser(severity).default('SEV3'))
    .option('--type <type>', 'the incident type (see `warroom incident config`)')
    .option('--json', 'print the incident as JSON')
    .action(async (o: { title: string; severity: Severity; type?: string; json?: boolean }) => {
      const s = store();
      const kind = o.type !== undefined ? checkKind(await loadIncidentConfig(s.dataDir), o.type) : undefined;
      const { incident: created, journal } = await createIncident(s, { title: o.title, severity: o.severity, actor: deps.actor(), ...(kind ? { kind } : {}) });
      await journal.close();
      await s.setActive(created.id);
      deps.stdout.write(o.json ? `${JSON.stringify(created, null, 2)}\n` : `${created.id}\n`);
    });

  incident
    .command('activate')
    .description('make an incident the active one (the window follows)')
    .argument('<id>', 'the incident id')
    .action(async (id: string) => {
      const s = store();
      await s.setActive(await s.resolve(id));
    });

  incident
    .command('status')
    .description('move the status: investigating, identified, monitoring, resolved (a resolved incident can be reopened); prints the seq')
    .argument('<status>', IncidentStatus.options.join(' | '), oneOf(IncidentStatus.options, 'a status'))
    .option('--incident <id>', 'the incident (default: the active one)')
    .option('--reason <text>', 'why')
    .action(async (to: IncidentStatus, o: { incident?: string; reason?: string }) => {
      const s = store();
      done(await changeIncident(s, await s.resolve(o.incident), ({ incident: i }) => act.statusDraft(i, to, deps.actor(), o.reason)));
    });

  incident
    .command('severity')
    .description('change the severity; prints the seq')
    .argument('<severity>', 'SEV1 to SEV4', severity)
    .option('--incident <id>', 'the incident (default: the active one)')
    .option('--reason <text>', 'why')
    .action(async (to: Severity, o: { incident?: string; reason?: string }) => {
      const s = store();
      done(await changeIncident(s, await s.resolve(o.incident), ({ incident: i }) => act.severityDraft(i, to, deps.actor(), o.reason)));
    });

  incident
    .command('role')
    .description('hand a role to someone (recorded from whom to whom), or add a subject-matter expert; prints the seq')
    .argument('<role>', Role.options.join(' | '), oneOf(Role.options, 'a role'))
    .argument('<who>', 'the person taking it')
    .option('--incident <id>', 'the incident (default: the active one)')
    .action(async (role: Role, who: string, o: { incident?: string }) => {
      const s = store();
      done(await changeIncident(s, await s.resolve(o.incident), ({ state }) => act.roleDraft(state, role, who, deps.actor())));
    });

  incident
    .command('milestone')
    .description('set a milestone, now or --at when it happened; prints the seq (order problems show in `incident show`)')
    .argument('<milestone>', Milestone.options.join(' | '), oneOf(Milestone.options, 'a milestone'))
    .option('--at <time>', 'UTC ISO-8601 with milliseconds, e.g. 2026-11-25T23:58:01.000Z')
    .option('--incident <id>', 'the incident (default: the active one)')
    .action(async (milestone: Milestone, o: { at?: string; incident?: string }) => {
      const s = store();
      done(await changeIncident(s, await s.resolve(o.incident), () => act.milestoneDraft(milestone, deps.actor(), o.at)));
    });

  incident
    .command('attach')
    .description('copy a file (screenshot, graph) into the incident folder and link it on the timeline; prints the seq')
    .argument('<file>', 'the file to attach')
    .option('--caption <text>', 'what it shows')
    .option('--incident <id>', 'the incident (default: the active one)')
    .action(async (file: string, o: { caption?: string; incident?: string }) => {
      const s = store();
      const id = await s.resolve(o.incident);
      done(
        await changeIncident(s, id, async () => ({
          type: 'attachment',
          actor: deps.actor(),
          data: { ...(await copyAttachment(s.dir(id), file)), ...(o.caption?.trim() ? { caption: o.caption.trim() } : {}) },
        })),
      );
    });

  incident
    .command('config')
    .description('show the severity levels and incident types (from incidents.yaml in the data directory, or the defaults)')
    .option('--json', 'print them as JSON')
    .action(async (o: { json?: boolean }) => {
      const dataDir = deps.dataDir();
      const config = await loadIncidentConfig(dataDir);
      if (o.json) {
        deps.stdout.write(`${JSON.stringify(config, null, 2)}\n`);
        return;
      }
      const lines = [
        `# ${config.file ?? `defaults (create ${incidentConfigFile(dataDir)} to change them)`}`,
        ...Object.entries(config.severities).map(([sev, text]) => `${sev}  ${text}`),
        `types: ${config.types.join(', ') || 'any'}`,
      ];
      deps.stdout.write(`${lines.join('\n')}\n`);
    });

  registerEvidenceCommands(incident, deps);
  registerShowCommand(incident, deps);
}
