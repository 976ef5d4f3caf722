import { describe, expect, it } from 'vitest';
import { matchesTimelineFilter, type JournalEvent } from '../../../shared/model/incident';
import { createWarroomStore } from '../../../renderer/store';

const HASH = 'a'.repeat(64);
const event = (seq: number, actor: string): JournalEvent => ({ seq, ts: '2026-11-25T10:00:00.000Z', type: 'note', actor, data: { text: `n${seq}` }, prev: HASH, hash: HASH });

describe('incident details slice', () => {
  it('keeps marker and actor filters apart, and they narrow the timeline with the shared rule', () => {
    const store = createWarroomStore();
    store.getState().setTimelineExtra({ actors: ['alice'] });
    store.getState().setTimelineExtra({ markers: ['repair'] });
    const extra = store.getState().timelineExtra;
    expect(extra).toEqual({ actors: ['alice'], markers: ['repair'] });
    const marks = { markers: new Map([[1, new Set(['repair' as const])], [2, new Set(['repair' as const])]]), pinned: new Set<number>() };
    const shown = [event(1, 'alice'), event(2, 'bob'), event(3, 'alice')].filter((e) => matchesTimelineFilter(e, extra, marks));
    expect(shown.map((e) => e.seq)).toEqual([1]);
    store.getState().setTimelineExtra({ actors: [], markers: [] });
    expect([event(1, 'alice'), event(2, 'bob')].filter((e) => matchesTimelineFilter(e, store.getState().timelineExtra, marks))).toHaveLength(2);
  });

  it('remembers which incident its details belong to', () => {
    const store = createWarroomStore();
    expect(store.getState().details).toBeNull();
    store.getState().setDetails('inc-1', null);
    expect(store.getState().detailsFor).toBe('inc-1');
  });
});
