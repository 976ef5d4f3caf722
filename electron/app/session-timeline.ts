/**
 * Which session state changes become timeline events. The timeline follows the link, not every
 * intermediate state: it came up, it went down (and why), it came back. A host that never came up,
 * or that reconnecting gave up on, is evidence too: the reason names what refused it.
 */
import type { SessionInfo } from '../../shared/model/host';
import type { EventDraft } from '../../shared/model/incident';

export class SessionTimeline {
  private readonly live = new Set<string>();
  private readonly everReady = new Set<string>();
  private readonly prevState = new Map<string, SessionInfo['state']>();

  /** Takes a session's new state; returns the event to record for it, if any. */
  observe(info: SessionInfo): EventDraft | undefined {
    const { sessionId, alias, hostname, state } = info;
    const prev = this.prevState.get(sessionId);
    if (state === 'closed') this.prevState.delete(sessionId);
    else this.prevState.set(sessionId, state);
    if (state === 'ready' && !this.live.has(sessionId)) {
      this.live.add(sessionId);
      const again = this.everReady.has(sessionId);
      this.everReady.add(sessionId);
      return again
        ? { type: 'session.reconnected', actor: 'warroom', data: { alias, hostname, ...(info.attempt ? { attempt: info.attempt } : {}) } }
        : { type: 'session.connected', actor: 'warroom', data: { alias, hostname } };
    }
    if (state !== 'ready' && this.live.has(sessionId)) {
      this.live.delete(sessionId);
      return { type: 'session.disconnected', actor: 'warroom', data: { alias, reason: info.reason ?? state } };
    }
    if (state === 'down' && prev !== 'down') {
      return { type: 'session.disconnected', actor: 'warroom', data: { alias, reason: info.reason ?? 'down' } };
    }
    return undefined;
  }
}
