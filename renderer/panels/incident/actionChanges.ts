/**
 * What an inline edit of an action item changes: only the fields whose value differs, trimmed, so
 * the `action.updated` event records what was changed and an unchanged form records nothing.
 */
import type { Action } from '../../../shared/model/action';
import type { ActionFields } from '../../../shared/model/actionFields';

export type FieldDraft = { [K in keyof ActionFields]-?: string };

export function fieldDraft(action: Action): FieldDraft {
  return { title: action.title, type: action.type, owner: action.owner, due: action.due, priority: action.priority, ticket: action.ticket ?? '' };
}

/**
 * The changed fields, as strings for the contract's schema to check (it names a bad field). An
 * emptied ticket removes it (null); the other fields are required, so emptying one is refused there.
 */
export function changedFields(action: Action, draft: FieldDraft): Record<string, string | null> {
  const before = fieldDraft(action);
  const out: Record<string, string | null> = {};
  for (const key of Object.keys(draft) as Array<keyof FieldDraft>) {
    const value = draft[key].trim();
    if (value === before[key].trim()) continue;
    out[key] = key === 'ticket' && value === '' ? null : value;
  }
  return out;
}
