import { describe, expect, it } from 'vitest';
import type { Incident, JournalEvent } from '../../../shared/model/incident';
import { createWarroomStore } from '../../../renderer/store';
import { mergeEvents } from '../../../renderer/store/incidentSlice';
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
