import { describe, expect, it } from 'vitest';
import type { SessionInfo } from '../../../shared/model/host';
import { createWarroomStore } from '../../../renderer/store';
import { describeState, isLive } from '../../../renderer/store/sessionsSlice';

const info = (sessionId: string, state: SessionInfo['state'], extra: Partial<SessionInfo> = {}): SessionInfo => ({
  sessionId,
  alias: `h-${sessionId}`,
  hostname: '127.0.0.2',
  state,
  ...extra,
});

describe('sessions slice', () => {
  it('keeps panes where they first appeared when the Node side resends its list', () => {
    const store = createWarroomStore();
    store.getState().upsertSessions([info('a', 'ready'), info('b', 'ready'), info('c', 'ready')]);
    // After a reconnect: b is gone, d is new, the list comes in another order.
    store.getState().resetSessions([info('d', 'connecting'), info('c', 'ready'), info('a', 'down', { reason: 'timeout' })]);
    expect(store.getState().sessionOrder).toEqual(['a', 'c', 'd']);
    expect(store.getState().sessions.a?.state).toBe('down');
    store.getState().removeSession('c');
    expect(store.getState().sessionOrder).toEqual(['a', 'd']);
    expect(store.getState().sessions.c).toBeUndefined();
  });

  it('says what a pane header shows', () => {
    expect(describeState(info('a', 'ready'))).toBe('ready');
    expect(describeState(info('a', 'reconnecting', { attempt: 3 }))).toBe('reconnecting 3');
    expect(describeState(info('a', 'down', { reason: 'web-1: connect ECONNREFUSED 127.0.0.2:22' }))).toBe('down: web-1: connect ECONNREFUSED 127.0.0.2:22');
    expect(describeState(info('a', 'closed'))).toBe('closed');
  });

  it('treats every state that holds or will hold a shell as live', () => {
    expect(['connecting', 'verifying', 'authenticating', 'ready', 'reconnecting'].every((s) => isLive(s as SessionInfo['state']))).toBe(true);
    expect(isLive('down')).toBe(false);
    expect(isLive('closed')).toBe(false);
  });
});
