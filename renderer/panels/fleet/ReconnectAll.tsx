import { useController, useWarroom } from '../../app/context';
import { reconnectAllIds } from './paneState';
import '../../styles/fleet.css';

/** One click for every pane that is down or still retrying: skips the backoff wait. */
export function ReconnectAll() {
  const controller = useController();
  const ids = useWarroom((s) => reconnectAllIds(s.sessionOrder, s.sessions));
  if (ids.length === 0) return null;
  return (
    <button
      type="button"
      className="reconnect-all"
      data-testid="reconnect-all"
      title="Connect every down or reconnecting host again now"
      onClick={() => void controller.fleet.reconnect(ids)}
    >
      Reconnect all ({ids.length})
    </button>
  );
}
