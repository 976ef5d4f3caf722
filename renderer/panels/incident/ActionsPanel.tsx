import { useEffect, useMemo, useState, type FormEvent } from 'react';
import { ActionStatus, filterActions, foldActions, isOverdue, statusText, utcToday, type Action, type ActionListItem } from '../../../shared/model/action';
import { actionsOf } from '../../../shared/model/panelFolds';
import { useController, useWarroomValue } from '../../app/context';
import { usePanelFold } from '../../app/usePanelFold';
import '../../styles/actions.css';
import { ActionEdit } from './ActionEdit';
import { ActionForm } from './ActionForm';

/** Brings a cited event into view on the timeline (if the timeline's filter shows it). */
function showEvent(seq: number): void {
  document.querySelector(`[data-testid="timeline-event"][data-seq="${seq}"]`)?.scrollIntoView({ block: 'center' });
}

function Cite({ seq, elsewhere }: { seq: number; elsewhere?: boolean }) {
  // An event of another incident is not on this timeline: the seq is shown, not linked.
  if (elsewhere) return <span className="mono">#{seq}</span>;
  return (
    <button type="button" className="link cite" data-testid="action-cite" data-seq={seq} title={`show event #${seq} on the timeline`} onClick={() => showEvent(seq)}>
      #{seq}
    </button>
  );
}

const STATUS_LABEL: Record<ActionStatus, string> = { open: 'open', done: 'done', 'not-doing': 'not doing', verified: 'verified' };

/**
 * One action: its fields, the events it came from, and its status with the reason or evidence a
 * change needs. An action of another incident (`incident` given) is shown, not changed: changes go
 * to the active incident, like every other change the window makes.
 */
