import { useEffect, useState } from 'react';
import { useController, useWarroom } from '../app/context';
import { formatLocalTime } from '../format/time';

/** Shown whenever the socket is not open: a window that silently lost its hosts is the worst case. */
export function ConnectionBanner() {
  const link = useWarroom((s) => s.link);
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    setNow(Date.now());
    if (link.kind !== 'closed') return;
    const timer = setInterval(() => setNow(Date.now()), 500);
    return () => clearInterval(timer);
  }, [link]);
  if (link.kind === 'open') return null;
  if (link.kind === 'connecting') {
    return (
      <div className="banner connecting" data-testid="connection-banner" role="status">
        {link.attempt > 1 ? `Reconnecting to Warroom (attempt ${link.attempt})…` : 'Connecting to Warroom…'}
      </div>
    );
  }
  const seconds = Math.max(0, Math.ceil((link.retryAt - now) / 1000));
  return (
    <div className="banner disconnected" data-testid="connection-banner" role="alert">
      Disconnected from Warroom ({link.reason}). Keys are not being sent. Retrying in {seconds}s.
    </div>
  );
}

/** The journal failed its background re-verification: it was altered, and nobody should miss that. */
export function IntegrityAlarm() {
  const integrity = useWarroom((s) => s.integrity);
  if (integrity?.state !== 'broken') return null;
  return (
    <div className="banner alarm" data-testid="integrity-alarm" role="alert">
      {integrity.message ?? 'The journal does not verify.'}
    </div>
  );
}

/** Errors stay until dismissed, beside the work rather than over it. */
export function ErrorArea() {
  const controller = useController();
  const errors = useWarroom((s) => s.errors);
  if (errors.length === 0) return null;
  return (
    <div className="errors" data-testid="error-area" role="alert">
      {errors.map((e) => (
        <div className="error" key={e.id} data-testid="error-message">
          <span className="when">{formatLocalTime(e.at)}</span>
          <span className="msg">{e.message}</span>
          {e.count > 1 ? <span className="count">×{e.count}</span> : null}
          <button type="button" className="link" aria-label="Dismiss error" onClick={() => controller.store.getState().dismissError(e.id)}>
            dismiss
          </button>
        </div>
      ))}
      {errors.length > 1 ? (
        <div className="error-actions">
          <button type="button" className="link" data-testid="errors-dismiss-all" onClick={() => controller.store.getState().dismissAllErrors()}>
            dismiss all {errors.length}
          </button>
        </div>
      ) : null}
    </div>
  );
}
