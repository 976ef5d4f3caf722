/**
 * The timeline's rows: found by seq with a binary search (a run holds several seqs), and kept for
 * the last few filtered lists so that clearing a search does not rebuild 100,000 rows, but rebuilt
 * once a pin or an edit changes which events may fold into a run.
 */
import { describe, expect, it } from 'vitest';
import { foldAnnotations } from '../../../shared/model/annotations';
import { timelineRows } from '../../../shared/model/timelineRuns';
import type { JournalEvent } from '../../../shared/model/incident';
import { rowIndexOf, rowKey } from '../../../renderer/panels/timeline/VirtualRows';
import { RowsCache } from '../../../renderer/panels/timeline/useTimeline';

const HASH = 'd'.repeat(64);
function event(seq: number, type: JournalEvent['type'], data: Record<string, unknown>): JournalEvent {
  return { seq, ts: '2026-11-25T10:00:00.000Z', type, actor: 'ann', data, prev: HASH, hash: HASH };
}

/** Notes with runs of connections between them, seqs from 1 with some left out (as a filter leaves them). */
function journal(): JournalEvent[] {
  const events: JournalEvent[] = [];
  for (let seq = 1; seq <= 400; seq++) {
    if (seq % 13 === 0) continue;
    events.push(seq % 40 < 8 ? event(seq, 'session.connected', { alias: `web-${seq % 40}`, hostname: '10.0.0.1' }) : event(seq, 'note', { text: `note ${seq}` }));
  }
  return events;
}

describe('timeline rows', () => {
  it('rowIndexOf finds the row holding a seq, inside a run too, as a walk over the rows does', () => {
    const rows = timelineRows(journal());
    expect(rows.some((r) => 'run' in r)).toBe(true);
    for (let seq = 0; seq <= 402; seq++) {
      const walked = rows.findIndex((r) => ('event' in r ? r.event.seq === seq : r.events.some((e) => e.seq === seq)));
      expect(rowIndexOf(rows, seq), `seq ${seq}`).toBe(walked);
    }
    expect(rowIndexOf([], 5)).toBe(-1);
    // Keys are unique: a run is keyed by minus its first seq.
    expect(new Set(rows.map(rowKey)).size).toBe(rows.length);
  });

  it('keeps the rows of the last lists, and builds them again for new annotations', () => {
    const events = journal();
    const annotations = foldAnnotations(events);
    const cache = new RowsCache();
    const all = cache.rows(events, annotations);
    expect(all).toEqual(timelineRows(events));
    const some = events.filter((e) => e.seq % 2 === 0);
    const fewer = cache.rows(some, annotations);
    expect(cache.rows(events, annotations)).toBe(all);
    expect(cache.rows(some, annotations)).toBe(fewer);
    // A pin on an event inside a run takes it out of the run.
    const pinned = event(401, 'pin', { ref: 3, pinned: true });
    const withPin = foldAnnotations([...events, pinned]);
    const rebuilt = cache.rows(events, withPin);
    expect(rebuilt).not.toBe(all);
    expect(rebuilt[rowIndexOf(rebuilt, 3)]).toEqual({ event: events.find((e) => e.seq === 3) });
    // Only the last few lists are kept.
    const lists = [1, 2, 3, 4].map((m) => events.filter((e) => e.seq % (m + 2) === 0));
    const first = cache.rows(lists[0] as JournalEvent[], withPin);
    for (const l of lists.slice(1)) cache.rows(l, withPin);
    expect(cache.rows(lists[0] as JournalEvent[], withPin)).not.toBe(first);
  });
});
