/**
 * Supporting material: every command run, with its hosts and exit codes (and output files and the
 * last line each host printed, when the run kept them), sealed terminal recordings, and attachments.
 */
import type { Evidence, RunResult } from './evidence';
import { cite, code, hostList, user, when } from './markdown';
import { commandItem, lines, section } from './statements';

/** A quoted line longer than this is cut (the whole output is in the run's output file). */
const LINE = 200;

export function supporting(ev: Evidence): string | null {
  const commands = lines(ev.commands, (c) => ('results' in c ? withLastLines(commandItem(c), c.results) : commandItem(c)));
  const recordings = ev.recordings.map((r) => `- ${user(r.alias)}: ${code(r.file)} (${r.bytes} bytes, sha256 ${code(r.sha256)}), sealed at ${when(r.ts)} ${cite(r.seq)}`);
  const attachments = ev.details.attachments
    .filter((a) => !ev.annotations.redactions.has(a.seq))
    .map((a) => `- ${user(a.name)}: ${code(a.file)} (${a.bytes} bytes, sha256 ${code(a.sha256)})${a.caption ? `: ${user(a.caption)}` : ''}${a.ref ? `, evidence for #${a.ref}` : ''} ${cite(a.seq)}`);
  return section({ heading: 'Commands run:', items: commands }, { heading: 'Recordings:', items: recordings }, { heading: 'Attachments:', items: attachments });
}

/**
 * The last non-empty line of each host's output tail, hosts that printed the same line together,
 * inserted before the item's citation: often the line that explains the exit code.
 */
function withLastLines(item: string, results: readonly RunResult[]): string {
  const groups = new Map<string, string[]>();
  for (const r of results) {
    if (!r.tail) continue;
    let line = r.tail.split(/\r?\n/).map((l) => l.trimEnd()).filter((l) => l !== '').at(-1);
    if (line === undefined) continue;
    if (line.length > LINE) line = `${line.slice(0, LINE - 1)}…`;
    const hosts = groups.get(line);
    if (hosts) hosts.push(r.host);
    else groups.set(line, [r.host]);
  }
  if (groups.size === 0) return item;
  const cut = item.lastIndexOf(' (#');
  const lines = [...groups].map(([line, hosts]) => `${code(line)} on ${hostList(hosts)}`).join('; ');
  return `${item.slice(0, cut)}; last line printed: ${lines}${item.slice(cut)}`;
}
