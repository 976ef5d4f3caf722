/** Lead-up and trigger: what the responders marked as the diagnosis, and when the cause was identified. */
import type { Evidence } from './evidence';
import { cite, spanWords, when } from './markdown';
import { markedItems, milestoneOf, section } from './statements';

export function trigger(ev: Evidence): string | null {
  const items: string[] = [];
  const identified = milestoneOf(ev, 'identified');
  const started = milestoneOf(ev, 'started');
  if (identified) {
    const after = started ? `, ${spanWords(Date.parse(identified.at) - Date.parse(started.at), 'after', 'before')} the start` : '';
    items.push(`- The cause was identified at ${when(identified.at)}${after} ${cite(identified.seq, ...(started ? [started.seq] : []))}.`);
  }
  return section({ items: markedItems(ev, 'diagnosis') }, { items });
}
