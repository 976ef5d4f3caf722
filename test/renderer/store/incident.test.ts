import { describe, expect, it } from 'vitest';
import type { Incident, JournalEvent } from '../../../shared/model/incident';
import { createWarroomStore } from '../../../renderer/store';
import { checklistState, mergeEvents } from '../../../renderer/store/incidentSlice';

const HASH = 'a'.repeat(64);
function event(seq: number, type: JournalEvent['type'], data: Record<string, unknown>): JournalEvent {
  return { seq, ts: `2026-11-25T10:00:${String(seq).padStart(2, '0')}.000Z`, type, actor: 'ops', data, prev: HASH, hash: HASH };
}
function tick(seq: number, itemId: string, done: boolean): JournalEvent {
  return event(seq, 'checklist.tick', { checklist: 'respond', itemId, label: itemId, done });
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

describe('checklistState', () => {
  it('is the last tick of each item on the journal', () => {
    const events = [tick(1, 'declare', true), tick(2, 'scope', true), tick(3, 'declare', false), event(4, 'note', { text: 'x' })];
    expect(checklistState(events, 'respond')).toEqual({ declare: false, scope: true });
    expect(checklistState(events, 'other')).toEqual({});
  });

  it('shows a tick in flight until the journal answers', () => {
    const store = createWarroomStore();
    store.getState().setPendingTick('respond', 'comms', true);
    let s = store.getState();
    expect(checklistState(s.events, 'respond', s.pendingTicks)).toEqual({ comms: true });
    store.getState().setPendingTick('respond', 'comms', null);
    s = store.getState();
    expect(checklistState(s.events, 'respond', s.pendingTicks)).toEqual({});
  });
});
