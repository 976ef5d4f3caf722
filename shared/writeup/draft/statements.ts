/** Sentence templates more than one section uses, filled from evidence only. */
import { exitText } from '../../model/describe';
import type { MarkerKind } from '../../model/incident';
import type { Evidence, Run, RunResult, Typed } from './evidence';
import { cite, code, eventWords, hostList, user, when } from './markdown';

/**
 * "exit 0 on web-01, web-03; exit 3 on web-02": hosts grouped by how the command ended on them,
 * in the order each ending first appears (as dshbak groups output), then the output files kept.
 */
export function exits(results: readonly RunResult[]): string {
  if (results.length === 0) return 'on no hosts';
  const first = results[0] as RunResult;
  if (results.every((r) => r.exitCode === first.exitCode && r.signal === first.signal && r.error === first.error && !r.output)) {
    return `${user(exitText(first))} on ${hostList(results.map((r) => r.host))}`;
  }
  const groups = new Map<string, string[]>();
  for (const r of results) {
    const end = exitText(r);
    const hosts = groups.get(end);
    if (hosts) hosts.push(r.host);
    else groups.set(end, [r.host]);
  }
  const outputs = results.flatMap((r) => (r.output ? [`${user(r.host)}: ${code(r.output.file)} (${r.output.bytes} bytes)`] : []));
  return [...groups].map(([end, hosts]) => `${user(end)} on ${hostList(hosts)}`).join('; ') + (outputs.length > 0 ? `; output ${outputs.join(', ')}` : '');
}

export function runWords(run: Run): string {
  return `${code(run.line)}: ${exits(run.results)}`;
}

export function typedWords(t: Typed): string {
  const line = t.withheld ? 'secret input withheld' : code(t.line);
  return `${line} typed on ${hostList(t.hosts)} (no exit codes${t.uncertain ? '; edited with cursor keys or history, so the shell may have run other text' : ''})`;
}

/** A command's statement, either kind: "- 2026-… UTC — `df -h /`: exit 3 on web-02 (#7)". */
export function commandItem(c: Run | Typed): string {
  return `- ${when(c.ts)} — ${'results' in c ? runWords(c) : typedWords(c)} ${cite(c.seq)}`;
}

/** Every event carrying a marker, in journal order. */
export function markedItems(ev: Evidence, marker: MarkerKind): string[] {
  const seqs = [...ev.annotations.markers].filter(([, set]) => set.has(marker)).map(([seq]) => seq).sort((a, b) => a - b);
  return seqs.flatMap((seq) => {
    const e = ev.event(seq);
    return e ? [`- Marked as ${marker}: ${when(e.ts)} — ${eventWords(e, ev.annotations)} ${cite(seq)}`] : [];
  });
}

/** A milestone's latest mark, unless that event was redacted (a redacted event is no evidence). */
export function milestoneOf(ev: Evidence, name: string): { at: string; seq: number; suggestedBy?: number } | undefined {
  const m = ev.details.milestones.find((x) => x.milestone === name);
  return m && !ev.annotations.redactions.has(m.seq) ? m : undefined;
}

/** Items joined as they are made, this many at a time (see lines()). */
const CHUNK = 256;

/**
 * The items of a long list, already joined into one string (in a one-element array, ready for
 * section(); empty for no items). Joining every few hundred items lets each item's pieces die young
 * instead of all surviving to one join at the end, which made most of the drafting time garbage
 * collection on a 100,000-event incident.
 */
export function lines<T>(list: readonly T[], item: (t: T) => string): string[] {
  if (list.length === 0) return [];
  const chunks: string[] = [];
  let chunk: string[] = [];
  for (const t of list) {
    chunk.push(item(t));
    if (chunk.length === CHUNK) {
      chunks.push(chunk.join('\n'));
      chunk = [];
    }
  }
  if (chunk.length > 0) chunks.push(chunk.join('\n'));
  return [chunks.join('\n')];
}

/** A section from its parts: null when no part holds evidence (headings alone are not a draft). */
export function section(...parts: Array<{ heading?: string; items: string[] }>): string | null {
  const filled = parts.filter((p) => p.items.length > 0);
  if (filled.length === 0) return null;
  return filled.map((p) => (p.heading ? `${p.heading}\n\n${p.items.join('\n')}` : p.items.join('\n'))).join('\n\n');
}
