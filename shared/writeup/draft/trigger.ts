/**
 * Lead-up and trigger: what was noted, run or marked before the declaration, what the responders
 * marked as the diagnosis, and when the cause was identified.
 */
import type { Evidence } from './evidence';
import { cite, eventWords, spanWords, when } from './markdown';
import { markedItems, milestoneOf, section } from './statements';

const LEAD_UP: ReadonlySet<string> = new Set(['note', 'command.run', 'command.broadcast']);

export function trigger(ev: Evidence): string | null {
  const items: string[] = [];
  const identified = milestoneOf(ev, 'identified');
  const started = milestoneOf(ev, 'started');
  if (identified) {
    const after = started ? `, ${spanWords(Date.parse(identified.at) - Date.parse(started.at), 'after', 'before')} the start` : '';
    items.push(`- The cause was identified at ${when(identified.at)}${after} ${cite(identified.seq, ...(started ? [started.seq] : []))}.`);
  }
  return section({ heading: 'Before the declaration:', items: leadUp(ev) }, { items: markedItems(ev, 'diagnosis') }, { items });
}

/** Notes and commands whose moment is before the declaration, and anything pinned or marked from then. */
function leadUp(ev: Evidence): string[] {
  const declared = ev.declared;
  if (!declared) return [];
  const a = ev.annotations;
  return ev.events
    .filter((e) => e.ts < declared.ts && (LEAD_UP.has(e.type) || a.pinned.has(e.seq) || a.markers.has(e.seq)))
    .sort((x, y) => (x.ts < y.ts ? -1 : x.ts > y.ts ? 1 : x.seq - y.seq))
    .map((e) => `- ${when(e.ts)} — ${eventWords(e, a)} ${cite(e.seq)}`);
}
