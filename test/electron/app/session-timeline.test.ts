import { describe, expect, it } from 'vitest';
import type { SessionInfo } from '../../../shared/model/host';
import { SessionTimeline } from '../../../electron/app/session-timeline';

const at = (state: SessionInfo['state'], extra: Partial<SessionInfo> = {}): SessionInfo => ({ sessionId: 's1', alias: 'web-1', hostname: '10.0.0.1', state, ...extra });

/** The event types and data recorded for a run of states. */
function recorded(...states: SessionInfo[]) {
  const t = new SessionTimeline();
  return states.map((s) => t.observe(s)).filter((d) => d !== undefined).map((d) => ({ type: d.type, data: d.data }));
}

describe('SessionTimeline', () => {
  it('records the link, not every step of the handshake', () => {
    expect(recorded(at('connecting'), at('verifying'), at('authenticating'), at('ready'))).toEqual([
      { type: 'session.connected', data: { alias: 'web-1', hostname: '10.0.0.1' } },
    ]);
  });

  it('records a drop with its reason, and the return as a reconnect with its attempt', () => {
    expect(recorded(at('ready'), at('reconnecting', { reason: 'connection reset' }), at('connecting', { attempt: 2 }), at('ready', { attempt: 2 }))).toEqual([
      { type: 'session.connected', data: { alias: 'web-1', hostname: '10.0.0.1' } },
      { type: 'session.disconnected', data: { alias: 'web-1', reason: 'connection reset' } },
      { type: 'session.reconnected', data: { alias: 'web-1', hostname: '10.0.0.1', attempt: 2 } },
    ]);
  });

  it('records a host that never came up, once, with what refused it', () => {
    expect(recorded(at('connecting'), at('down', { reason: 'host key changed' }), at('down', { reason: 'host key changed' }))).toEqual([
      { type: 'session.disconnected', data: { alias: 'web-1', reason: 'host key changed' } },
    ]);
  });

  it('records a live session the user closed, and nothing for one closed before it came up', () => {
    expect(recorded(at('ready'), at('closed'))).toEqual([
      { type: 'session.connected', data: { alias: 'web-1', hostname: '10.0.0.1' } },
      { type: 'session.disconnected', data: { alias: 'web-1', reason: 'closed' } },
    ]);
    expect(recorded(at('connecting'), at('closed'))).toEqual([]);
  });

  it('keeps sessions apart', () => {
    const t = new SessionTimeline();
    expect(t.observe(at('ready'))?.type).toBe('session.connected');
    expect(t.observe(at('ready', { sessionId: 's2', alias: 'web-2' }))?.type).toBe('session.connected');
    expect(t.observe(at('ready'))).toBeUndefined();
  });
});
