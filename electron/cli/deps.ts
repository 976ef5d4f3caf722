/**
 * What CLI commands need from the world, passed in so tests can run a command in-process with its
 * own streams and data directory.
 */
import os from 'node:os';
import { defaultDataDir } from '../app/paths';

export interface CliDeps {
  /** The data directory (WARROOM_HOME or the platform default), resolved when a command runs. */
  dataDir: () => string;
  /** Who is acting, as recorded on the timeline. */
  actor: () => string;
  stdout: NodeJS.WritableStream;
  stderr: NodeJS.WritableStream;
  stdin: NodeJS.ReadableStream;
}

export function defaultCliDeps(): CliDeps {
  return {
    dataDir: () => defaultDataDir(),
    actor: () => process.env.WARROOM_ACTOR?.trim() || userName(),
    stdout: process.stdout,
    stderr: process.stderr,
    stdin: process.stdin,
  };
}

function userName(): string {
  try {
    return os.userInfo().username;
  } catch {
    return 'unknown';
  }
}
