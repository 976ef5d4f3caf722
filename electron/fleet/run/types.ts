/** What `warroom run` records per host, and for the whole run: the contract's own shapes (shared/model/run.ts). */
import type { z } from 'zod';
import type { HostRunResult as HostRunResultSchema, RunReply } from '../../../shared/model/run';

export type HostRunResult = z.infer<typeof HostRunResultSchema>;
/** The run as the fleet returns it; the collated text is added where it is shown. */
export type RunResult = Omit<RunReply, 'collated'>;

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

