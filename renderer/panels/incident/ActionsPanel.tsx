import { useMemo, useState, type FormEvent } from 'react';
import { ActionStatus, filterActions, foldActions, isOverdue, statusText, utcToday, type Action } from '../../../shared/model/action';
import { useController, useWarroom } from '../../app/context';
import '../../styles/actions.css';
import { ActionForm } from './ActionForm';

/** Brings a cited event into view on the timeline (if the timeline's filter shows it). */
function showEvent(seq: number): void {
  document.querySelector(`[data-testid="timeline-event"][data-seq="${seq}"]`)?.scrollIntoView({ block: 'center' });
}

function Cite({ seq }: { seq: number }) {
  return (
    <button type="button" className="link cite" data-testid="action-cite" data-seq={seq} title={`show event #${seq} on the timeline`} onClick={() => showEvent(seq)}>
      #{seq}
    </button>
  );
}

const STATUS_LABEL: Record<ActionStatus, string> = { open: 'open', done: 'done', 'not-doing': 'not doing', verified: 'verified' };

/** One action: its fields, the events it came from, and its status with the reason or evidence a change needs. */
function ActionRow({ action, overdue }: { action: Action; overdue: boolean }) {
  const actions = useController().incident;
  const [to, setTo] = useState<ActionStatus | ''>('');
  const [reason, setReason] = useState('');
  const [evidence, setEvidence] = useState('');
  const [busy, setBusy] = useState(false);
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
    <li className={`action-item status-${action.status}${overdue ? ' overdue' : ''}`} data-testid="action-item" data-action={action.id} data-status={action.status} data-overdue={overdue || undefined}>
      <div className="action-head">
        <span className="action-id mono">{action.id}</span>
        <span className={`action-priority prio-${action.priority.toLowerCase()}`}>{action.priority}</span>
        <span className="action-type">{action.type}</span>
        <span className="action-status" data-testid="action-status-text">
          {action.status === 'verified' && action.evidence !== undefined ? (
            <>
              verified by <Cite seq={action.evidence} />
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
              <Cite key={s} seq={s} />
            ))}
          </span>
        ) : null}
      </div>
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
      </form>
    </li>
  );
}

/**
 * The incident's action items (follow-ups), folded from the timeline's events by the same fold the
 * Node side and the exports use, with filters and a form to add one by hand.
 */
export function ActionsPanel() {
  const events = useWarroom((s) => s.events);
  const actions = useMemo(() => foldActions(events), [events]);
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
        <button type="button" className="push" data-testid="action-new" aria-expanded={adding} onClick={() => setAdding(!adding)}>
          {adding ? 'Close' : 'New action'}
        </button>
      </div>
      {adding ? <ActionForm onDone={() => setAdding(false)} /> : null}
      {actions.length === 0 ? (
        <p className="muted small">No action items yet. Add one here, or from a timeline event's ⋯ menu.</p>
      ) : shown.length === 0 ? (
        <p className="muted small">No action matches the filters.</p>
      ) : (
        <ul className="action-list" data-testid="action-list">
          {shown.map((a) => (
            <ActionRow key={a.id} action={a} overdue={isOverdue(a, today)} />
          ))}
        </ul>
      )}
    </div>
  );
}
