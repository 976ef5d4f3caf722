/** Impact, in numbers: time at each severity, and the hosts whose checks failed. */
import { exitText } from '../../model/describe';
import { formatDuration } from '../../model/duration';
import { Severity } from '../../model/incident';
import type { Evidence, Run, RunResult } from './evidence';
import { cite, code, user, when } from './markdown';
import { section } from './statements';

/** Failing runs listed per host before the rest are counted (an incident can hold thousands). */
const PER_HOST = 5;

export function impact(ev: Evidence): string | null {
  return section({ heading: severityHeading(ev), items: severityItems(ev) }, { heading: 'Hosts whose checks failed (a non-zero exit):', items: failedHosts(ev) });
}

function severityHeading(ev: Evidence): string {
  const to = ev.end.resolved ? `the resolution at ${when(ev.end.ts)}${ev.end.seq ? ` ${cite(ev.end.seq)}` : ''}` : `${when(ev.end.ts)} (not resolved)`;
  return `Time at each severity, from the declaration to ${to}:`;
}

/**
 * Each severity's spans, from the declaration and every change after it, cut off at the end. A
 * change after the end counts nothing; an end before the declaration (a `resolved` milestone set
 * earlier) is said, with the negative span, instead of being folded into zero.
 */
function severityItems(ev: Evidence): string[] {
  const d = ev.declared;
  if (!d) return [];
  const end = Date.parse(ev.end.ts);
  const starts = [{ seq: d.seq, ts: d.ts, to: d.severity }, ...ev.severityChanges.filter((c) => c.ts >= d.ts)];
  starts.sort((a, b) => (a.ts < b.ts ? -1 : a.ts > b.ts ? 1 : a.seq - b.seq));
  const total = new Map<Severity, { ms: number; seqs: number[] }>();
  starts.forEach((s, i) => {
    const from = Date.parse(s.ts);
    const next = starts[i + 1];
    const until = Math.min(next ? Date.parse(next.ts) : end, end);
    const t = total.get(s.to) ?? { ms: 0, seqs: [] };
    t.ms += Math.max(0, until - from);
    t.seqs.push(s.seq);
    total.set(s.to, t);
  });
  const items = Severity.options.flatMap((sev) => {
    const t = total.get(sev);
    return t ? [`- ${sev}: ${formatDuration(t.ms)} ${cite(...t.seqs)}`] : [];
  });
  const span = end - Date.parse(d.ts);
  items.push(
    span < 0
      ? `- The end, ${when(ev.end.ts)}, is ${formatDuration(-span)} before the declaration at ${when(d.ts)}; check the milestones ${cite(d.seq, ...(ev.end.seq ? [ev.end.seq] : []))}`
      : `- In all: ${formatDuration(span)} from the declaration ${cite(d.seq)}`,
  );
  return items;
}

function failedHosts(ev: Evidence): string[] {
  // Only the first few failures of each host are written out; the rest are counted.
  const byHost = new Map<string, Array<{ run: Run; result: RunResult }>>();
  for (const run of ev.runs) {
    for (const result of run.results) {
      if (result.exitCode === 0) continue;
      const list = byHost.get(result.host);
      if (list) list.push({ run, result });
      else byHost.set(result.host, [{ run, result }]);
    }
  }
  return [...byHost].map(([host, failures]) => {
    const shown = failures.slice(0, PER_HOST).map(({ run, result }) => `${code(run.line)} ${user(exitText(result))} at ${when(run.ts)} ${cite(run.seq)}`);
    const rest = failures.slice(PER_HOST);
    const more = rest.length > 0 ? `; and ${rest.length} more failing runs, #${rest[0]?.run.seq} to #${rest.at(-1)?.run.seq}` : '';
    return `- ${user(host)}: ${shown.join('; ')}${more}`;
  });
}
