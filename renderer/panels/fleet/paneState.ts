import type { SessionInfo } from '../../../shared/model/host';

/** A pane header's state words: "reconnecting (attempt 2)", "down: <reason>". */
export function paneStateText(info: SessionInfo): string {
  switch (info.state) {
    case 'reconnecting':
      return info.attempt ? `reconnecting (attempt ${info.attempt})` : 'reconnecting';
    case 'down':
    case 'closed':
      return info.reason ? `${info.state}: ${info.reason}` : info.state;
    default:
      return info.state;
  }
}

/**
 * A session the Node side can connect again in place. A closed one was ended on purpose (by the user
 * or the shell's exit) and gets a fresh connect instead.
 */
export function canReconnect(info: SessionInfo): boolean {
  return info.state !== 'closed';
}

/**
 * What "Reconnect all" reconnects: sessions that are down or still trying. Ready shells are left
 * alone: dropping working shells on every host is never what the button means.
 */
export function reconnectAllIds(sessionOrder: readonly string[], sessions: Readonly<Record<string, SessionInfo>>): string[] {
  return sessionOrder.filter((id) => {
    const s = sessions[id];
    return s !== undefined && (s.state === 'down' || s.state === 'reconnecting');
  });
}
