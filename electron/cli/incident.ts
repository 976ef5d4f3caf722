import { Command, InvalidArgumentError, Option } from 'commander';
import { Severity } from '../../shared/model/incident';
import { IncidentStore } from '../incident/store';
import { createIncident } from '../incident/declare';
import type { CliDeps } from './deps';

function severity(value: string): Severity {
  const parsed = Severity.safeParse(value.toUpperCase());
  if (!parsed.success) throw new InvalidArgumentError(`a severity is one of ${Severity.options.join(', ')}`);
  return parsed.data;
}

export function registerIncidentCommand(program: Command, deps: CliDeps): void {
  const incident = program.command('incident').description('declare and manage incidents');
  incident
    .command('new')
    .description('declare a new incident, make it the active one, and print its id')
    .requiredOption('--title <title>', 'what is happening, in a few words')
    .addOption(new Option('--severity <sev>', 'SEV1 (worst) to SEV4').argParser(severity).default('SEV3'))
    .option('--json', 'print the incident as JSON')
    .action(async (o: { title: string; severity: Severity; json?: boolean }) => {
      const store = new IncidentStore(deps.dataDir());
      const { incident: created, journal } = await createIncident(store, { title: o.title, severity: o.severity, actor: deps.actor() });
      await journal.close();
      await store.setActive(created.id);
      deps.stdout.write(o.json ? `${JSON.stringify(created, null, 2)}\n` : `${created.id}\n`);
    });
}
