/**
 * The checks behind creating and changing action items: each returns the event to append or
 * throws a UserError naming the field, before anything is written (a refused request leaves the
 * journal as it was). The list across incidents reads every journal without writing.
 */
import type { z } from 'zod';
import {
  ActionAdd,
  actionProblem,
  ActionUpdate,
  foldActions,
  nextActionId,
  type ActionChanges,
  type ActionListItem,
} from '../../shared/model/action';
import type { EventDraft, JournalEvent } from '../../shared/model/incident';
import { UserError } from '../core/errors';
import type { IncidentStore } from './store';

function parse<S extends z.ZodType>(schema: S, input: unknown): z.output<S> {
  const parsed = schema.safeParse(input);
  if (!parsed.success) throw new UserError(actionProblem(parsed.error));
  return parsed.data;
}

/** Seqs run 1..n without gaps, so the index is the seq. */
function requireSeq(events: readonly JournalEvent[], seq: number, field: string): void {
  if (events[seq - 1]?.seq !== seq) throw new UserError(`${field}: there is no event #${seq} in this incident`);
}

export function actionCreatedDraft(events: readonly JournalEvent[], input: unknown, actor: string): EventDraft {
  const { from, ticket, ...fields } = parse(ActionAdd, input);
  const seqs = [...new Set(from)].sort((a, b) => a - b);
  for (const seq of seqs) requireSeq(events, seq, 'from');
  const id = nextActionId(foldActions(events));
  return { type: 'action.created', actor, data: { id, ...fields, ...(ticket ? { ticket } : {}), from: seqs } };
}

export function actionUpdatedDraft(events: readonly JournalEvent[], input: unknown, actor: string): EventDraft {
  const { id, changes, status, reason, evidence } = parse(ActionUpdate, input);
  const action = foldActions(events).find((a) => a.id === id);
  if (!action) throw new UserError(`id: there is no action ${id} in this incident`);
  if (status === 'not-doing' && !reason) throw new UserError(`reason: say why ${id} is not being done`);
  if (status === 'verified' && evidence === undefined) throw new UserError(`evidence: give the seq of the event that proves ${id} is fixed`);
  if (evidence !== undefined && status !== 'verified') throw new UserError('evidence: only a verified status takes evidence');
  if (evidence !== undefined) requireSeq(events, evidence, 'evidence');
  if (status && status === action.status && status !== 'verified' && status !== 'not-doing') throw new UserError(`status: ${id} is already ${status}`);
  if (reason && !status) throw new UserError('reason: a reason goes with a status change');
  // Fields set to what they already are are not changes; nor is removing a ticket the action does not have.
  const changed: ActionChanges = {};
  for (const key of Object.keys(changes) as Array<keyof ActionChanges>) {
    const to = changes[key];
    if (to !== undefined && to !== (action[key] ?? null)) Object.assign(changed, { [key]: to });
  }
  if (!status && Object.keys(changed).length === 0) throw new UserError(`nothing to change on ${id}`);
  return {
    type: 'action.updated',
    actor,
    data: { id, changes: changed, ...(status ? { status } : {}), ...(reason ? { reason } : {}), ...(evidence !== undefined ? { evidence } : {}) },
  };
}

/** Actions of one incident, or of every incident (damaged journals are named in `skipped`). */
export async function listActions(store: IncidentStore, incident?: string): Promise<{ actions: ActionListItem[]; skipped: string[] }> {
  const ids = incident !== undefined ? [await store.resolve(incident)] : await store.ids();
  const actions: ActionListItem[] = [];
  const skipped: string[] = [];
  for (const id of ids) {
    try {
      const { incident: i, events } = await store.read(id);
      actions.push(...foldActions(events).map((a) => ({ ...a, incident: id, incidentTitle: i.title })));
    } catch (err) {
      if (incident !== undefined) throw err;
      skipped.push(`${id}: ${err instanceof Error ? err.message : String(err)}`);
    }
  }
  return { actions, skipped };
}
