import { Command, InvalidArgumentError, Option } from 'commander';
import { IncidentStatus, Milestone, Role, Severity } from '../../shared/model/incident';
import { IncidentStore } from '../incident/store';
import { createIncident } from '../incident/declare';
import { copyAttachment } from '../incident/attach';
import * as act from '../incident/actions';
import { checkKind, incidentConfigFile, loadIncidentConfig } from '../incident/config';
import { actor, dataDir, type CliDeps } from './deps';
import { EXIT_OK, type ExitCode, type RunCommand } from './command';
import { changeCommand } from './incident-change';
import { registerShowCommand } from './incident-show';
import { registerEvidenceCommands } from './incident-evidence';

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

export function registerIncidentCommand(program: Command, run: RunCommand): void {
  const incident = program.command('incident').description('declare and manage incidents');

  incident
    .command('new')
    .description('declare a new incident, make it the active one, and print its id')
    .requiredOption('--title <title>', 'what is happening, in a few words')
    .addOption(new Option('--severity <sev>', 'SEV1 (worst) to SEV4').argParser(severity).default('SEV3'))
    .option('--type <type>', 'the incident type (see `warroom incident config`)')
    .option('--json', 'print the incident as JSON')
    .action((o: NewArgs) => run(declare, o));

  incident
    .command('activate')
    .description('make an incident the active one (the window follows)')
    .argument('<id>', 'the incident id')
    .action((id: string) => run(activate, id));

  incident
    .command('status')
    .description('move the status: investigating, identified, monitoring, resolved, closed (once the post-mortem checklist is done or waived); a resolved or closed incident can be reopened; prints the seq')
    .argument('<status>', IncidentStatus.options.join(' | '), oneOf(IncidentStatus.options, 'a status'))
    .option('--incident <id>', 'the incident (default: the active one)')
    .option('--reason <text>', 'why')
    .action((to: IncidentStatus, o: { incident?: string; reason?: string }) =>
      run(changeCommand, {
        incident: o.incident,
        draft: async ({ incident: i, journal, store }, who) =>
          act.statusDraft(i, to, who, o.reason, { checklists: to === 'closed' ? (await loadIncidentConfig(store.dataDir)).checklists : [], events: journal.events }),
      }),
    );

  incident
    .command('severity')
    .description('change the severity; prints the seq')
    .argument('<severity>', 'SEV1 to SEV4', severity)
    .option('--incident <id>', 'the incident (default: the active one)')
    .option('--reason <text>', 'why')
    .action((to: Severity, o: { incident?: string; reason?: string }) =>
      run(changeCommand, { incident: o.incident, draft: ({ incident: i }, who) => act.severityDraft(i, to, who, o.reason) }),
    );

  incident
    .command('role')
    .description('hand a role to someone (recorded from whom to whom), or add a subject-matter expert; prints the seq')
    .argument('<role>', Role.options.join(' | '), oneOf(Role.options, 'a role'))
    .argument('<who>', 'the person taking it')
    .option('--incident <id>', 'the incident (default: the active one)')
    .action((role: Role, to: string, o: { incident?: string }) =>
      run(changeCommand, { incident: o.incident, draft: ({ state }, who) => act.roleDraft(state, role, to, who) }),
    );

  incident
    .command('milestone')
    .description('set a milestone, now or --at when it happened; prints the seq (order problems show in `incident show`)')
    .argument('<milestone>', Milestone.options.join(' | '), oneOf(Milestone.options, 'a milestone'))
    .option('--at <time>', 'UTC ISO-8601 with milliseconds, e.g. 2026-11-25T23:58:01.000Z')
    .option('--incident <id>', 'the incident (default: the active one)')
    .action((milestone: Milestone, o: { at?: string; incident?: string }) =>
      run(changeCommand, { incident: o.incident, draft: (_open, who) => act.milestoneDraft(milestone, who, o.at) }),
    );

  incident
    .command('attach')
    .description('copy a file (screenshot, graph) into the incident folder and link it on the timeline; prints the seq')
    .argument('<file>', 'the file to attach')
    .option('--caption <text>', 'what it shows')
    .option('--incident <id>', 'the incident (default: the active one)')
    .action((file: string, o: { caption?: string; incident?: string }) =>
      run(changeCommand, {
        incident: o.incident,
        draft: async ({ store, id }, who) => ({
          type: 'attachment',
          actor: who,
          data: { ...(await copyAttachment(store.dir(id), file)), ...(o.caption?.trim() ? { caption: o.caption.trim() } : {}) },
        }),
      }),
    );

  incident
    .command('config')
    .description('show the severity levels and incident types (from incidents.yaml in the data directory, or the defaults)')
    .option('--json', 'print them as JSON')
    .action((o: { json?: boolean }) => run(showConfig, o));

  registerEvidenceCommands(incident, run);
  registerShowCommand(incident, run);
}

interface NewArgs {
  title: string;
  severity: Severity;
  type?: string;
  json?: boolean;
}

async function declare(o: NewArgs, deps: CliDeps): Promise<ExitCode> {
  const s = new IncidentStore(dataDir(deps));
  const kind = o.type !== undefined ? checkKind(await loadIncidentConfig(s.dataDir), o.type) : undefined;
  const { incident: created, journal } = await createIncident(s, { title: o.title, severity: o.severity, actor: actor(deps), ...(kind ? { kind } : {}) });
  await journal.close();
  await s.setActive(created.id);
  deps.stdout.write(o.json ? `${JSON.stringify(created, null, 2)}\n` : `${created.id}\n`);
  return EXIT_OK;
}

async function activate(id: string, deps: CliDeps): Promise<ExitCode> {
  const s = new IncidentStore(dataDir(deps));
  await s.setActive(await s.resolve(id));
  return EXIT_OK;
}

async function showConfig(o: { json?: boolean }, deps: CliDeps): Promise<ExitCode> {
  const dir = dataDir(deps);
  const config = await loadIncidentConfig(dir);
  if (o.json) {
    deps.stdout.write(`${JSON.stringify(config, null, 2)}\n`);
    return EXIT_OK;
  }
  const lines = [
    `# ${config.file ?? `defaults (create ${incidentConfigFile(dir)} to change them)`}`,
    ...Object.entries(config.severities).map(([sev, text]) => `${sev}  ${text}`),
    `types: ${config.types.join(', ') || 'any'}`,
  ];
  deps.stdout.write(`${lines.join('\n')}\n`);
  return EXIT_OK;
}
