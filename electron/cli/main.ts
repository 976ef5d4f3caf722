/**
 * The `warroom` command. Each command lives in its own file and registers itself here; this file
 * only builds the program and turns failures into a message on stderr and a non-zero exit.
 */
import { Command, CommanderError } from 'commander';
import { defaultCliDeps, type CliDeps } from './deps';
import { registerIncidentCommand } from './incident';
import { registerLogCommand } from './log';
import { registerVerifyCommand } from './verify';
import { registerExportCommand } from './export';
import { registerIncidentsCommand } from './incidents';
import { registerSearchCommand } from './search';
import { registerHostsCommand } from './hosts';
import { registerRunCommand } from './run';
import { registerWebCommand } from './web';
import { registerWriteupLintCommands } from './writeupLint';

export function buildProgram(deps: CliDeps): Command {
  const program = new Command('warroom')
    .description('a console for the engineer running a production incident')
    .version(process.env.WARROOM_VERSION ?? '0.0.0')
    .showSuggestionAfterError()
    .exitOverride()
    .configureOutput({ writeOut: (s) => deps.stdout.write(s), writeErr: (s) => deps.stderr.write(s) });
  registerWebCommand(program);
  registerHostsCommand(program, deps);
  registerRunCommand(program, deps);
  registerIncidentCommand(program, deps);
  registerLogCommand(program, deps);
  registerVerifyCommand(program, deps);
  registerExportCommand(program, deps);
  registerIncidentsCommand(program, deps);
  registerSearchCommand(program, deps);
  registerWriteupLintCommands(program, deps);
  return program;
}

export async function main(argv: string[] = process.argv): Promise<void> {
  const deps = defaultCliDeps();
  try {
    await buildProgram(deps).parseAsync(argv);
  } catch (err) {
    if (err instanceof CommanderError) {
      // Commander already printed usage errors; --help and --version exit 0.
      process.exitCode = err.exitCode;
      return;
    }
    const message = err instanceof Error ? err.message : String(err);
    deps.stderr.write(`warroom: ${message}\n`);
    if (process.env.WARROOM_DEBUG && err instanceof Error && err.stack) deps.stderr.write(`${err.stack}\n`);
    process.exitCode = process.exitCode && process.exitCode !== 0 ? process.exitCode : 1;
  }
}

void main();
