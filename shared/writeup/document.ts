/**
 * The write-up as folded from the journal: every `writeup.saved` is a version of one section, the
 * last one is current, and a `writeup.accepted` naming the current version marks a draft accepted.
 * Pure, so the window and the Node side read the document the same way.
 */
import { eventData, type JournalEvent } from '../model/incident';
import { SectionId, type SectionTemplate, type SectionVersion, type WriteupSection } from '../model/writeup';

/** Every section's versions, oldest first. */
export function sectionVersions(events: readonly JournalEvent[]): Record<SectionId, SectionVersion[]> {
  const out = Object.fromEntries(SectionId.options.map((id) => [id, [] as SectionVersion[]])) as Record<SectionId, SectionVersion[]>;
  for (const e of events) {
    const d = eventData(e, 'writeup.saved');
    if (d) out[d.section].push({ seq: e.seq, ts: e.ts, actor: e.actor, text: d.text, base: d.base, origin: d.origin });
  }
  return out;
}

/** The section's current version, found from the end (the save check runs this under the journal lock). */
export function currentVersion(events: readonly JournalEvent[], section: SectionId): SectionVersion | undefined {
  for (let i = events.length - 1; i >= 0; i--) {
    const e = events[i] as JournalEvent;
    const d = eventData(e, 'writeup.saved');
    if (d?.section === section) return { seq: e.seq, ts: e.ts, actor: e.actor, text: d.text, base: d.base, origin: d.origin };
  }
  return undefined;
}

/**
 * The `#seq` citations in Markdown, in order of first appearance. Code spans and fences are not
 * prose, and `\#7`, `&#7;`, `a#7` and `##7` are not citations.
 */
export function citations(markdown: string): number[] {
  const seen = new Set<number>();
  replaceCitations(markdown, (seq, raw) => {
    seen.add(seq);
    return raw;
  });
  return [...seen];
}

/** A backslash-escaped backtick (user text, escaped) opens no code span. */
const CODE_SPAN = /(?<!\\)(`+)[^]*?\1/g;
const CITATION = /(?<![\\&\w#])#([1-9]\d{0,15})\b/g;

/** Rewrites every citation in the prose (not in code) with `link(seq, "#seq")`: links in exports. */
export function replaceCitations(markdown: string, link: (seq: number, raw: string) => string): string {
  let out = '';
  let at = 0;
  const prose = (text: string) => text.replace(CITATION, (raw, n: string) => link(Number(n), raw));
  for (const m of markdown.matchAll(CODE_SPAN)) {
    out += prose(markdown.slice(at, m.index)) + m[0];
    at = m.index + m[0].length;
  }
  return out + prose(markdown.slice(at));
}

export function writeupSections(events: readonly JournalEvent[], template: SectionTemplate): WriteupSection[] {
  const versions = sectionVersions(events);
  const accepted = new Map<SectionId, Set<number>>();
  for (const e of events) {
    const d = eventData(e, 'writeup.accepted');
    if (d) accepted.set(d.section, (accepted.get(d.section) ?? new Set()).add(d.version));
  }
  const lastSeq = events.at(-1)?.seq ?? 0;
  return SectionId.options.map((id) => {
    const list = versions[id];
    const current = list.at(-1);
    const text = current?.text ?? '';
    const cited = citations(text);
    const state = !current || text.trim() === '' ? 'empty' : current.origin === 'person' ? 'person' : accepted.get(id)?.has(current.seq) ? 'accepted' : 'draft';
    return {
      id,
      title: template[id],
      text,
      state,
      version: current?.seq ?? null,
      ...(current ? { actor: current.actor, ts: current.ts } : {}),
      citations: cited,
      // Seqs are dense from 1, so "is an event" is a range check.
      unknownCitations: cited.filter((seq) => seq > lastSeq),
      versions: list.length,
    };
  });
}
