/**
 * Timeline: the curated events (the declaration, milestones, status and severity changes, notes,
 * and every pinned or marked event) in time order, each with its moment in UTC and its citation.
 * A milestone stands at the moment it names, which may be before it was recorded; only its latest
 * mark counts. Events from before the declaration (sessions connected earlier) say so.
 */
import type { Evidence } from './evidence';
import { cite, eventWords, tagWords, when } from './markdown';
import { lines, section } from './statements';

const ALWAYS: ReadonlySet<string> = new Set(['incident.declared', 'incident.status', 'incident.severity', 'note']);

/** Work on the write-up itself (exports, saved sections) is not part of the incident's story, even pinned. */
const aboutTheWriteup = (type: string) => type === 'export' || type.startsWith('writeup.');

export function timeline(ev: Evidence): string | null {
  const current = new Map(ev.details.milestones.map((m) => [m.seq, m]));
  const entries: Array<{ at: string; seq: number; words: string }> = [];
  for (const e of ev.events) {
    if (aboutTheWriteup(e.type)) continue;
    // `started` defaults to the declaration, which stands as itself.
    const milestone = e.type === 'milestone' ? current.get(e.seq) : undefined;
    if (milestone && !ev.annotations.redactions.has(e.seq)) {
      // The describer's "detected (at …)" would repeat the moment the entry starts with.
      const suggested = milestone.suggestedBy && ev.event(milestone.suggestedBy) ? `, suggested by #${milestone.suggestedBy}` : '';
      const recorded = when(milestone.at) !== when(e.ts) ? ` (recorded at ${when(e.ts)})` : '';
      entries.push({ at: milestone.at, seq: e.seq, words: `Milestone: ${milestone.milestone}${suggested}${recorded}${tagWords(ev.annotations, e.seq)}` });
    } else if (milestone || ALWAYS.has(e.type) || ev.annotations.pinned.has(e.seq) || ev.annotations.markers.has(e.seq)) {
      entries.push({ at: e.ts, seq: e.seq, words: eventWords(e, ev.annotations) });
    }
  }
  // ISO-8601 UTC with milliseconds sorts as text; the journal order breaks ties.
  entries.sort((a, b) => (a.at < b.at ? -1 : a.at > b.at ? 1 : a.seq - b.seq));
  const declaredAt = ev.declared?.ts;
  const items = lines(entries, ({ at, seq, words }) => {
    const before = declaredAt !== undefined && at < declaredAt ? 'Before the declaration: ' : '';
    return `- ${when(at)} — ${before}${words} ${cite(seq)}`;
  });
  return section({ items });
}
