/** Sentence templates more than one section uses, filled from evidence only. */
import { exitText } from '../../model/describe';
import type { MarkerKind } from '../../model/incident';
import type { Evidence, Run, RunResult, Typed } from './evidence';
import { cite, code, eventWords, hostList, user, when } from './markdown';

/** "web-01 exit 0, web-02 exit 3", with each host's output file when the run kept one. */
export function exits(results: readonly RunResult[]): string {
  if (results.length === 0) return 'no hosts';
  return results.map((r) => `${user(r.host)} ${user(exitText(r))}${r.output ? ` (output ${code(r.output.file)}, ${r.output.bytes} bytes)` : ''}`).join(', ');
}

export function runWords(run: Run): string {
  return `${code(run.line)} on ${hostList(run.results.map((r) => r.host))}: ${exits(run.results)}`;
}

export function typedWords(t: Typed): string {
  const line = t.withheld ? 'secret input withheld' : code(t.line);
  return `${line} typed on ${hostList(t.hosts)} (no exit codes${t.uncertain ? '; edited with cursor keys or history, so the shell may have run other text' : ''})`;
}

/** A command's statement, either kind: "- 2026-… UTC — `df -h /` on web-02: web-02 exit 3 (#7)". */
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

export function milestoneOf(ev: Evidence, name: string): { at: string; seq: number; suggestedBy?: number } | undefined {
  return ev.details.milestones.find((m) => m.milestone === name);
}

/** A section from its parts: null when no part holds evidence (headings alone are not a draft). */
export function section(...parts: Array<{ heading?: string; items: string[] }>): string | null {
  const filled = parts.filter((p) => p.items.length > 0);
  if (filled.length === 0) return null;
  return filled.map((p) => [...(p.heading ? [p.heading, ''] : []), ...p.items].join('\n')).join('\n\n');
}
