import { useState, type FormEvent } from 'react';
import { ActionAdd, ActionPriority, actionProblem, ActionType, utcToday } from '../../../shared/model/action';
import { useController } from '../../app/context';

/** Two weeks from today (UTC): a follow-up's usual horizon, changed in the form when it is not. */
function defaultDue(): string {
  return utcToday(new Date(Date.now() + 14 * 24 * 3600 * 1000));
}

/**
 * The form that creates an action item, in the Actions panel (by hand) and under a timeline event
 * (`from` that event). The same checks as the Node side run as the person types; a problem is
 * shown once they try to add, naming the field.
 */
export function ActionForm({ from = [], initialTitle = '', onDone }: { from?: number[]; initialTitle?: string; onDone?: () => void }) {
  const actions = useController().incident;
  const [title, setTitle] = useState(initialTitle);
  const [type, setType] = useState<ActionType>('prevent');
  const [owner, setOwner] = useState('');
  const [due, setDue] = useState(defaultDue);
  const [priority, setPriority] = useState<ActionPriority>('P2');
  const [ticket, setTicket] = useState('');
  const [tried, setTried] = useState(false);
  const [busy, setBusy] = useState(false);

  const input = { title, type, owner, due, priority, from, ...(ticket.trim() ? { ticket: ticket.trim() } : {}) };
  const parsed = ActionAdd.safeParse(input);
  const problem = parsed.success ? null : actionProblem(parsed.error);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setTried(true);
    if (problem) return;
    setBusy(true);
    const ok = await actions.addAction(input);
    setBusy(false);
    if (!ok) return;
    setTitle('');
    setOwner('');
    setTicket('');
    setTried(false);
    onDone?.();
  };

  return (
    <form className="action-form" data-testid="action-form" onSubmit={(e) => void submit(e)} aria-label={from.length ? `New action from event ${from.join(', ')}` : 'New action'}>
      {from.length ? <div className="small muted">from {from.map((s) => `#${s}`).join(', ')}</div> : null}
      <input data-testid="action-title" placeholder="what is to be done" aria-label="Title" maxLength={500} value={title} autoFocus onChange={(e) => setTitle(e.target.value)} />
      <div className="action-form-grid">
        <label>
          type
          <select data-testid="action-type" value={type} onChange={(e) => setType(e.target.value as ActionType)}>
            {ActionType.options.map((t) => (
              <option key={t}>{t}</option>
            ))}
          </select>
        </label>
        <label>
          priority
          <select data-testid="action-priority" value={priority} onChange={(e) => setPriority(e.target.value as ActionPriority)}>
            {ActionPriority.options.map((p) => (
              <option key={p}>{p}</option>
            ))}
          </select>
        </label>
        <label>
          owner
          <input data-testid="action-owner" placeholder="who" maxLength={200} value={owner} onChange={(e) => setOwner(e.target.value)} />
        </label>
        <label>
          due (UTC)
          <input data-testid="action-due" type="date" value={due} onChange={(e) => setDue(e.target.value)} />
        </label>
      </div>
      <input data-testid="action-ticket" placeholder="ticket URL (optional)" aria-label="Ticket URL" value={ticket} onChange={(e) => setTicket(e.target.value)} />
      {tried && problem ? (
        <div className="field-error small" role="alert" data-testid="action-problem">
          {problem}
        </div>
      ) : null}
      <div className="row">
        <button type="submit" className="primary" data-testid="action-submit" disabled={busy}>
          Add action
        </button>
        {onDone ? (
          <button type="button" onClick={onDone}>
            Cancel
          </button>
        ) : null}
      </div>
    </form>
  );
}
