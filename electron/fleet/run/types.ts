/** What `warroom run` records per host, and for the whole run. */
import type { FailureKind } from '../connect/ssh-link';

export interface HostRunResult {
  alias: string;
  hostname: string;
  /** The remote command's exit status; null when it did not run to an exit (see signal, failure). */
  exitCode: number | null;
  /** The signal that ended the remote command, when it was killed ("TERM", "KILL", ...). */
  signal: string | null;
  stdout: string;
  stderr: string;
  /** The last MAX_RUN_TAIL_BYTES of stdout and stderr together, in the order they arrived. */
  tail: string;
  /** From the first connect attempt to the end of the command (or the failure). */
  durationMs: number;
  /** Why the command did not run (or did not finish) on this host. */
  failure?: { kind: FailureKind; message: string };
}

export interface RunResult {
  command: string;
  startedAt: string;
  durationMs: number;
  hosts: HostRunResult[];
  /** The largest remote exit status; 255 (as ssh) when any host failed to run or was killed by a signal. */
  exitCode: number;
}

/**
 * One host's output as raw bytes, stdout and stderr interleaved as they arrived, for the incident
 * folder. Kept apart from RunResult, which is what `--json` prints and the window receives.
 */
export interface HostOutput {
  alias: string;
  /** The first MAX_RUN_OUTPUT_BYTES of the output. */
  data: Buffer;
  /** Bytes that arrived past the limit and are not in `data`. */
  dropped: number;
}

