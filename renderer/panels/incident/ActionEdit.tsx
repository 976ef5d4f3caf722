import { useState, type FormEvent } from 'react';
import { actionProblem, type Action } from '../../../shared/model/action';
import { ActionUpdate } from '../../../shared/model/actionFields';
import { useController } from '../../app/context';
import { ActionFieldInputs } from './ActionFieldInputs';
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
      <ActionFieldInputs draft={draft} onChange={(key, value) => setDraft({ ...draft, [key]: value })} testId="action-edit" />
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
