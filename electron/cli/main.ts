/**
 * The `warroom` program. Each command lives in its own file and registers itself here; this file
 * builds the program, runs one command line and turns failures into a message on stderr and a
 * non-zero exit code. It has no side effects on import: bin.ts is the executable.
 */
import { Command, CommanderError } from 'commander';
import type { CliDeps } from './deps';
import { settleReads } from '../incident/store';
import { EXIT_ERROR, EXIT_OK, type ExitCode, type RunCommand } from './command';
import { registerIncidentCommand } from './incident';
import { registerLogCommand } from './log';
import { registerVerifyCommand } from './verify';
import { registerExportCommand } from './export';
import { registerIncidentsCommand } from './incidents';
import { registerSearchCommand } from './search';
import { registerHostsCommand } from './hosts';
import { registerRunCommand } from './run';
import { registerWebCommand } from './web';
import { registerWriteupCommands } from './writeup';
import { registerWriteupLintCommands } from './writeup-lint';
import { registerChecklistCommand } from './checklist';
import { registerActionCommand } from './action';
import { registerWriteupStateCommand } from './writeup-state';
import { registerPostmortemCommand } from './postmortem';

export function buildProgram(deps: CliDeps, run: RunCommand): Command {
  const program = new Command('warroom')
    .description('a console for the engineer running a production incident')
    .version(process.env.WARROOM_VERSION ?? '0.0.0')
    .showSuggestionAfterError()
    .exitOverride()
    .configureOutput({ writeOut: (s) => deps.stdout.write(s), writeErr: (s) => deps.stderr.write(s) });
  registerWebCommand(program, run);
  registerHostsCommand(program, run);
  registerRunCommand(program, run);
  registerIncidentCommand(program, run);
  registerLogCommand(program, run);
  registerVerifyCommand(program, run);
  registerExportCommand(program, run);
  registerIncidentsCommand(program, run);
  registerSearchCommand(program, run);
  registerWriteupCommands(program, run);
  registerWriteupLintCommands(program, run);
  registerChecklistCommand(program, run);
  registerActionCommand(program, run);
  registerWriteupStateCommand(program, run);
  registerPostmortemCommand(program, run);
  return program;
}

/** Runs one command line (`argv` as process.argv: node, script, args...) and returns its exit code. */
export async function main(argv: readonly string[], deps: CliDeps): Promise<ExitCode> {
  let code: ExitCode = EXIT_OK;
  const run: RunCommand = async (command, args) => {
    code = await command(args, deps);
  };
  try {
    await buildProgram(deps, run).parseAsync([...argv]);
  } catch (err) {
    // Commander already printed usage errors; --help and --version exit 0.
    if (err instanceof CommanderError) code = err.exitCode;
    else {
      const message = err instanceof Error ? err.message : String(err);
      deps.stderr.write(`warroom: ${message}\n`);
      if (deps.env.WARROOM_DEBUG && err instanceof Error && err.stack) deps.stderr.write(`${err.stack}\n`);
      code = EXIT_ERROR;
    }
  }
  // Journals read from a checkpoint are re-verified in full before the process may end.
  const breaks = await settleReads();
  for (const b of breaks) deps.stderr.write(`warroom: ALARM: the journal was altered: ${b}; do not trust what was shown (run \`warroom verify\`)\n`);
  return breaks.length > 0 ? EXIT_ERROR : code;
}