function ActionRow({ action, overdue, incident }: { action: Action & { incidentTitle?: string }; overdue: boolean; incident?: string }) {
  const actions = useController().incident;
  const [to, setTo] = useState<ActionStatus | ''>('');
  const [reason, setReason] = useState('');
  const [evidence, setEvidence] = useState('');
  const [busy, setBusy] = useState(false);
  const [editing, setEditing] = useState(false);
  const evidenceSeq = Number(evidence.replace(/^#/, ''));
  const ready = to !== '' && (to !== 'not-doing' || reason.trim() !== '') && (to !== 'verified' || (Number.isInteger(evidenceSeq) && evidenceSeq > 0));

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (!ready) return;
    setBusy(true);
    const ok = await actions.updateAction({
      id: action.id,
      status: to,
      ...(to === 'not-doing' || (reason.trim() && to !== 'verified') ? { reason: reason.trim() } : {}),
      ...(to === 'verified' ? { evidence: evidenceSeq } : {}),
    });
    setBusy(false);
    if (ok) {
      setTo('');
      setReason('');
      setEvidence('');
    }
  };

  return (
    <li className={`action-item status-${action.status}${overdue ? ' overdue' : ''}`} data-testid="action-item" data-action={action.id} data-status={action.status} data-overdue={overdue || undefined} data-incident={incident}>
      {incident ? (
        <div className="action-incident small mono" title={`${incident}: ${action.incidentTitle ?? ''}`}>
          {incident}
        </div>
      ) : null}
      <div className="action-head">
        <span className="action-id mono">{action.id}</span>
        <span className={`action-priority prio-${action.priority.toLowerCase()}`}>{action.priority}</span>
        <span className="action-type">{action.type}</span>
        <span className="action-status" data-testid="action-status-text">
          {action.status === 'verified' && action.evidence !== undefined ? (
            <>
              verified by <Cite seq={action.evidence} elsewhere={incident !== undefined} />
              {action.reason ? `: ${action.reason}` : ''}
            </>
          ) : (
            statusText(action)
          )}
        </span>
      </div>
      <div className="action-title">{action.title}</div>
      <div className="action-meta small">
        <span>owner {action.owner}</span>
        <span className={overdue ? 'due overdue' : 'due'}>
          due {action.due}
          {overdue ? ' (overdue)' : ''}
        </span>
        {action.ticket ? (
          <a href={action.ticket} target="_blank" rel="noreferrer noopener" className="mono ticket" title={action.ticket}>
            {action.ticket}
          </a>
        ) : null}
        {action.from.length ? (
          <span>
            from{' '}
            {action.from.map((s) => (
              <Cite key={s} seq={s} elsewhere={incident !== undefined} />
            ))}
          </span>
        ) : null}
      </div>
      {incident === undefined && editing ? <ActionEdit action={action} onDone={() => setEditing(false)} /> : null}
      {incident !== undefined ? null : (
        <form className="action-status-form" onSubmit={(e) => void submit(e)}>
          <select data-testid="action-status" aria-label={`New status of ${action.id}`} value={to} onChange={(e) => setTo(e.target.value as ActionStatus | '')}>
            <option value="">set status…</option>
            {ActionStatus.options
              .filter((s) => s !== action.status || s === 'verified')
              .map((s) => (
                <option key={s} value={s}>
                  {STATUS_LABEL[s]}
                </option>
              ))}
          </select>
          {to !== '' && to !== 'verified' ? (
            <input data-testid="action-reason" placeholder={to === 'not-doing' ? 'why not (required)' : 'note (optional)'} maxLength={2000} value={reason} onChange={(e) => setReason(e.target.value)} />
          ) : null}
          {to === 'verified' ? (
            <input data-testid="action-evidence" placeholder="#seq of the proof" inputMode="numeric" value={evidence} onChange={(e) => setEvidence(e.target.value)} />
          ) : null}
          {to !== '' ? (
            <button type="submit" className="primary" data-testid="action-status-save" disabled={busy || !ready}>
              Save
            </button>
          ) : null}
          {editing ? null : (
            <button type="button" className="push" data-testid="action-edit-open" onClick={() => setEditing(true)}>
              Edit
            </button>
          )}
        </form>
      )}
    </li>
  );
}

/**
 * The incident's action items (follow-ups), folded from the timeline's events by the same fold the
 * Node side and the exports use, with filters and a form to add one by hand; or, read-only, the
 * action items of every incident (`action.list`).
 */
export function ActionsPanel() {
  const controller = useController().incident;
  const events = useWarroomValue((s) => s.events);
  const own = usePanelFold(foldActions, actionsOf);
  const [scope, setScope] = useState<'incident' | 'all'>('incident');
  const [across, setAcross] = useState<{ actions: ActionListItem[]; skipped: string[] } | null>(null);
  // Other incidents' journals are read again only when this one's actions change, not on every event.
  const changes = useMemo(() => events.filter((e) => e.type === 'action.created' || e.type === 'action.updated').length, [events]);
  useEffect(() => {
    if (scope !== 'all') return;
    let current = true;
    void controller.listActions().then((list) => {
      if (current) setAcross(list);
    });
    return () => {
      current = false;
    };
  }, [scope, changes, controller]);
  const actions: Array<Action & { incident?: string; incidentTitle?: string }> = scope === 'all' ? (across?.actions ?? []) : own;
  const owners = useMemo(() => [...new Set(actions.map((a) => a.owner))].sort((a, b) => a.localeCompare(b)), [actions]);
  const [status, setStatus] = useState<ActionStatus | ''>('');
  const [owner, setOwner] = useState('');
  const [overdueOnly, setOverdueOnly] = useState(false);
  const [adding, setAdding] = useState(false);
  const today = utcToday();
  const shown = filterActions(actions, { ...(status ? { status } : {}), owner, overdue: overdueOnly }, today);

  return (
    <div className="actions-panel" data-testid="actions-panel">
      <div className="action-filters row">
        <select data-testid="actions-scope" aria-label="Which incidents" value={scope} onChange={(e) => setScope(e.target.value as 'incident' | 'all')}>
          <option value="incident">this incident</option>
          <option value="all">all incidents</option>
        </select>
        <select data-testid="actions-filter-status" aria-label="Filter by status" value={status} onChange={(e) => setStatus(e.target.value as ActionStatus | '')}>
          <option value="">any status</option>
          {ActionStatus.options.map((s) => (
            <option key={s} value={s}>
              {STATUS_LABEL[s]}
            </option>
          ))}
        </select>
        <select data-testid="actions-filter-owner" aria-label="Filter by owner" value={owner} onChange={(e) => setOwner(e.target.value)}>
          <option value="">any owner</option>
          {owners.map((o) => (
            <option key={o}>{o}</option>
          ))}
        </select>
        <label className="small">
          <input type="checkbox" data-testid="actions-filter-overdue" checked={overdueOnly} onChange={(e) => setOverdueOnly(e.target.checked)} /> overdue
        </label>
        {scope === 'incident' ? (
          <button type="button" className="push" data-testid="action-new" aria-expanded={adding} onClick={() => setAdding(!adding)}>
            {adding ? 'Close' : 'New action'}
          </button>
        ) : null}
      </div>
      {adding && scope === 'incident' ? <ActionForm onDone={() => setAdding(false)} /> : null}
      {scope === 'all' && across && across.skipped.length > 0 ? (
        <p className="field-error small" title={across.skipped.join('\n')}>
          {across.skipped.length} damaged {across.skipped.length === 1 ? 'incident' : 'incidents'} left out
        </p>
      ) : null}
      {scope === 'all' && across === null ? (
        <p className="muted small">Loading…</p>
      ) : actions.length === 0 ? (
        <p className="muted small">{scope === 'all' ? 'No action items in any incident.' : "No action items yet. Add one here, or from a timeline event's ⋯ menu."}</p>
      ) : shown.length === 0 ? (
        <p className="muted small">No action matches the filters.</p>
      ) : (
        <ul className="action-list" data-testid="action-list">
          {shown.map((a) => (
            <ActionRow key={a.incident ? `${a.incident}/${a.id}` : a.id} action={a} overdue={isOverdue(a, today)} {...(a.incident ? { incident: a.incident } : {})} />
          ))}
        </ul>
      )}
    </div>
  );
}
