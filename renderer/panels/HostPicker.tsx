import { useController, useWarroom } from '../app/context';
import { filterHosts, groupMembers, groupNames } from '../store/hostsSlice';
import { isLive } from '../store/sessionsSlice';
import type { SessionState } from '../../shared/model/host';

export function HostPicker() {
  const controller = useController();
  const { hosts, groups, warnings, selected } = useWarroom((s) => ({
    hosts: s.hosts,
    groups: s.groups,
    warnings: s.hostWarnings,
    selected: s.selected,
  }));
  const stateByAlias = useWarroom((s) => {
    const out: Record<string, SessionState> = {};
    for (const id of s.sessionOrder) {
      const info = s.sessions[id];
      if (info && (isLive(info.state) || !(info.alias in out))) out[info.alias] = info.state;
    }
    return out;
  });
  const query = useWarroom((s) => s.hostFilter);
  const shown = filterHosts(hosts, query);
  const names = groupNames(hosts, groups);
  const chosen = new Set(selected);
  const store = controller.store.getState;
  return (
    <nav className="picker" aria-label="Hosts">
      <div className="section-title">
        Hosts <span className="muted">{hosts.length}</span>
        <button type="button" className="fold" title="Fold the host list (Ctrl/Cmd+Alt+[)" data-testid="picker-fold" onClick={() => store().setPickerOpen(false)}>
          «
        </button>
      </div>
      <div className="actions">
        <button
          type="button"
          className="primary"
          data-testid="connect-all"
          disabled={hosts.length === 0}
          onClick={() => void controller.fleet.connect(hosts.map((h) => h.alias))}
        >
          Connect all ({hosts.length})
        </button>
        <button
          type="button"
          data-testid="connect-selected"
          disabled={selected.length === 0}
          onClick={() => void controller.fleet.connect(selected)}
        >
          Connect selected ({selected.length})
        </button>
      </div>
      {names.length > 0 ? (
        <div className="groups" data-testid="group-list">
          <button type="button" className="chip" onClick={() => store().selectGroup(null)}>all</button>
          {names.map((g) => (
            <button
              type="button"
              key={g}
              className="chip"
              data-testid="group"
              data-group={g}
              title={`Select the ${groupMembers(hosts, groups, g).length} hosts of ${g}`}
              onClick={() => store().selectGroup(g)}
            >
              {g} <span className="muted">{groupMembers(hosts, groups, g).length}</span>
            </button>
          ))}
          {selected.length > 0 ? (
            <button type="button" className="chip" onClick={() => store().clearSelected()}>none</button>
          ) : null}
        </div>
      ) : null}
      {hosts.length > 0 ? (
        <div className="host-filter">
          <input
            type="search"
            data-testid="host-filter"
            placeholder="Filter: web-* db eu-west"
            aria-label="Filter hosts"
            value={query}
            onChange={(e) => store().setHostFilter(e.target.value)}
          />
          {query.trim() ? (
            <button
              type="button"
              className="chip"
              data-testid="select-shown"
              disabled={shown.length === 0}
              onClick={() => store().setSelected(shown.map((h) => h.alias))}
            >
              select {shown.length}
            </button>
          ) : null}
        </div>
      ) : null}
      <ul className="host-list" data-testid="host-list">
        {shown.map((h) => (
          <li key={h.alias} data-testid="host" data-host={h.alias}>
            <label title={`${h.user}@${h.hostname}:${h.port} (${h.source})`}>
              <input type="checkbox" checked={chosen.has(h.alias)} onChange={() => store().toggleSelected(h.alias)} />
              <span className={`dot state-${stateByAlias[h.alias] ?? 'none'}`} aria-hidden="true" />
              {h.alias in stateByAlias ? (
                <button
                  type="button"
                  className="alias host-show"
                  data-testid="host-show"
                  title={`Bring ${h.alias}'s pane into view`}
                  onClick={(e) => {
                    // Inside the label: the click shows the pane, it does not toggle the selection.
                    e.preventDefault();
                    controller.grid.revealHost(h.alias);
                  }}
                >
                  {h.alias}
                </button>
              ) : (
                <span className="alias">{h.alias}</span>
              )}
              {h.groups.length > 0 ? <span className="muted small">{h.groups.join(' ')}</span> : null}
            </label>
          </li>
        ))}
      </ul>
      {hosts.length === 0 ? <p className="muted small">No hosts configured.</p> : null}
      {warnings.length > 0 ? (
        <ul className="warnings" data-testid="host-warnings">
          {warnings.map((w) => (
            <li key={w}>{w}</li>
          ))}
        </ul>
      ) : null}
    </nav>
  );
}
