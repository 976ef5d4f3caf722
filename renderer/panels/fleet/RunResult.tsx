import { progressText } from '../../../shared/model/run';
import { nameHostSet } from '../../../shared/model/hostSet';
import { useWarroom } from '../../app/context';
import { RunGroups } from './RunGroups';
import { runGroups } from './runGroups';
import { formatDuration, runResults, runRows, runSummary } from './runView';

function firstLine(text: string): string {
  const line = text.trimStart().split('\n', 1)[0] ?? '';
  return line.length > 120 ? `${line.slice(0, 119)}…` : line;
}

/** The host table starts open for a handful of hosts; past that the groups say more in less room. */
const HOST_TABLE_OPEN_MAX = 16;

/**
 * The latest run, filled in as hosts finish: a progress bar, the output grouped (failed and odd
 * groups first), then one row per host. Remote output is never markup.
 */
export function RunResult() {
  const run = useWarroom((s) => s.run);
  if (!run) return null;
  const rows = runRows(run);
  const pending = rows.filter((r) => r.status === 'pending').map((r) => r.alias);
  const groups = runGroups(runResults(run));
  const total = run.aliases.length;
  const counts = run.counts ?? { total, waiting: pending.length, running: 0, done: total - pending.length, failed: rows.filter((r) => r.status === 'exit' || r.status === 'failed').length };
  const pct = (n: number) => `${total === 0 ? 0 : (100 * n) / total}%`;
  return (
    <div className="run-output" data-testid="run-output" data-status={run.status}>
      <div className="run-summary">
        <code className="run-line">$ {run.command}</code>
        <span className={`run-status ${run.status}`} data-testid="run-summary">
          {runSummary(run)}
        </span>
      </div>
      {run.status === 'running' ? (
        <div
          className="run-progress"
          data-testid="run-progress"
          role="progressbar"
          aria-label="Hosts done"
          aria-valuemin={0}
          aria-valuemax={total}
          aria-valuenow={counts.done}
          aria-valuetext={progressText(counts)}
          data-done={counts.done}
          data-running={counts.running}
          data-failed={counts.failed}
        >
          <span className="run-progress-ok" style={{ width: pct(counts.done - counts.failed) }} />
          <span className="run-progress-failed" style={{ width: pct(counts.failed) }} />
          <span className="run-progress-running" style={{ width: pct(counts.running) }} />
        </div>
      ) : null}
      {pending.length > 0 && run.status === 'running' ? (
        <div className="run-pending" data-testid="run-pending" title={pending.join(', ')}>
          {run.cancelling ? 'cancelling' : 'waiting for'} {pending.length}: {nameHostSet(pending, { max: 8 }).text}
        </div>
      ) : null}
      <RunGroups key={run.id} groups={groups} />
      {run.reply && groups.length === 0 ? <div className="muted small">(no output)</div> : null}
      <details className="run-hosts-box" open={total <= HOST_TABLE_OPEN_MAX}>
        <summary className="muted small">hosts ({total})</summary>
        <table className="run-hosts" data-testid="run-hosts">
          <thead>
            <tr>
              <th>host</th>
              <th>exit</th>
              <th>time</th>
              <th>failure / stderr</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => (
              <tr key={r.alias} className={`run-row ${r.status}`} data-testid="run-host" data-host={r.alias} data-status={r.status} data-exit={r.exitCode ?? ''}>
                <td className="mono">{r.alias}</td>
                <td className="mono" data-testid="run-exit">
                  {r.status === 'pending' ? '…' : r.exitCode === null ? '—' : r.exitCode}
                </td>
                <td className="mono">{r.durationMs === null ? '' : formatDuration(r.durationMs)}</td>
                <td>
                  <span className="run-reason" data-testid="run-reason">
                    {r.reason}
                  </span>
                  {r.tail ? (
                    <details className="run-tail" data-testid="run-tail">
                      <summary>output kept on the timeline (last 4 KiB)</summary>
                      <pre>{r.tail}</pre>
                    </details>
                  ) : null}
                  {r.stderr ? (
                    <details className="run-stderr" data-testid="run-stderr">
                      <summary>stderr: {firstLine(r.stderr)}</summary>
                      <pre>{r.stderr}</pre>
                    </details>
                  ) : null}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </details>
    </div>
  );
}
