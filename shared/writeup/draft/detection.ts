/** Detection: the `detected` milestone, the time to detect from `started`, and detection markers. */
import type { Evidence } from './evidence';
import { cite, spanWords, when } from './markdown';
import { markedItems, milestoneOf, section } from './statements';

export function detection(ev: Evidence): string | null {
  const items: string[] = [];
  const detected = milestoneOf(ev, 'detected');
  const started = milestoneOf(ev, 'started');
  if (detected) {
    items.push(`- Detected at ${when(detected.at)} ${cite(detected.seq)}${detected.suggestedBy && ev.event(detected.suggestedBy) ? `, as suggested by #${detected.suggestedBy}` : ''}.`);
    if (started) {
      const ms = Date.parse(detected.at) - Date.parse(started.at);
      const note = ms < 0 ? '; detected is set before started, so one of the two milestones is wrong' : '';
      items.push(`- Time to detect: ${spanWords(ms, 'after', 'before')} the start at ${when(started.at)}${note} ${cite(started.seq, detected.seq)}.`);
    }
  }
  return section({ items }, { items: markedItems(ev, 'detection') });
}
