import { describe, expect, it } from 'vitest';
import type { SessionInfo, SessionState } from '../../../shared/model/host';
import { createWarroomStore } from '../../../renderer/store';
import { broadcastPlan, inputTargets, sessionsOutsideGroup } from '../../../renderer/store/broadcastSlice';

function session(id: string, state: SessionState): SessionInfo {
  return { sessionId: id, alias: `host-${id}`, hostname: `10.0.0.${id}`, state };
}

describe('broadcast targets', () => {
  it('are the ready sessions that are not excluded, in pane order', () => {
    const store = createWarroomStore();
    store.getState().upsertSessions([
      session('1', 'ready'),
      session('2', 'connecting'),
      session('3', 'ready'),
      session('4', 'down'),
      session('5', 'ready'),
      session('6', 'closed'),
    ]);
    store.getState().setExcluded('3', true);
    const s = store.getState();
    const plan = broadcastPlan(s.sessionOrder, s.sessions, s.excluded);
    expect(plan.targets.map((t) => t.sessionId)).toEqual(['1', '5']);
    expect(plan.excluded.map((t) => t.alias)).toEqual(['host-3']);
    expect(plan.notReady.map((t) => t.sessionId)).toEqual(['2', '4']);
    // A closed pane is gone from the count: "2 of 5", not "2 of 6".
    expect(plan.total).toBe(5);
  });

  it('follow state changes and re-inclusion', () => {
    const store = createWarroomStore();
    store.getState().upsertSessions([session('a', 'connecting'), session('b', 'ready')]);
    store.getState().setExcluded('b', true);
    store.getState().upsertSessions([session('a', 'ready')]);
    let s = store.getState();
    expect(broadcastPlan(s.sessionOrder, s.sessions, s.excluded).targets.map((t) => t.sessionId)).toEqual(['a']);
    store.getState().setExcluded('b', false);
    s = store.getState();
    expect(broadcastPlan(s.sessionOrder, s.sessions, s.excluded).targets.map((t) => t.sessionId)).toEqual(['a', 'b']);
    // Order is where panes first appeared, not the order of the latest update.
    expect(s.sessionOrder).toEqual(['a', 'b']);
  });

  it('send keys to every target while on, and to the typing pane alone while off', () => {
    const plan = { targets: [session('1', 'ready'), session('2', 'ready')] };
    expect(inputTargets('9', true, plan)).toEqual(['1', '2']);
    expect(inputTargets('9', false, plan)).toEqual(['9']);
  });

  it('narrows a broadcast to one group by excluding everyone else, and widens it again', () => {
    const store = createWarroomStore();
    store.getState().upsertSessions([session('1', 'ready'), session('2', 'ready'), session('3', 'ready')]);
    const s = store.getState();
    const outside = sessionsOutsideGroup(s.sessionOrder, s.sessions, new Set(['host-1', 'host-3']));
    expect(outside).toEqual(['2']);
    store.getState().setExcludedOnly(outside);
    let now = store.getState();
    expect(broadcastPlan(now.sessionOrder, now.sessions, now.excluded).targets.map((t) => t.alias)).toEqual(['host-1', 'host-3']);
    store.getState().setExcludedOnly([]);
    now = store.getState();
    expect(broadcastPlan(now.sessionOrder, now.sessions, now.excluded).targets).toHaveLength(3);
  });

  it('drops a held paste when broadcast is turned off', () => {
    const store = createWarroomStore();
    store.getState().setBroadcast(true);
    store.getState().setPendingPaste({ data: 'a\rb\r', lines: 2, fromSessionId: 'x' });
    store.getState().setBroadcast(false);
    expect(store.getState().pendingPaste).toBeNull();
  });
});
