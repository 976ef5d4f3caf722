import { useEffect, useState, type FormEvent } from 'react';
import type { IncidentSummary, SearchHit } from '../../../shared/model/incidentList';
import { useWarroom } from '../../app/context';
import { formatElapsed } from '../../format/time';
import type { IncidentActions } from './actions';
import { describeExitCodes, newestFirst } from './searchView';
import { TimeStamp } from './TimeStamp';

function IncidentRow({ summary, actions }: { summary: IncidentSummary; actions: IncidentActions }) {
  return (
    <li className={summary.active ? 'incident-row active' : 'incident-row'} data-testid="incident-row" data-id={summary.id} data-active={summary.active}>
      <div className="row">
        {summary.severity ? <span className={`sev sev-${summary.severity.toLowerCase()}`}>{summary.severity}</span> : null}
        <span className="incident-row-title">{summary.title ?? summary.id}</span>
        {summary.active ? (
          <span className="tag">active</span>
        ) : (
          <button type="button" className="push" data-testid="incident-activate" disabled={summary.error !== undefined} onClick={() => void actions.activate(summary.id)}>
            Open
          </button>
        )}
      </div>
      {summary.error ? (
        <div className="field-error small">{summary.error}</div>
      ) : (
        <div className="small">
          <span className="status">{summary.status}</span> · {summary.eventCount} events
          {summary.durationMs !== undefined ? ` · ${formatElapsed(summary.durationMs)}${summary.resolvedAt ? '' : ' so far'}` : ''}
          {summary.commander ? ` · IC ${summary.commander}` : ''}
          {summary.startedAt ? (
            <div>
              <span className="muted">started</span> <TimeStamp iso={summary.startedAt} />
            </div>
          ) : null}
          {summary.resolvedAt ? (
            <div>
              <span className="muted">resolved</span> <TimeStamp iso={summary.resolvedAt} />
            </div>
          ) : null}
        </div>
      )}
    </li>
  );
}

function Hit({ hit, actions }: { hit: SearchHit; actions: IncidentActions }) {
  const exits = describeExitCodes(hit);
  return (
    <li className="search-hit" data-testid="search-hit" data-incident={hit.incidentId} data-seq={hit.seq} data-kind={hit.kind}>
      <div className="small">
        <button type="button" className="link" data-testid="search-hit-incident" title={`Open ${hit.incidentId}`} onClick={() => void actions.activate(hit.incidentId)}>
          {hit.incidentTitle}
        </button>
        <span className="muted">
          #{hit.seq} · {hit.kind} · by {hit.actor}
        </span>
      </div>
      <div className="small">
        <TimeStamp iso={hit.ts} />
      </div>
      <div className={hit.kind === 'command' ? 'event-text command' : 'event-text'} data-testid="search-hit-text">
        {hit.text}
      </div>
      {hit.hosts.length > 0 ? (
        <div className="event-hosts" data-testid="search-hit-hosts">
          on {hit.hosts.join(', ')}
        </div>
      ) : null}
      {exits ? (
        <div className="event-hosts" data-testid="search-hit-exits">
          {exits}
        </div>
      ) : null}
    </li>
  );
}

/** Every incident on this machine, and search across all of them ("who last ran pg_ctl promote?"). */
export function IncidentsPanel({ actions }: { actions: IncidentActions }) {
  const { list, result, activeId, activeStatus, online } = useWarroom((s) => ({
    online: s.link.kind === 'open',
    list: s.incidentList,
    result: s.searchResult,
    activeId: s.incident?.id,
    activeStatus: s.incident?.status,
  }));
  const [query, setQuery] = useState(result?.query ?? '');
  // Reading every journal is not free: fetch the list when the tab opens and when the active incident or its status changes, not per event.
  useEffect(() => {
    void actions.refreshList();
  }, [actions, activeId, activeStatus, online]);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    void actions.search(query);
  };
  return (
    <div className="incidents">
      <form className="row" role="search" onSubmit={submit}>
        <input
          type="search"
          className="grow"
          data-testid="incident-search"
          placeholder="Search all incidents: titles, notes, commands, hosts"
          value={query}
          maxLength={500}
          onChange={(e) => setQuery(e.target.value)}
        />
        <button type="submit" data-testid="incident-search-submit" disabled={query.trim() === ''}>
          Search
        </button>
      </form>
      {result ? (
        <div className="search-results" data-testid="search-results">
          <div className="results-head small muted">
            {result.hits.length} {result.hits.length === 1 ? 'match' : 'matches'} for “{result.query}”, newest first
            <button type="button" className="link" onClick={() => void actions.search('')}>
              clear
            </button>
          </div>
          {result.skipped.map((s) => (
            <div key={s} className="field-error small">
              skipped: {s}
            </div>
          ))}
          <ol className="hits">
            {newestFirst(result.hits).map((h) => (
              <Hit key={`${h.incidentId}#${h.seq}#${h.kind}`} hit={h} actions={actions} />
            ))}
          </ol>
        </div>
      ) : null}
      <div className="subtitle">Incidents</div>
      {list === null ? <p className="muted small">Loading…</p> : null}
      {list?.length === 0 ? <p className="muted small">No incidents yet.</p> : null}
      <ol className="incident-list">
        {list?.map((s) => (
          <IncidentRow key={s.id} summary={s} actions={actions} />
        ))}
      </ol>
    </div>
  );
}
