/**
 * The timeline's index answers exactly what a scan with matchesTimelineFilter answers, for every
 * combination of the window's filters, on a journal built and then grown; its search finds events
 * by what the timeline shows (corrected text, never redacted text).
 */
import { describe, expect, it } from 'vitest';
import { MarkerKind, matchesTimelineFilter, type JournalEvent, type TimelineFilter } from '../../../shared/model/incident';
import { foldAnnotations } from '../../../shared/model/annotations';
import { describeEvent } from '../../../renderer/format/timeline';
import { TIMELINE_KINDS, buildFilter, timelineHosts, type TimelineKind } from '../../../renderer/format/timelineFilter';
import { TimelineIndex, searchText, searchWords } from '../../../renderer/format/timelineIndex';

const HASH = 'c'.repeat(64);
const HOSTS = ['web-01', 'web-02', 'db-01', 'db-02'];
const ACTORS = ['ann', 'bob', 'bench'];

/** A journal of every kind the filters know, with pins, markers, edits and redactions on earlier events. */
function journal(count: number, from = 1): JournalEvent[] {
  const events: JournalEvent[] = [];
  for (let seq = from; seq < from + count; seq++) {
    const actor = ACTORS[seq % ACTORS.length] as string;
    const host = HOSTS[seq % HOSTS.length] as string;
    const at = (type: JournalEvent['type'], data: Record<string, unknown>): JournalEvent => ({ seq, ts: '2026-11-25T10:00:00.000Z', type, actor, data, prev: HASH, hash: HASH });
    const ref = Math.max(1, seq - 1 - (seq % 7));
    switch (seq % 11) {
      case 0:
        events.push(at('command.broadcast', { line: `systemctl status nginx #${seq}`, hosts: [host, HOSTS[(seq + 1) % HOSTS.length]] }));
        break;
      case 1:
        events.push(at('session.connected', { alias: host, hostname: '10.0.0.1' }));
        break;
      case 2:
        events.push(at('pin', { ref, pinned: seq % 4 !== 0 }));
        break;
      case 3:
        events.push(at('marker', { ref, marker: MarkerKind.options[seq % MarkerKind.options.length], on: seq % 5 !== 0 }));
        break;
      case 4:
        events.push(at('event.edited', { ref, text: `corrected Text ${seq}` }));
        break;
      case 5:
        events.push(at('event.redacted', { ref, reason: 'a password' }));
        break;
      case 6:
        events.push(at('checklist.tick', { checklist: 'respond', itemId: 'comms', done: true }));
        break;
      case 7:
        events.push(at('session.disconnected', { alias: host, reason: 'closed' }));
        break;
      default:
        events.push(at('note', { text: `Observation ${seq}: p99 latency on ${host}` }));
    }
  }
  return events;
}

const KINDS: (TimelineKind | 'all' | 'pinned')[] = ['all', ...(Object.keys(TIMELINE_KINDS) as TimelineKind[]), 'pinned'];

function filters(): TimelineFilter[] {
  const out: TimelineFilter[] = [];
  for (const kind of KINDS) {
    for (const host of ['', ...HOSTS, 'nowhere']) {
      for (const actors of [[], ['bob'], ['ann', 'bench']]) {
        for (const markers of [[], [MarkerKind.options[0]], [...MarkerKind.options]]) out.push({ ...buildFilter(kind, host), actors, markers } as TimelineFilter);
      }
    }
  }
  return out;
}

function expectSameAsScan(index: TimelineIndex, events: JournalEvent[]): void {
  const annotations = foldAnnotations(events);
  for (const f of filters()) {
    const scanned = events.filter((e) => matchesTimelineFilter(e, f, annotations)).map((e) => e.seq);
    expect(index.filter(f, annotations).map((e) => e.seq), JSON.stringify(f)).toEqual(scanned);
  }
}

