import { useState } from 'react';
import { OutputDiff } from '../screens/OutputDiff';
import { openAtStart, type RunGroup } from './runGroups';

/**
 * A run's result as groups of hosts that printed the same (dshbak -c), one header line each: hosts
 * as ranges, outcome, line count and first line. Failed and odd groups come first and the first
 * few start open; any group opens on click, and an odd group can be shown as a diff against the
 * majority. Remote output is text, never markup.
 */
export function RunGroups({ groups }: { groups: readonly RunGroup[] }) {
  // Which groups the user opened or closed; the rest follow openAtStart as results arrive.
  const [toggled, setToggled] = useState<Record<string, boolean>>({});
  const [diffed, setDiffed] = useState<Record<string, boolean>>({});
  const initial = openAtStart(groups);
  const major = groups.find((g) => g.majority);
  if (groups.length === 0) return null;
  return (
    <div className="run-result" data-testid="run-result" data-groups={groups.length}>
      {groups.map((g) => {
        const open = toggled[g.key] ?? initial.has(g.key);
        const diff = diffed[g.key] === true && major !== undefined && !g.majority;
        const cls = ['run-group', g.failed ? 'failed' : '', g.majority ? 'majority' : 'odd'].filter(Boolean).join(' ');
        return (
          <div key={g.key} className={cls} data-testid="run-group" data-hosts={g.hosts.join(',')} data-open={open} data-outcome={g.outcome}>
            <button type="button" className="run-group-head" aria-expanded={open} onClick={() => setToggled({ ...toggled, [g.key]: !open })} title={g.hosts.join(', ')}>
              <span className="run-group-caret" aria-hidden="true">
                {open ? '▾' : '▸'}
              </span>
              <span className="run-group-hosts" data-testid="run-group-hosts">
                {g.hostsText}
              </span>
              <span className="run-group-count">{g.hosts.length === 1 ? '1 host' : `${g.hosts.length} hosts`}</span>
              <span className="run-group-outcome">{g.outcome}</span>
              <span className="run-group-lines">{g.lines === 1 ? '1 line' : `${g.lines} lines`}</span>
              {g.majority ? <span className="run-group-tag">majority</span> : null}
              <span className="run-group-first">{g.firstLine}</span>
            </button>
            {open ? (
              <div className="run-group-body">
                {major && !g.majority ? (
                  <button type="button" className="link run-group-diff" data-testid="run-group-diff" onClick={() => setDiffed({ ...diffed, [g.key]: !diff })}>
                    {diff ? 'show the output' : `diff against the majority (${major.hostsText})`}
                  </button>
                ) : null}
                {diff ? <OutputDiff base={major.output} other={g.output} /> : <pre className="run-group-output">{g.output === '' ? '(no output)' : g.output}</pre>}
              </div>
            ) : null}
          </div>
        );
      })}
    </div>
  );
}
