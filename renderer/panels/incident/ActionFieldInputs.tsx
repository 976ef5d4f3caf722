import { ActionPriority, ActionType } from '../../../shared/model/action';
import type { FieldDraft } from './actionChanges';

/**
 * An action item's fields as inputs (title, type, priority, owner, due, ticket), shared by the form
 * that adds one and the one that edits one in place. Test ids are `${testId}-title` and so on.
 */
export function ActionFieldInputs(props: {
  draft: FieldDraft;
  onChange: (key: keyof FieldDraft, value: string) => void;
  testId: string;
  placeholders?: Partial<Record<keyof FieldDraft, string>>;
  autoFocusTitle?: boolean;
}) {
  const { draft, onChange, testId, placeholders = {}, autoFocusTitle = false } = props;
  const set = (key: keyof FieldDraft) => (e: { target: { value: string } }) => onChange(key, e.target.value);
  return (
    <>
      <input data-testid={`${testId}-title`} placeholder={placeholders.title} aria-label="Title" maxLength={500} value={draft.title} autoFocus={autoFocusTitle} onChange={set('title')} />
      <div className="action-form-grid">
        <label>
          type
          <select data-testid={`${testId}-type`} value={draft.type} onChange={set('type')}>
            {ActionType.options.map((t) => (
              <option key={t}>{t}</option>
            ))}
          </select>
        </label>
        <label>
          priority
          <select data-testid={`${testId}-priority`} value={draft.priority} onChange={set('priority')}>
            {ActionPriority.options.map((p) => (
              <option key={p}>{p}</option>
            ))}
          </select>
        </label>
        <label>
          owner
          <input data-testid={`${testId}-owner`} placeholder={placeholders.owner} maxLength={200} value={draft.owner} onChange={set('owner')} />
        </label>
        <label>
          due (UTC)
          <input data-testid={`${testId}-due`} type="date" value={draft.due} onChange={set('due')} />
        </label>
      </div>
      <input data-testid={`${testId}-ticket`} aria-label="Ticket URL" placeholder={placeholders.ticket ?? 'ticket URL'} value={draft.ticket} onChange={set('ticket')} />
    </>
  );
}
