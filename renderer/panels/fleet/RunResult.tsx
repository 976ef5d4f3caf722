import { useWarroom } from '../../app/context';
import { formatDuration, runRows, runSummary } from './runView';

function firstLine(text: string): string {
  const line = text.trimStart().split('\n', 1)[0] ?? '';
  return line.length > 120 ? `${line.slice(0, 119)}…` : line;
}

/** The latest run: collated output as text, then one row per host. Remote output is never markup. */
export function RunResult() {
  const run = useWarroom((s) => s.run);
  if (!run) return null;
  const rows = runRows(run);
  const pending = rows.filter((r) => r.status === 'pending').map((r) => r.alias);
  return (
    <div className="run-output" data-testid="run-output" data-status={run.status}>
      <div className="run-summary">
        <code className="run-line">$ {run.command}</code>
        <span className={`run-status ${run.status}`} data-testid="run-summary">
          {runSummary(run)}
        </span>
      </div>
      {pending.length > 0 ? (
        <div className="run-pending" data-testid="run-pending">
          waiting for {pending.length}: {pending.join(', ')}
        </div>
      ) : null}
      {run.reply ? (
        <pre className="run-result" data-testid="run-result">
          {run.reply.collated || '(no output)'}
        </pre>
      ) : null}
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
    </div>
  );
}
