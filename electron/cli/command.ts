/**
 * The one shape of a CLI command: commander parses the arguments, then `(args, deps) => exit code`
 * runs. A result that is not success but not an error either (a broken chain, a remote exit status)
 * is a returned code; anything thrown is an error, which main() prints on stderr with exit 1.
 */
import type { CliDeps } from './deps';

export type ExitCode = number;
export const EXIT_OK: ExitCode = 0;
/** Errors, including usage errors (commander's own exit code for those is 1 too). */
export const EXIT_ERROR: ExitCode = 1;

export type CliCommand<A> = (args: A, deps: CliDeps) => Promise<ExitCode>;

/** Given to each command's registration: runs the command with the program's deps and keeps its exit code. */
export type RunCommand = <A>(command: CliCommand<A>, args: A) => Promise<void>;

/** For repeatable options (`--inventory A --inventory B`). */
export function collect(value: string, previous: string[]): string[] {
  return [...previous, value];
}
