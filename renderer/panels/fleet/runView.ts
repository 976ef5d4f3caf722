import type { SessionInfo } from '../../../shared/model/host';
import { progressText, type HostRunResult } from '../../../shared/model/run';
import type { RunState } from '../../store/runSlice';
import { broadcastPlan } from '../../store/broadcastSlice';

export type RunSource = 'broadcast' | 'selected';

export interface TargetInputs {
  sessionOrder: readonly string[];
  sessions: Readonly<Record<string, SessionInfo>>;
  excluded: Readonly<Record<string, true>>;
  selected: readonly string[];
}

/**
 * The aliases a run goes to: the hosts broadcast would reach (ready, not excluded), or the hosts
 * chosen in the picker. A run opens its own exec channels, so selected hosts need no pane.
 */
export function runTargets(source: RunSource, t: TargetInputs): string[] {
  if (source === 'selected') return [...new Set(t.selected)];
  return [...new Set(broadcastPlan(t.sessionOrder, t.sessions, t.excluded).targets.map((s) => s.alias))];
}

/** Broadcast targets when there are any, otherwise the picker's selection. */
export function defaultRunSource(t: TargetInputs): RunSource {
  return runTargets('broadcast', t).length === 0 && t.selected.length > 0 ? 'selected' : 'broadcast';
}

export type RunRowStatus = 'pending' | 'ok' | 'exit' | 'failed';

export interface RunRow {
  alias: string;
  status: RunRowStatus;
  exitCode: number | null;
  durationMs: number | null;
  /** Why the host did not run the command or ended abnormally: "timeout: ...", "signal KILL". */
  reason: string;
  /** What the command wrote to stderr; the collated text holds stdout only, as dshbak does. */
  stderr: string;
  /** The last 4 KiB of stdout and stderr as they arrived: what the timeline keeps of this host. */
  tail: string;
}

/** The hosts' results known so far: the reply's, or those that arrived while the run is in flight. */
export function runResults(run: RunState): HostRunResult[] {
  if (run.reply) return run.reply.hosts;
  return run.aliases.flatMap((a) => (run.arrived[a] ? [run.arrived[a]] : []));
}

function rowOf(h: HostRunResult): RunRow {
  const reasons: string[] = [];
  if (h.failure) reasons.push(`${h.failure.kind}: ${h.failure.message}`);
  if (h.signal) reasons.push(`signal ${h.signal}`);
  const status: RunRowStatus = h.failure || h.exitCode === null ? 'failed' : h.exitCode === 0 ? 'ok' : 'exit';
  return { alias: h.alias, status, exitCode: h.exitCode, durationMs: h.durationMs, reason: reasons.join('; '), stderr: h.stderr, tail: h.tail };
}

/**
 * Every target's row: while the run is in flight, the results that arrived and the rest pending;
 * then the reply's result per host.
 */
export function runRows(run: RunState): RunRow[] {
  const reply = run.reply;
  if (!reply) {
    const failed = run.status === 'failed';
    return run.aliases.map((alias) => {
      const arrived = run.arrived[alias];
      if (arrived) return rowOf(arrived);
      return {
        alias,
        status: failed ? 'failed' : 'pending',
        exitCode: null,
        durationMs: null,
        reason: failed ? (run.error ?? 'the run failed') : '',
        stderr: '',
        tail: '',
      };
    });
  }
  const rows: RunRow[] = reply.hosts.map(rowOf);
  // A target the reply does not mention must not vanish from the table.
  const seen = new Set(rows.map((r) => r.alias));
  for (const alias of run.aliases) {
    if (!seen.has(alias)) rows.push({ alias, status: 'failed', exitCode: null, durationMs: null, reason: 'no result returned', stderr: '', tail: '' });
  }
  return rows;
}

export function formatDuration(ms: number): string {
  if (ms < 1000) return `${Math.round(ms)} ms`;
  if (ms < 60_000) return `${(ms / 1000).toFixed(1)} s`;
  const s = Math.round(ms / 1000);
  return `${Math.floor(s / 60)} m ${String(s % 60).padStart(2, '0')} s`;
}

/** One line over the result: how many hosts, how many failed, the overall exit status. */
export function runSummary(run: RunState): string {
  const n = run.aliases.length;
  const hosts = `${n} ${n === 1 ? 'host' : 'hosts'}`;
  if (run.status === 'running') return run.counts ? `running on ${hosts} · ${progressText(run.counts)}` : `running on ${hosts}`;
  if (run.status === 'failed' || !run.reply) return `failed: ${run.error ?? 'no reply'}`;
  const rows = runRows(run);
  const bad = rows.filter((r) => r.status !== 'ok').length;
  const tail = bad === 0 ? 'all exit 0' : `${bad} of ${rows.length} not exit 0`;
  return `${hosts} · ${tail} · exit status ${run.reply.exitCode} · ${formatDuration(run.reply.durationMs)}`;
}
