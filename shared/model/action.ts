/**
 * Action items (follow-ups of an incident): the one fold that turns their journal events into the
 * list, and the rules every view shares (ids, overdue, how a status reads). `actionProblem` names
 * the field of a refused input, whichever side (window, CLI) sent it.
 */
import { z } from 'zod';
import { eventData, IncidentId, type JournalEvent } from './incident';
import { ActionFields, ActionId, ActionStatus } from './actionFields';

export * from './actionFields';

/** One action as folded from its incident's journal. */
export const Action = ActionFields.extend({
  id: ActionId,
  from: z.array(z.number()),
  status: ActionStatus,
  /** Why it is not being done (status not-doing). */
  reason: z.string().optional(),
  /** The event that proves the fix (status verified). */
  evidence: z.number().optional(),
  /** The `action.created` event, and the latest event that changed it. */
  seq: z.number(),
  createdAt: z.string(),
  createdBy: z.string(),
  updatedSeq: z.number(),
});
export type Action = z.infer<typeof Action>;

/** An action in the list across incidents. */
export const ActionListItem = Action.extend({ incident: IncidentId, incidentTitle: z.string() });
export type ActionListItem = z.infer<typeof ActionListItem>;

/** Applies one event to the actions (by id, in creation order); false when it is not about actions. */
export function applyAction(actions: Map<string, Action>, e: JournalEvent): boolean {
  const created = eventData(e, 'action.created');
  if (created) {
    // Two writers can draft the same next id at once (two windows, the CLI beside the window): the
    // later creation takes the next free id rather than being lost. Replies and the CLI name the
    // action by its creation seq, so each writer learns the id it really got.
    const id = actions.has(created.id) ? nextActionId([...actions.values()]) : created.id;
    actions.set(id, { ...created, id, status: 'open', seq: e.seq, createdAt: e.ts, createdBy: e.actor, updatedSeq: e.seq });
    return true;
  }
  const updated = eventData(e, 'action.updated');
  if (updated) {
    const a = actions.get(updated.id);
    if (!a) return true;
    const { ticket, ...fields } = updated.changes;
    const next: Action = { ...a, ...definedOnly(fields), updatedSeq: e.seq };
    if (ticket === null) delete next.ticket;
    else if (ticket !== undefined) next.ticket = ticket;
    if (updated.status) {
      next.status = updated.status;
      // Reason and evidence belong to the status they came with.
      delete next.reason;
      delete next.evidence;
      if (updated.reason) next.reason = updated.reason;
      if (updated.evidence !== undefined) next.evidence = updated.evidence;
    }
    actions.set(updated.id, next);
    return true;
  }
  return false;
}

function definedOnly<T extends object>(o: T): Partial<T> {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as Partial<T>;
}

/** The action an `action.created` or `action.updated` event is about, as folded (see applyAction for ids). */
export function actionOfEvent(actions: readonly Action[], e: JournalEvent): Action | undefined {
  if (e.type === 'action.created') return actions.find((a) => a.seq === e.seq);
  const id = eventData(e, 'action.updated')?.id;
  return id === undefined ? undefined : actions.find((a) => a.id === id);
}

/** The one fold of actions: every action of an incident, in creation order. */
export function foldActions(events: readonly JournalEvent[]): Action[] {
  const actions = new Map<string, Action>();
  for (const e of events) applyAction(actions, e);
  return [...actions.values()];
}

/** The id the next action gets: one more than the highest so far. */
export function nextActionId(actions: readonly Pick<Action, 'id'>[]): string {
  return `A${actions.reduce((max, a) => Math.max(max, Number(a.id.slice(1))), 0) + 1}`;
}

/** Today's date in UTC, as due dates are written. */
export function utcToday(now: Date = new Date()): string {
  return now.toISOString().slice(0, 10);
}

/** Overdue: still open and due before `today` (UTC, YYYY-MM-DD). */
export function isOverdue(a: Pick<Action, 'status' | 'due'>, today: string): boolean {
  return a.status === 'open' && a.due < today;
}

/** Filters of action lists (the window's panel, `warroom action list`): every criterion given must hold. */
export interface ActionFilter {
  status?: ActionStatus;
  owner?: string;
  overdue?: boolean;
}

export function filterActions<A extends Action>(actions: readonly A[], f: ActionFilter, today: string): A[] {
  return actions.filter((a) => (!f.status || a.status === f.status) && (!f.owner || a.owner === f.owner) && (!f.overdue || isOverdue(a, today)));
}

/** A refused input as one line naming each field: `due: "2026-02-30" is not a real date as YYYY-MM-DD`. */
export function actionProblem(error: z.ZodError): string {
  return error.issues
    .map((i) => {
      const field = i.path.filter((p) => p !== 'changes').join('.');
      if (i.code === 'unrecognized_keys') return `unknown field ${i.keys.join(', ')}`;
      if (i.code === 'invalid_type' && i.input === undefined) return `${field}: is required`;
      return field ? `${field}: ${i.message}` : i.message;
    })
    .join('; ');
}

/** The columns every list of actions shows, in this order (window, CLI, write-up, CSV). */
export const ACTION_COLUMNS = ['id', 'title', 'type', 'owner', 'due', 'priority', 'ticket', 'status'] as const;

/** The status as a person reads it, with its reason or evidence. */
export function statusText(a: Pick<Action, 'status' | 'reason' | 'evidence'>): string {
  const word = a.status === 'not-doing' ? 'not doing' : a.status === 'verified' && a.evidence !== undefined ? `verified by #${a.evidence}` : a.status;
  return a.reason ? `${word}: ${a.reason}` : word;
}
