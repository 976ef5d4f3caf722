import { useController, useWarroom } from '../app/context';
import { broadcastPlan, sessionsOutsideGroup } from '../store/broadcastSlice';
import { groupMembers, groupNames } from '../store/hostsSlice';
import { HeldCommandBar, PasteConfirm } from './BroadcastGuards';
import { ReconnectAll } from './fleet/ReconnectAll';
import { ScreenVerdict } from './screens/ScreenVerdict';
import { ScrollbackSearch } from './screens/ScrollbackSearch';

function aliases(list: { alias: string }[]): string {
  return list.map((s) => s.alias).join(', ');
}

/** Who receives keys, always on screen; while broadcasting it is the loudest thing in the window. */
export function BroadcastBar() {
  const controller = useController();
  // Primitives only: useShallow compares one level deep, so a fresh plan object would re-render forever.
  const { on, targets, total, excludedNames, notReadyNames } = useWarroom((s) => {
    const plan = broadcastPlan(s.sessionOrder, s.sessions, s.excluded);
    return {
      on: s.broadcastOn,
      targets: plan.targets.length,
      total: plan.total,
      excludedNames: aliases(plan.excluded),
      notReadyNames: aliases(plan.notReady),
    };
  });
  const hostWord = total === 1 ? 'host' : 'hosts';
  // Groups that have connected hosts: one click narrows the broadcast to a group.
  const groups = useWarroom((s) => {
    const connected = new Set(s.sessionOrder.map((id) => s.sessions[id]?.alias));
    return groupNames(s.hosts, s.groups).filter((g) => groupMembers(s.hosts, s.groups, g).some((a) => connected.has(a)));
  });
  const onlyGroup = (group: string | null) => {
    const s = controller.store.getState();
    if (group === null) {
      s.setExcludedOnly([]);
      return;
    }
    s.setExcludedOnly(sessionsOutsideGroup(s.sessionOrder, s.sessions, new Set(groupMembers(s.hosts, s.groups, group))));
  };
  return (
    <section className={on ? 'broadcast-bar on' : 'broadcast-bar'} aria-label="Broadcast" data-testid="broadcast-bar">
      <button
        type="button"
        className={on ? 'broadcast-toggle on' : 'broadcast-toggle'}
        data-testid="broadcast-toggle"
        aria-pressed={on}
        title="Send keys typed in any terminal to every included, ready host (Ctrl+Shift+B)"
        onClick={() => controller.setBroadcast(!on)}
      >
        {on ? 'Broadcast ON' : 'Broadcast off'}
      </button>
      <span className="broadcast-count" data-testid="broadcast-count" aria-live="polite">
        {on ? `Broadcast to ${targets} of ${total} ${hostWord}` : `Broadcast off: keys go to one pane (would reach ${targets} of ${total} ${hostWord})`}
        {excludedNames ? <span className="excluded" data-testid="broadcast-excluded"> · excluded: {excludedNames}</span> : null}
        {notReadyNames ? <span className="not-ready"> · not ready: {notReadyNames}</span> : null}
      </span>
      {groups.length > 1 ? (
        <span className="target-groups" aria-label="Broadcast to a group">
          <span className="muted">to:</span>
          <button type="button" className="chip" data-testid="broadcast-group" data-group="" onClick={() => onlyGroup(null)}>
            all
          </button>
          {groups.map((g) => (
            <button type="button" key={g} className="chip" data-testid="broadcast-group" data-group={g} onClick={() => onlyGroup(g)}>
              {g}
            </button>
          ))}
        </span>
      ) : null}
      <ScreenVerdict />
      <ScrollbackSearch />
      <ReconnectAll />
      <PasteConfirm targets={targets} />
      <HeldCommandBar />
    </section>
  );
}
