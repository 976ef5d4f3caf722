/** Counts of a run as hosts start and finish: waiting, running, done, failed. */
import { hostFailed, type RunCounts } from '../../../shared/model/run';
import type { HostRunResult } from './types';

export class RunTracker {
  private readonly started = new Set<string>();
  readonly counts: RunCounts;

  constructor(total: number) {
    this.counts = { total, waiting: total, running: 0, done: 0, failed: 0 };
  }

  start(alias: string): RunCounts {
    this.started.add(alias);
    this.counts.waiting--;
    this.counts.running++;
    return { ...this.counts };
  }

  /** A host's result; one that never started (an unknown alias, cancelled in the queue) leaves the waiting count. */
  finish(r: HostRunResult): RunCounts {
    if (this.started.delete(r.alias)) this.counts.running--;
    else this.counts.waiting--;
    this.counts.done++;
    if (hostFailed(r)) this.counts.failed++;
    return { ...this.counts };
  }
}
