/**
 * Recovery: what was marked as the repair, the mitigation commands with their exit codes, the
 * verification runs (a later run of the same command where hosts that failed it now exit 0), what
 * still failed at its last run, and the mitigated and resolved milestones.
 */
import { exitText } from '../../model/describe';
import { MITIGATION_COMMAND } from '../../model/mitigation';
import type { Evidence, Run, RunResult } from './evidence';
import { cite, code, hostList, spanWords, user, when } from './markdown';
import { commandItem, markedItems, milestoneOf, section } from './statements';

export function recovery(ev: Evidence): string | null {
  const { verified, failing } = verification(ev.runs);
  return section(
    { items: markedItems(ev, 'repair') },
    { heading: 'Mitigation commands:', items: mitigations(ev) },
    { heading: 'Verification:', items: [...verified, ...failing] },
    { items: milestones(ev) },
  );
}

/** Commands that read as mitigation (restart, rollback, failover…), unless already listed as marked repairs. */
function mitigations(ev: Evidence): string[] {
  const repaired = (seq: number) => ev.annotations.markers.get(seq)?.has('repair') === true;
  return ev.commands.filter((c) => !repaired(c.seq) && !('withheld' in c && c.withheld) && MITIGATION_COMMAND.test(c.line)).map(commandItem);
}

/** Runs are the same command when their lines match but for surrounding and repeated spaces. */
const sameCommand = (line: string) => line.trim().replace(/\s+/g, ' ');

/**
 * For each command, in journal order: a host that failed it (non-zero, killed or unreachable) and
 * exits 0 at a later run of it is verified by that run; a host whose last run of it failed still
 * fails. Failures verified by one run are said together, with the run each failure came from.
 */
function verification(runs: readonly Run[]): { verified: string[]; failing: string[] } {
  const verified: string[] = [];
  // Per command, the hosts whose latest run of it failed, with that run.
  const failed = new Map<string, { line: string; hosts: Map<string, { run: Run; result: RunResult }> }>();
  for (const run of runs) {
    const key = sameCommand(run.line);
    let entry = failed.get(key);
    const fixed: Array<{ run: Run; result: RunResult }> = [];
    for (const result of run.results) {
      if (result.exitCode === 0) {
        const before = entry?.hosts.get(result.host);
        if (before) {
          fixed.push(before);
          entry?.hosts.delete(result.host);
        }
      } else {
        if (!entry) failed.set(key, (entry = { line: run.line, hosts: new Map() }));
        entry.hosts.set(result.host, { run, result });
      }
    }
    if (fixed.length > 0) {
      const was = fixed.map((f) => `${user(f.result.host)} (${user(exitText(f.result))}, #${f.run.seq})`).join(', ');
      const hosts = hostList(fixed.map((f) => f.result.host));
      verified.push(`- Verified: ${code(run.line)} failed on ${was}, then exited 0 on ${hosts} at ${when(run.ts)} ${cite(run.seq)}.`);
    }
  }
  const failing: string[] = [];
  for (const { line, hosts } of failed.values()) {
    if (hosts.size === 0) continue;
    const still = [...hosts.values()];
    const where = still.map((h) => `${user(h.result.host)} (${user(exitText(h.result))})`).join(', ');
    failing.push(`- Still failing at its last run: ${code(line)} on ${where} ${cite(...still.map((h) => h.run.seq))}.`);
  }
  return { verified, failing };
}

function milestones(ev: Evidence): string[] {
  const started = milestoneOf(ev, 'started');
  return (['mitigated', 'resolved'] as const).flatMap((name) => {
    const m = milestoneOf(ev, name);
    if (!m) return [];
    const after = started ? `, ${spanWords(Date.parse(m.at) - Date.parse(started.at), 'after', 'before')} the start` : '';
    return [`- ${name === 'mitigated' ? 'Mitigated' : 'Resolved'} at ${when(m.at)}${after} ${cite(m.seq, ...(started ? [started.seq] : []))}.`];
  });
}
