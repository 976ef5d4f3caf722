/**
 * Groups hosts by what one line printed, like `dshbak -c`: a host's own name (alias or address)
 * never counts as a difference, and on request neither do numbers nor any host name of the fleet.
 */
import type { ScreenGroup } from '../../../shared/model/screens';

export interface HostOutput {
  sessionId: string;
  host: string;
  /** Other names this host shows for itself (its address, its short name). */
  names: readonly string[];
  output: string;
}

export interface GroupOptions {
  /** Treat numbers, and every host name of the fleet, as equal. */
  loose?: boolean;
}

const escapeRegExp = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** A pattern matching any of these names as a whole token (not inside a longer name). */
function namesPattern(names: readonly string[]): RegExp | undefined {
  const list = [...new Set(names.filter((n) => n.length > 0))].sort((a, b) => b.length - a.length);
  if (list.length === 0) return undefined;
  // Not inside a longer word or dotted name (web-1 in web-10, 10.0.0.1 in 10.0.0.12); a dash may
  // join it to other words (two-web-01, web-01-backup), as shell output often does.
  return new RegExp(`(?<![\\w.])(?:${list.map(escapeRegExp).join('|')})(?!\\w|\\.\\w)`, 'g');
}

/** The short form of a name: `web-02.example.com` also shows as `web-02` in a prompt. */
function withShortNames(names: readonly string[]): string[] {
  return names.flatMap((n) => {
    const short = n.split('.')[0];
    return short && short !== n && !/^\d+$/.test(short) ? [n, short] : [n];
  });
}

export function normaliseOutput(output: string, ownNames: readonly string[], fleetNames: readonly string[], opts: GroupOptions): string {
  let text = output;
  const own = namesPattern(withShortNames(ownNames));
  if (own) text = text.replace(own, '\u0000HOST\u0000');
  if (opts.loose) {
    const any = namesPattern(withShortNames(fleetNames));
    if (any) text = text.replace(any, '\u0000HOST\u0000');
    text = text.replace(/\d+(?:[.,]\d+)*/g, '\u0000N\u0000');
  }
  return text;
}

/** Groups, largest first (ties: the group whose first host sorts first); hosts keep their given order. */
export function groupOutputs(outputs: readonly HostOutput[], opts: GroupOptions = {}): ScreenGroup[] {
  const fleetNames = outputs.flatMap((o) => [o.host, ...o.names]);
  const groups = new Map<string, ScreenGroup>();
  for (const o of outputs) {
    const key = normaliseOutput(o.output, [o.host, ...o.names], fleetNames, opts);
    const group = groups.get(key);
    if (group) {
      group.hosts.push(o.host);
      group.sessionIds.push(o.sessionId);
      group.count += 1;
    } else {
      groups.set(key, { hosts: [o.host], sessionIds: [o.sessionId], output: o.output, count: 1 });
    }
  }
  return [...groups.values()].sort((a, b) => b.count - a.count || a.hosts[0]!.localeCompare(b.hosts[0]!));
}
