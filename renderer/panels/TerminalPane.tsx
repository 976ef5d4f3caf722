import { memo, useCallback, useEffect, useRef, useSyncExternalStore } from 'react';
import { useController, useWarroom } from '../app/context';
import { isLive } from '../store/sessionsSlice';
import { canReconnect, paneStateText } from './fleet/paneState';
import { ReconnectNotice } from './fleet/ReconnectNotice';

/** One host's terminal. The xterm instance lives in the registry; this only lends it a place. */
export const TerminalPane = memo(function TerminalPane({ sessionId }: { sessionId: string }) {
  const controller = useController();
  const body = useRef<HTMLDivElement>(null);
  const { info, excluded, broadcastOn, zoomed, flash } = useWarroom((s) => ({
    info: s.sessions[sessionId],
    excluded: s.excluded[sessionId] === true,
    broadcastOn: s.broadcastOn,
    zoomed: s.zoomed === sessionId,
    flash: s.flash?.sessionId === sessionId,
  }));
  const flowNotes = controller.registry.flow;
  const flowText = useSyncExternalStore(flowNotes.subscribe, useCallback(() => flowNotes.text(sessionId), [flowNotes, sessionId]));
  const toggleZoom = () => controller.grid.toggleZoom(sessionId);

  useEffect(() => {
    const element = body.current;
    if (!element) return;
    const detach = controller.registry.attach(sessionId, element);
    // The registry fits every pane that asked in one frame, reading all sizes before resizing any.
    const observer = new ResizeObserver(() => controller.registry.fit(sessionId));
    observer.observe(element);
    return () => {
      observer.disconnect();
      detach();
    };
  }, [controller, sessionId]);

  if (!info) return null;
  const target = broadcastOn && info.state === 'ready' && !excluded;
  const classes = ['pane', `state-${info.state}`, target ? 'target' : '', broadcastOn && excluded ? 'excluded' : '', flash ? 'flash' : ''].filter(Boolean).join(' ');
  const stateText = paneStateText(info);
  return (
    <div
      className={classes}
      role="group"
      aria-label={`Terminal ${info.alias}, ${stateText}${target ? ', receives broadcast' : ''}`}
      data-testid="terminal"
      data-host={info.alias}
      data-state={info.state}
      data-session={sessionId}
    >
      <div className="pane-head" onDoubleClick={toggleZoom} title="Double-click to show this pane alone">
        <span className={`dot state-${info.state}`} aria-hidden="true" />
        <span className="alias" title={info.hostname}>{info.alias}</span>
        <span className="pane-state" data-testid="terminal-state" data-attempt={info.attempt ?? 0} title={info.reason ?? stateText}>{stateText}</span>
        {flowText ? (
          <span className="pane-flow" data-testid="terminal-flow" title="Output this pane skipped after an interrupt, or has yet to draw">
            {flowText}
          </span>
        ) : null}
        <label className="include" title="Include this host when broadcasting">
          <input
            type="checkbox"
            data-testid="broadcast-include"
            checked={!excluded}
            onChange={(e) => controller.broadcast.include(sessionId, e.target.checked)}
          />
          bcast
        </label>
        <button type="button" className="link" data-testid="terminal-zoom" aria-pressed={zoomed} onClick={toggleZoom}>
          {zoomed ? 'grid' : 'zoom'}
        </button>
        {canReconnect(info) ? (
          <button type="button" className="link reconnect" data-testid="reconnect" title={`Reconnect ${info.alias} now`} aria-label={`Reconnect ${info.alias}`} onClick={() => void controller.fleet.reconnect([sessionId])}>
            <span aria-hidden="true">⟳</span>
          </button>
        ) : null}
        {isLive(info.state) ? (
          <button type="button" className="link" title={`Disconnect ${info.alias}`} onClick={() => void controller.fleet.disconnect(sessionId)}>
            disconnect
          </button>
        ) : (
          <button type="button" className="link" title="Remove this pane" onClick={() => controller.fleet.closePane(sessionId)}>
            close
          </button>
        )}
      </div>
      {(info.state === 'down' || info.state === 'closed') && info.reason ? (
        <div className="pane-notice" data-testid="terminal-reason">
          <span className="reason">{info.reason}</span>
          <button type="button" data-testid="terminal-reconnect" onClick={() => void controller.fleet.connect([info.alias])}>
            Reconnect
          </button>
        </div>
      ) : null}
      <ReconnectNotice info={info} />
      <div className="pane-body" ref={body} onMouseDown={() => controller.registry.focus(sessionId)} />
    </div>
  );
});
