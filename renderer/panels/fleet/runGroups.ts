import { nameHostSet } from '../../../shared/model/hostSet';
import type { HostRunResult } from '../../../shared/model/run';

/** Hosts that printed the same stdout and ended the same way (as `dshbak -c`, split by outcome). */
export interface RunGroup {
  key: string;
  /** In target order. */
  hosts: string[];
  /** The hosts as ranges, e.g. "web-[01-32], db-03" (capped, "+N more"). */
  hostsText: string;
  output: string;
  /** "exit 0", "exit 3", "signal KILL", "timeout", "cancelled". */
  outcome: string;
  failed: boolean;
  lines: number;
  firstLine: string;
  /** The largest group that did not fail: what the others are compared with. */
  majority: boolean;
}

function outcomeOf(h: HostRunResult): string {
  if (h.failure) return h.failure.kind;
  if (h.signal) return `signal ${h.signal}`;
  return h.exitCode === null ? 'no exit status' : `exit ${h.exitCode}`;
}

function lineCount(text: string): number {
  if (text === '') return 0;
  return text.split('\n').length - (text.endsWith('\n') ? 1 : 0);
}

function firstLineOf(text: string): string {
  const line = text.split('\n', 1)[0] ?? '';
  return line.length > 160 ? `${line.slice(0, 159)}…` : line;
}

/**
 * The results grouped, failed groups first, then the odd ones (smallest first), the majority last:
 * what needs reading comes first however many groups there are.
 */
export function runGroups(results: readonly HostRunResult[]): RunGroup[] {
  const byKey = new Map<string, { hosts: string[]; sample: HostRunResult }>();
  for (const r of results) {
    const key = `${outcomeOf(r)}\u0000${r.stdout}`;
    const g = byKey.get(key);
    if (g) g.hosts.push(r.alias);
    else byKey.set(key, { hosts: [r.alias], sample: r });
  }
  const groups: RunGroup[] = [...byKey.entries()].map(([key, { hosts, sample }]) => ({
    key,
    hosts,
    hostsText: nameHostSet(hosts, { max: 6 }).text,
    output: sample.stdout,
    outcome: outcomeOf(sample),
    failed: sample.failure !== undefined || sample.exitCode !== 0,
    lines: lineCount(sample.stdout),
    firstLine: firstLineOf(sample.stdout),
    majority: false,
  }));
  if (groups.length > 1) {
    const candidates = groups.some((g) => !g.failed) ? groups.filter((g) => !g.failed) : groups;
    const major = candidates.reduce((a, b) => (b.hosts.length > a.hosts.length ? b : a));
    major.majority = true;
  }
  const rank = (g: RunGroup): number => (g.failed ? 0 : g.majority ? 2 : 1);
  return groups.sort((a, b) => rank(a) - rank(b) || a.hosts.length - b.hosts.length);
}

/** How many groups start open: the first few that need reading, so that 40 odd groups stay headers. */
export const OPEN_AT_START = 3;

/** The groups open at first: failed and odd ones up to OPEN_AT_START, or the only group there is. */
export function openAtStart(groups: readonly RunGroup[]): Set<string> {
  if (groups.length === 1) return new Set([groups[0]!.key]);
  return new Set(groups.filter((g) => !g.majority).slice(0, OPEN_AT_START).map((g) => g.key));
}
