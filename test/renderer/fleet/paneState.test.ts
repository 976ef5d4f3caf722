import { describe, expect, it } from 'vitest';
import type { SessionInfo, SessionState } from '../../../shared/model/host';
import { canReconnect, paneStateText, reconnectAllIds } from '../../../renderer/panels/fleet/paneState';

function s(id: string, state: SessionState, extra: Partial<SessionInfo> = {}): SessionInfo {
  return { sessionId: id, alias: `h${id}`, hostname: `10.0.0.${id}`, state, ...extra };
}

describe('pane state words', () => {
  it('says which reconnect attempt is running and why a pane is down', () => {
    expect(paneStateText(s('1', 'reconnecting', { attempt: 3, reason: 'refused' }))).toBe('reconnecting (attempt 3)');
    expect(paneStateText(s('1', 'reconnecting'))).toBe('reconnecting');
    expect(paneStateText(s('1', 'down', { reason: 'h1: auth failed' }))).toBe('down: h1: auth failed');
    expect(paneStateText(s('1', 'down'))).toBe('down');
    expect(paneStateText(s('1', 'ready', { attempt: 2 }))).toBe('ready');
    expect(paneStateText(s('1', 'connecting'))).toBe('connecting');
  });

  it('reconnects in place anything but a closed session', () => {
    const states: SessionState[] = ['connecting', 'verifying', 'authenticating', 'ready', 'reconnecting', 'down'];
    for (const st of states) expect(canReconnect(s('1', st))).toBe(true);
    expect(canReconnect(s('1', 'closed'))).toBe(false);
  });

  it('"reconnect all" takes the down and retrying panes, in pane order, never a ready shell', () => {
    const sessions = Object.fromEntries(
      [s('1', 'ready'), s('2', 'down'), s('3', 'reconnecting', { attempt: 1 }), s('4', 'closed'), s('5', 'connecting'), s('6', 'down')].map((x) => [x.sessionId, x]),
    );
    expect(reconnectAllIds(['6', '1', '2', '3', '4', '5', 'gone'], sessions)).toEqual(['6', '2', '3']);
  });
});
