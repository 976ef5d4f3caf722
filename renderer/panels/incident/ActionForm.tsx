import { useState, type FormEvent } from 'react';
import { ActionAdd, actionProblem, utcToday } from '../../../shared/model/action';
import { useController } from '../../app/context';
import { ActionFieldInputs } from './ActionFieldInputs';
import type { FieldDraft } from './actionChanges';

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
  const [draft, setDraft] = useState<FieldDraft>(() => ({ title: initialTitle, type: 'prevent', owner: '', due: defaultDue(), priority: 'P2', ticket: '' }));
  const [tried, setTried] = useState(false);
  const [busy, setBusy] = useState(false);

  const { ticket, ...fields } = draft;
  const parsed = ActionAdd.safeParse({ ...fields, from, ...(ticket.trim() ? { ticket: ticket.trim() } : {}) });
  const problem = parsed.success ? null : actionProblem(parsed.error);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setTried(true);
    if (!parsed.success) return;
    setBusy(true);
    // What the form checked is what is sent, as the edit form does.
    const ok = await actions.addAction(parsed.data);
    setBusy(false);
    if (!ok) return;
    setDraft((d) => ({ ...d, title: '', owner: '', ticket: '' }));
    setTried(false);
    onDone?.();
  };

  return (
    <form className="action-form" data-testid="action-form" onSubmit={(e) => void submit(e)} aria-label={from.length ? `New action from event ${from.join(', ')}` : 'New action'}>
      {from.length ? <div className="small muted">from {from.map((s) => `#${s}`).join(', ')}</div> : null}
      <ActionFieldInputs
        draft={draft}
        onChange={(key, value) => setDraft((d) => ({ ...d, [key]: value }))}
        testId="action"
        placeholders={{ title: 'what is to be done', owner: 'who', ticket: 'ticket URL (optional)' }}
        autoFocusTitle
      />
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
