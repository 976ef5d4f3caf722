/**
 * What CLI commands need from the world. Every command gets it as an argument and reaches nothing
 * else of the process, so `main(argv, deps)` runs any command in-process with its own streams and
 * environment (test/electron/cli/inprocess.test.ts does).
 */
import { defaultDataDir } from '../app/paths';
import { resolveActor } from '../core/actor';

export interface CliDeps {
  stdout: NodeJS.WritableStream;
  stderr: NodeJS.WritableStream;
  stdin: NodeJS.ReadableStream;
  /** WARROOM_HOME (the data directory), WARROOM_ACTOR, SSH_AUTH_SOCK, ... as the command sees them. */
  env: NodeJS.ProcessEnv;
  /** Settles when the user asks a long-running command (`web`) to stop. */
  stopRequested: () => Promise<void>;
}

/** The real process: its streams, its environment, SIGINT/SIGTERM to stop. */
export function processCliDeps(): CliDeps {
  return {
    stdout: process.stdout,
    stderr: process.stderr,
    stdin: process.stdin,
    env: process.env,
    stopRequested: () =>
      new Promise((resolve) => {
        process.once('SIGINT', () => resolve());
        process.once('SIGTERM', () => resolve());
      }),
  };
}

/** The data directory (WARROOM_HOME or the platform default), the same one the app uses. */
export function dataDir(deps: CliDeps): string {
  return defaultDataDir(deps.env);
}

/** Who is acting, as recorded on the timeline (see resolveActor: the app resolves it the same way). */
export function actor(deps: CliDeps): string {
  return resolveActor(deps.env);
}
