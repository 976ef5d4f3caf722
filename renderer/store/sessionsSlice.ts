import type { SessionInfo, SessionState } from '../../shared/model/host';
import type { Slice } from './types';

export interface SessionsSlice {
  /** Sessions by id; `sessionOrder` keeps panes where the user first saw them. */
  sessions: Record<string, SessionInfo>;
  sessionOrder: string[];
  upsertSessions(infos: readonly SessionInfo[]): void;
  /** Replaces everything with the Node side's view, e.g. after the socket reconnects. */
  resetSessions(infos: readonly SessionInfo[]): void;
  removeSession(sessionId: string): void;
}

export const createSessionsSlice: Slice<SessionsSlice> = (set, get) => ({
  sessions: {},
  sessionOrder: [],
  upsertSessions: (infos) => {
    if (infos.length === 0) return;
    const sessions = { ...get().sessions };
    const order = [...get().sessionOrder];
    for (const info of infos) {
      if (!(info.sessionId in sessions)) order.push(info.sessionId);
      sessions[info.sessionId] = info;
    }
    set({ sessions, sessionOrder: order });
  },
  resetSessions: (infos) => {
    const previous = get().sessionOrder;
    const sessions: Record<string, SessionInfo> = {};
    for (const info of infos) sessions[info.sessionId] = info;
    const order = previous.filter((id) => id in sessions);
    for (const info of infos) if (!order.includes(info.sessionId)) order.push(info.sessionId);
    set({ sessions, sessionOrder: order });
  },
  removeSession: (sessionId) => {
    const sessions = { ...get().sessions };
    delete sessions[sessionId];
    set({ sessions, sessionOrder: get().sessionOrder.filter((id) => id !== sessionId) });
  },
});

/** States in which a session still holds (or will hold again) a shell: connect-all skips these hosts. */
export const LIVE_STATES: readonly SessionState[] = ['connecting', 'verifying', 'authenticating', 'ready', 'reconnecting'];

export function isLive(state: SessionState): boolean {
  return LIVE_STATES.includes(state);
}

/** The words on a pane's header: short, and the reason when there is one. */
export function describeState(info: SessionInfo): string {
  switch (info.state) {
    case 'reconnecting':
      return info.attempt ? `reconnecting ${info.attempt}` : 'reconnecting';
    case 'down':
    case 'closed':
      return info.reason ? `${info.state}: ${info.reason}` : info.state;
    default:
      return info.state;
  }
}
