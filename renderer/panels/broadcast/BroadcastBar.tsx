import { useState } from 'react';
import { nameHostSet } from '../../../shared/model/hostSet';
import { useController, useWarroom } from '../../app/context';
import { broadcastPlan } from '../../store/broadcastSlice';
import { groupMap, groupMembers, groupNames } from '../../store/hostsSlice';
import { HeldCommandBar, PasteConfirm } from './BroadcastGuards';
import { ReconnectAll } from '../fleet/ReconnectAll';
import { ScreenVerdict } from '../screens/ScreenVerdict';
import { ScrollbackSearch } from '../screens/ScrollbackSearch';

/** Hosts named by group and range, at most three parts, so 56 excluded names stay one short line. */
const SHORT = 3;

/** "web (32), db[01-16]" that wraps between parts, never inside one ("cache" / "(8)"). */
function NoBreakParts({ text }: { text: string }) {
  const parts = text.split(', ');
  return parts.map((part, i) => (
    <span key={i} className="nowrap">
      {part}
      {i < parts.length - 1 ? ', ' : ''}
    </span>
  ));
}

/** "32 excluded: web (32)"; the whole list on hover, and on click when the short form left hosts out. */
function HostSetNote(props: { label: string; count: number; aliases: string; short: string; testId?: string; className: string }) {
  const { label, count, aliases, short, testId, className } = props;
  const [open, setOpen] = useState(false);
  if (count === 0) return null;
  const all = short === aliases;
  return (
    <span className={className} data-testid={testId} title={aliases}>
      {' · '}
      {count} {label}: {open ? aliases : <NoBreakParts text={short} />}
      {all ? null : (
        <button type="button" className="link" aria-expanded={open} onClick={() => setOpen(!open)}>
          {open ? 'less' : 'list'}
        </button>
      )}
    </span>
  );
}

/** Who receives keys, always on screen; while broadcasting it is the loudest thing in the window. */
export function BroadcastBar() {
  const controller = useController();
  // Primitives only: useShallow compares one level deep, so a fresh plan object would re-render forever.
  const { on, targets, total, excluded, excludedNames, excludedShort, notReady, notReadyNames, notReadyShort, offScreen } = useWarroom((s) => {
    const plan = broadcastPlan(s.sessionOrder, s.sessions, s.excluded);
    const groups = plan.excluded.length + plan.notReady.length > 0 ? groupMap(s.hosts, s.groups) : {};
    const names = (list: { alias: string }[]) => list.map((h) => h.alias);
    return {
      on: s.broadcastOn,
      targets: plan.targets.length,
      total: plan.total,
      excluded: plan.excluded.length,
      excludedNames: names(plan.excluded).join(', '),
      excludedShort: nameHostSet(names(plan.excluded), { groups, max: SHORT }).text,
      notReady: plan.notReady.length,
      notReadyNames: names(plan.notReady).join(', '),
      notReadyShort: nameHostSet(names(plan.notReady), { groups, max: SHORT }).text,
      // Keys reach hosts whose panes nobody can see: the bar must say so, as the grid cannot.
      offScreen: plan.targets.length > 0 && plan.targets.every((t) => !s.onScreen[t.sessionId]),
    };
  });
  const hostWord = total === 1 ? 'host' : 'hosts';
  // Brings the first target's pane on screen, so the user sees where keys go.
  const showTarget = () => {
    const s = controller.store.getState();
    const first = broadcastPlan(s.sessionOrder, s.sessions, s.excluded).targets[0];
    if (first) controller.grid.reveal(first.sessionId);
  };
  // Groups that have connected hosts: one click narrows the broadcast to a group.
  const groups = useWarroom((s) => {
    const connected = new Set(s.sessionOrder.map((id) => s.sessions[id]?.alias));
    return groupNames(s.hosts, s.groups).filter((g) => groupMembers(s.hosts, s.groups, g).some((a) => connected.has(a)));
  });
  return (
    <section className={on ? 'broadcast-bar on' : 'broadcast-bar'} aria-label="Broadcast" data-testid="broadcast-bar">
      <button
        type="button"
        className={on ? 'broadcast-toggle on' : 'broadcast-toggle'}
        data-testid="broadcast-toggle"
        aria-pressed={on}
        title="Send keys typed in any terminal to every included, ready host (Ctrl+Shift+B)"
        onClick={() => controller.broadcast.setOn(!on)}
      >
        {on ? 'Broadcast ON' : 'Broadcast off'}
      </button>
      <span className="broadcast-count" data-testid="broadcast-count" aria-live="polite">
        {on ? `Broadcast to ${targets} of ${total} ${hostWord}` : `Broadcast off: keys go to one pane (would reach ${targets} of ${total} ${hostWord})`}
        <HostSetNote label="excluded" count={excluded} aliases={excludedNames} short={excludedShort} testId="broadcast-excluded" className="excluded" />
        <HostSetNote label="not ready" count={notReady} aliases={notReadyNames} short={notReadyShort} className="not-ready" />
        {on && offScreen ? (
          <span className="off-screen" data-testid="broadcast-offscreen">
            typing to {targets} {targets === 1 ? 'host' : 'hosts'}, none visible
            <button type="button" className="link" data-testid="broadcast-offscreen-show" onClick={showTarget}>
              show
            </button>
          </span>
        ) : null}
      </span>
      {groups.length > 1 ? (
        <span className="target-groups" aria-label="Broadcast to a group">
          <span className="muted">to:</span>
          <button type="button" className="chip" data-testid="broadcast-group" data-group="" onClick={() => controller.broadcast.onlyGroup(null)}>
            all
          </button>
          {groups.map((g) => (
            <button type="button" key={g} className="chip" data-testid="broadcast-group" data-group={g} onClick={() => controller.broadcast.onlyGroup(g)}>
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
