import { useState, type FormEvent } from 'react';
import { ActionPriority, ActionType, actionProblem, type Action } from '../../../shared/model/action';
import { ActionUpdate } from '../../../shared/model/actionFields';
import { useController } from '../../app/context';
import { changedFields, fieldDraft, type FieldDraft } from './actionChanges';

/**
 * An action item's fields edited in place (title, type, owner, due, priority, ticket): only what
 * changed is sent, as one `action.update`; the same schema as the Node side checks it first and a
 * problem names the field.
 */
export function ActionEdit({ action, onDone }: { action: Action; onDone: () => void }) {
  const actions = useController().incident;
  const [draft, setDraft] = useState<FieldDraft>(() => fieldDraft(action));
  const [problem, setProblem] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const set = (key: keyof FieldDraft) => (e: { target: { value: string } }) => setDraft({ ...draft, [key]: e.target.value });

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const changes = changedFields(action, draft);
    if (Object.keys(changes).length === 0) return onDone();
    const parsed = ActionUpdate.safeParse({ id: action.id, changes });
    if (!parsed.success) return setProblem(actionProblem(parsed.error));
    setBusy(true);
    const ok = await actions.updateAction(parsed.data);
    setBusy(false);
    if (ok) onDone();
  };

  return (
    <form className="action-form action-edit" data-testid="action-edit" aria-label={`Edit ${action.id}`} onSubmit={(e) => void submit(e)}>
      <input data-testid="action-edit-title" aria-label="Title" maxLength={500} value={draft.title} onChange={set('title')} />
      <div className="action-form-grid">
        <label>
          type
          <select data-testid="action-edit-type" value={draft.type} onChange={set('type')}>
            {ActionType.options.map((t) => (
              <option key={t}>{t}</option>
            ))}
          </select>
        </label>
        <label>
          priority
          <select data-testid="action-edit-priority" value={draft.priority} onChange={set('priority')}>
            {ActionPriority.options.map((p) => (
              <option key={p}>{p}</option>
            ))}
          </select>
        </label>
        <label>
          owner
          <input data-testid="action-edit-owner" maxLength={200} value={draft.owner} onChange={set('owner')} />
        </label>
        <label>
          due (UTC)
          <input data-testid="action-edit-due" type="date" value={draft.due} onChange={set('due')} />
        </label>
      </div>
      <input data-testid="action-edit-ticket" aria-label="Ticket URL" placeholder="ticket URL" value={draft.ticket} onChange={set('ticket')} />
      {problem ? (
        <div className="field-error small" role="alert" data-testid="action-edit-problem">
          {problem}
        </div>
      ) : null}
      <div className="row">
        <button type="submit" className="primary" data-testid="action-edit-save" disabled={busy}>
          Save changes
        </button>
        <button type="button" onClick={onDone}>
          Cancel
        </button>
      </div>
    </form>
  );
}
