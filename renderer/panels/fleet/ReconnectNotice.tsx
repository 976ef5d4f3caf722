import type { SessionInfo } from '../../../shared/model/host';
import { useController } from '../../app/context';
import { paneStateText } from './paneState';
import '../../styles/fleet.css';

/**
 * While a pane retries, a strip under its header says which attempt and why, in full: a narrow
 * header cuts its state words short.
 */
export function ReconnectNotice({ info }: { info: SessionInfo }) {
  const controller = useController();
  if (info.state !== 'reconnecting') return null;
  return (
    <div className="pane-notice reconnecting" data-testid="reconnect-notice">
      <span className="reason">
        {paneStateText(info)}
        {info.reason ? `: ${info.reason}` : ''}
      </span>
      <button type="button" data-testid="reconnect-now" title="Skip the backoff wait and connect now" onClick={() => void controller.fleet.reconnect([info.sessionId])}>
        Reconnect now
      </button>
    </div>
  );
}
