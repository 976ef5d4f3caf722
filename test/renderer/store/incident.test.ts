import { describe, expect, it } from 'vitest';
import type { Incident, JournalEvent } from '../../../shared/model/incident';
import { createWarroomStore } from '../../../renderer/store';
import { mergeEvents, newEvents } from '../../../renderer/store/incidentSlice';
import { evaluateChecklists } from '../../../shared/model/checklistState';
import { RESPOND_CHECKLIST } from '../../../shared/model/checklistBuiltins';

const HASH = 'a'.repeat(64);
function event(seq: number, type: JournalEvent['type'], data: Record<string, unknown>): JournalEvent {
  return { seq, ts: `2026-11-25T10:00:${String(seq).padStart(2, '0')}.000Z`, type, actor: 'ops', data, prev: HASH, hash: HASH };
}
const incident = (id: string): Incident => ({
  id,
  title: 'disk full',
  severity: 'SEV2',
  status: 'investigating',
  commander: 'ops',
  startedAt: '2026-11-25T10:00:00.000Z',
  eventCount: 1,
});

describe('incident events', () => {
  it('merge by seq: a reply and its timeline.append count once, out-of-order arrivals are sorted', () => {
    const a = [event(1, 'note', { text: 'one' }), event(3, 'note', { text: 'three' })];
    const merged = mergeEvents(a, [event(2, 'note', { text: 'two' }), event(3, 'note', { text: 'three' })]);
    expect(merged.map((e) => e.seq)).toEqual([1, 2, 3]);
    // Nothing new: the same array comes back, so subscribers do not re-render.
    expect(mergeEvents(merged, [event(2, 'note', { text: 'two' })])).toBe(merged);
  });

  it('take the journal whole when another incident becomes active', () => {
    const store = createWarroomStore();
    store.getState().setIncident(incident('A'), [event(1, 'note', { text: 'a' })]);
    store.getState().addEvents([event(2, 'note', { text: 'b' })]);
    // The same incident changing status keeps its events.
    store.getState().setIncident({ ...incident('A'), status: 'identified' });
    expect(store.getState().events).toHaveLength(2);
    store.getState().setIncident(incident('B'));
    expect(store.getState().events).toEqual([]);
  });
});

describe('a big journal arriving in pages', () => {
  const notes = (from: number, to: number) => Array.from({ length: to - from + 1 }, (_, i) => event(from + i, 'note', { text: `n${from + i}` }));
  const seqs = (events: readonly JournalEvent[]) => events.map((e) => e.seq);

  it('merges a page in front, a page around a cited event in a gap, and repeated seqs once', () => {
    const newest = notes(901, 1000);
    const withOlder = mergeEvents(newest, notes(801, 900));
    expect(seqs(withOlder)).toEqual(seqs(notes(801, 1000)));
    // Around seq 100, while 101..800 are still missing; the page overlaps nothing.
    const sparse = mergeEvents(withOlder, notes(50, 150));
    expect(seqs(sparse)).toEqual([...seqs(notes(50, 150)), ...seqs(notes(801, 1000))]);
    // The next older page overlaps what was fetched around the citation: each seq once, in order.
    const filled = mergeEvents(sparse, notes(1, 900));
    expect(seqs(filled)).toEqual(seqs(notes(1, 1000)));
    // The event already held is kept (a reply and its timeline.append are the same event).
    expect(filled[99]).toBe(sparse[50]);
    expect(mergeEvents(filled, [event(1000, 'note', { text: 'again' }), event(1000, 'note', { text: 'again' })])).toBe(filled);
  });

  it('tells the events the journal gained from the older pages fetched', () => {
    const newest = notes(901, 1000);
    expect(newEvents(mergeEvents(newest, notes(1, 900)), newest)).toEqual([]);
    const grown = mergeEvents(newest, notes(1001, 1002));
    expect(seqs(newEvents(grown, newest))).toEqual([1001, 1002]);
    expect(newEvents(grown, grown)).toEqual([]);
  });

  it('keeps what is still missing until the oldest page arrives, and keeps fetched pages over a reload of the same incident', () => {
    const store = createWarroomStore();
    store.getState().setIncident(incident('A'), notes(901, 1000), 901);
    expect(store.getState().olderThan).toBe(901);
    store.getState().addOlder(notes(801, 900), 801);
    expect(store.getState().olderThan).toBe(801);
    // The link came back: the same incident's newest page again, and nothing fetched is lost.
    store.getState().setIncident(incident('A'), notes(951, 1001), 951);
    expect(store.getState().olderThan).toBe(801);
    expect(seqs(store.getState().events)).toEqual(seqs(notes(801, 1001)));
    store.getState().addOlder(notes(1, 800), null);
    expect(store.getState().olderThan).toBeNull();
    expect(store.getState().events).toHaveLength(1001);
    // Another incident starts over.
    store.getState().setIncident(incident('B'), notes(1, 10), null);
    expect(seqs(store.getState().events)).toEqual(seqs(notes(1, 10)));
    store.getState().setIncident(incident('C'));
    expect(store.getState().olderThan).toBeNull();
  });
});

describe('checklist ticks in the store', () => {
  it('shows a tick in flight until the journal answers', () => {
    const store = createWarroomStore();
    const comms = () => {
      const s = store.getState();
      return evaluateChecklists([RESPOND_CHECKLIST], s.events, new Date(), s.pendingTicks)[0]?.items.find((i) => i.id === 'comms')?.done;
    };
    store.getState().setPendingTick('respond', 'comms', true);
    expect(comms()).toBe(true);
    store.getState().setPendingTick('respond', 'comms', null);
    expect(comms()).toBe(false);
  });

  it('starts with the built-in lists and takes the ones the Node side sends', () => {
    const store = createWarroomStore();
    expect(store.getState().checklists.map((c) => c.id)).toEqual(['respond', 'writeup', 'postmortem']);
    store.getState().setChecklists([RESPOND_CHECKLIST]);
    expect(store.getState().checklists).toEqual([RESPOND_CHECKLIST]);
  });
});
