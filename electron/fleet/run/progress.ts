/**
 * Counts of a run as hosts start and finish (waiting, running, done, failed), and the one-line form
 * `warroom run` redraws on a terminal.
 */
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

/** "12/64 done · 8 running · 44 waiting · 1 failed": parts that are zero are left out, except done. */
export function progressLine(c: RunCounts): string {
  const parts = [`${c.done}/${c.total} done`];
  if (c.running > 0) parts.push(`${c.running} running`);
  if (c.waiting > 0) parts.push(`${c.waiting} waiting`);
  if (c.failed > 0) parts.push(`${c.failed} failed`);
  return parts.join(' · ');
}
