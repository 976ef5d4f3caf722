import { useController, useWarroom } from '../app/context';
import { broadcastPlan } from '../store/broadcastSlice';

function aliases(list: { alias: string }[]): string {
  return list.map((s) => s.alias).join(', ');
}

/** Who receives keys, always on screen; while broadcasting it is the loudest thing in the window. */
export function BroadcastBar() {
  const controller = useController();
  // Primitives only: useShallow compares one level deep, so a fresh plan object would re-render forever.
  const { on, targets, total, excludedNames, notReadyNames, pending } = useWarroom((s) => {
    const plan = broadcastPlan(s.sessionOrder, s.sessions, s.excluded);
    return {
      on: s.broadcastOn,
      targets: plan.targets.length,
      total: plan.total,
      excludedNames: aliases(plan.excluded),
      notReadyNames: aliases(plan.notReady),
      pending: s.pendingPaste,
    };
  });
  const hostWord = total === 1 ? 'host' : 'hosts';
  return (
    <section className={on ? 'broadcast-bar on' : 'broadcast-bar'} aria-label="Broadcast" data-testid="broadcast-bar">
      <button
        type="button"
        className={on ? 'broadcast-toggle on' : 'broadcast-toggle'}
        data-testid="broadcast-toggle"
        aria-pressed={on}
        onClick={() => controller.store.getState().setBroadcast(!on)}
      >
        {on ? 'Broadcast ON' : 'Broadcast off'}
      </button>
      <span className="broadcast-count" data-testid="broadcast-count" aria-live="polite">
        {on ? `Broadcast to ${targets} of ${total} ${hostWord}` : `Broadcast off: keys go to one pane (would reach ${targets} of ${total} ${hostWord})`}
        {excludedNames ? <span className="excluded" data-testid="broadcast-excluded"> · excluded: {excludedNames}</span> : null}
        {notReadyNames ? <span className="not-ready"> · not ready: {notReadyNames}</span> : null}
      </span>
      {pending ? (
        <span className="paste-confirm" data-testid="paste-confirm" role="alert">
          Paste {pending.lines} lines into {targets} {targets === 1 ? 'host' : 'hosts'}?
          <button type="button" className="danger" data-testid="paste-confirm-send" onClick={() => controller.confirmPaste()}>
            Send to {targets}
          </button>
          <button type="button" data-testid="paste-confirm-cancel" onClick={() => controller.cancelPaste()}>
            Cancel
          </button>
        </span>
      ) : null}
    </section>
  );
}
