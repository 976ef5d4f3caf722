import { describe, expect, it } from 'vitest';
import type { Action } from '../../../shared/model/action';
import { ActionUpdate } from '../../../shared/model/actionFields';
import { changedFields, fieldDraft } from '../../../renderer/panels/incident/actionChanges';

const action: Action = { id: 'A1', title: 'Rotate logs', type: 'prevent', owner: 'bob', due: '2026-12-15', priority: 'P1', from: [3], status: 'open', seq: 4, createdAt: '2026-12-01T00:00:00.000Z', createdBy: 'bob', updatedSeq: 4 };

describe('an inline edit of an action item', () => {
  it('changes nothing when nothing was changed (spaces aside)', () => {
    expect(changedFields(action, { ...fieldDraft(action), owner: ' bob ' })).toEqual({});
  });

  it('sends only the changed fields, trimmed', () => {
    expect(changedFields(action, { ...fieldDraft(action), owner: ' carol', priority: 'P0', ticket: 'https://t/1' })).toEqual({ owner: 'carol', priority: 'P0', ticket: 'https://t/1' });
  });

  it('sends an emptied ticket as null, which removes it, and the contract accepts that', () => {
    const withTicket: Action = { ...action, ticket: 'https://t/1' };
    const changes = changedFields(withTicket, { ...fieldDraft(withTicket), ticket: ' ' });
    expect(changes).toEqual({ ticket: null });
    expect(ActionUpdate.parse({ id: 'A1', changes }).changes).toEqual({ ticket: null });
    // No ticket before and none after: no change.
    expect(changedFields(action, { ...fieldDraft(action), ticket: '' })).toEqual({});
  });

  it('leaves the check to the contract schema, which names the field', () => {
    const changes = changedFields(action, { ...fieldDraft(action), owner: '', due: '2026-02-30' });
    const parsed = ActionUpdate.safeParse({ id: 'A1', changes });
    expect(parsed.success).toBe(false);
    const paths = parsed.error!.issues.map((i) => i.path.join('.'));
    expect(paths).toEqual(expect.arrayContaining(['changes.owner', 'changes.due']));
  });
});