describe('the timeline index', () => {
  it('answers every filter combination exactly as a scan does, built at once and grown event by event', () => {
    const events = journal(600);
    expectSameAsScan(new TimelineIndex().update(events), events);
    let grown = new TimelineIndex();
    for (let n = 1; n <= events.length; n += 37) grown = grown.update(events.slice(0, n));
    grown = grown.update(events);
    expectSameAsScan(grown, events);
    // A page of older events in front rebuilds it.
    const older = journal(300, 1);
    const newer = journal(300, 301);
    const paged = new TimelineIndex().update(newer).update([...older, ...newer]);
    expectSameAsScan(paged, [...older, ...newer]);
  });

  it('a grown index leaves the one it grew from as it was', () => {
    const events = journal(100);
    const before = new TimelineIndex().update(events.slice(0, 50));
    before.update(events);
    const annotations = foldAnnotations(events.slice(0, 50));
    expect(before.filter({ hosts: ['web-01'] }, annotations).every((e) => e.seq <= 50)).toBe(true);
  });

  it('lists hosts and actors as the scan does', () => {
    const events = journal(200);
    const index = new TimelineIndex().update(events);
    expect(index.hosts()).toEqual(timelineHosts(events));
    expect(index.actors()).toEqual([...new Set(events.map((e) => e.actor))].sort((a, b) => a.localeCompare(b)));
  });

  it('searches what the timeline shows: every word, any case, corrected text, never redacted text', () => {
    const events = journal(400);
    const annotations = foldAnnotations(events);
    const index = new TimelineIndex().update(events);
    const seqs = (search: string, f: TimelineFilter = {}) => index.filter(f, annotations, search).map((e) => e.seq);
    // The same answer as reading every row's shown text.
    for (const search of ['nginx', 'P99 web-02', 'corrected text', 'redacted', 'bob', 'nothing like this']) {
      const words = searchWords(search);
      const expected = events
        .filter((e) => {
          const view = describeEvent(e, { edited: annotations.edits.get(e.seq)?.at(-1)?.text, redacted: annotations.redactions.get(e.seq)?.reason });
          const shown = [view.label, view.text, view.detail ?? '', view.hosts.join(' '), e.actor].join('\n').toLowerCase();
          return words.every((w) => shown.includes(w));
        })
        .map((e) => e.seq);
      expect(seqs(search), search).toEqual(expected);
    }
    expect(seqs('nginx').length).toBeGreaterThan(10);
    expect(seqs('nothing like this')).toEqual([]);
    // A redacted note's words are gone from search; an edited one is found by its correction.
    const redacted = [...annotations.redactions.keys()].find((seq) => events[seq - 1]?.type === 'note') as number;
    const original = (events[redacted - 1]?.data['text'] as string).toLowerCase();
    expect(seqs(original)).not.toContain(redacted);
    const edited = [...annotations.edits.keys()].find((seq) => events[seq - 1]?.type === 'note' && !annotations.redactions.has(seq)) as number;
    expect(seqs(annotations.edits.get(edited)?.at(-1)?.text as string)).toContain(edited);
    // Search and filters together.
    expect(seqs('nginx', { hosts: ['db-01'] }).every((s) => (events[s - 1]?.data['hosts'] as string[]).includes('db-01'))).toBe(true);
  });

  it('a search typed on answers what the plain scan answers at every keystroke, and a repeated question gets the same array', () => {
    const events = journal(700);
    const annotations = foldAnnotations(events);
    const index = new TimelineIndex().update(events);
    const scan = (search: string, f: TimelineFilter) => {
      const words = searchWords(search);
      return events.filter((e) => matchesTimelineFilter(e, f, annotations) && words.every((w) => searchText(e, annotations).includes(w))).map((e) => e.seq);
    };
    // Typed letter by letter, then a second word, then backspaced, then a word that widens again:
    // the kept answers narrow the next search only when they may.
    const typed = ['o', 'ob', 'obs', 'observation 1', 'observation 12', 'observation 1', 'observation', 'p99 web', 'p99 web-0', 'p99 web-02', 'web-02 p99', 'corrected', 'corrected text 1', 'bob', 'b', ''];
    for (const f of [{}, buildFilter('notes', ''), buildFilter('all', 'web-02'), { actors: ['bob'] }] as TimelineFilter[]) {
      for (const search of typed) expect(index.filter(f, annotations, search).map((e) => e.seq), `${JSON.stringify(f)} "${search}"`).toEqual(scan(search, f));
      for (const search of [...typed].reverse()) expect(index.filter(f, annotations, search).map((e) => e.seq), `back: ${JSON.stringify(f)} "${search}"`).toEqual(scan(search, f));
    }
    expect(index.filter(buildFilter('commands', ''), annotations, 'nginx')).toBe(index.filter(buildFilter('commands', ''), annotations, 'nginx'));
    // New annotations (a pin, an edit) are a new question.
    const again = foldAnnotations(events);
    expect(index.filter(buildFilter('commands', ''), again, 'nginx')).not.toBe(index.filter(buildFilter('commands', ''), annotations, 'nginx'));
    expect(index.filter(buildFilter('commands', ''), again, 'nginx')).toEqual(index.filter(buildFilter('commands', ''), annotations, 'nginx'));
  });

  it('searches a journal as it grows (its joined texts extended, not rebuilt) as the scan does', () => {
    const events = journal(900);
    let index = new TimelineIndex();
    for (let n = 50; n <= events.length; n += 170) {
      const now = events.slice(0, n);
      index = index.update(now);
      const annotations = foldAnnotations(now);
      // Searched at some sizes only: a grown index extends the texts of the last one searched.
      if (n % 340 !== 50) continue;
      for (const search of ['nginx', 'observation 1', 'corrected text', 'web-02 bob', 'a\u0001b', '']) {
        const words = searchWords(search);
        const scanned = now.filter((e) => words.every((w) => searchText(e, annotations).includes(w))).map((e) => e.seq);
        expect(index.filter({}, annotations, search).map((e) => e.seq), `${n} "${search}"`).toEqual(scanned);
      }
    }
    // The index it grew from still answers for its own events.
    const small = new TimelineIndex().update(events.slice(0, 100));
    const annotationsSmall = foldAnnotations(events.slice(0, 100));
    small.filter({}, annotationsSmall, 'nginx');
    small.update(events);
    expect(small.filter({}, annotationsSmall, 'observation').every((e) => e.seq <= 100)).toBe(true);
  });
});
