/**
 * The fields of an action item and the data of its two journal events. Apart from the fold
 * (shared/model/action.ts) because EventData (shared/model/incident.ts) needs these schemas, and
 * the fold needs EventData. Each message says what is wrong with the value; `actionProblem` puts
 * the field's name in front.
 */
import { z } from 'zod';

export const ActionType = z.enum(['mitigate', 'prevent', 'detect', 'process'], { error: () => 'is one of mitigate, prevent, detect, process' });
export type ActionType = z.infer<typeof ActionType>;

export const ActionPriority = z.enum(['P0', 'P1', 'P2', 'P3'], { error: () => 'is one of P0, P1, P2, P3' });
export type ActionPriority = z.infer<typeof ActionPriority>;

export const ActionStatus = z.enum(['open', 'done', 'not-doing', 'verified'], { error: () => 'is one of open, done, not-doing, verified' });
export type ActionStatus = z.infer<typeof ActionStatus>;

/** `A1`, `A2`, ...: numbered in the order they were created, unique in their incident. */
export const ActionId = z.string().regex(/^A[1-9]\d{0,5}$/, 'is A followed by a number (A1, A2, ...)');
export type ActionId = z.infer<typeof ActionId>;

/** Whether `s` is YYYY-MM-DD and that day exists in the calendar (2026-02-30 does not). */
export function isRealDate(s: string): boolean {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(s);
  if (!m) return false;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const date = new Date(Date.UTC(y, mo - 1, d));
  return date.getUTCFullYear() === y && date.getUTCMonth() === mo - 1 && date.getUTCDate() === d;
}

export const DueDate = z.string().refine(isRealDate, { error: (iss) => `${JSON.stringify(iss.input)} is not a real date as YYYY-MM-DD` });

/** http(s), a host, no spaces: shared/ has no URL class (no DOM, no Node), and a ticket link needs no more. */
function isHttpUrl(s: string): boolean {
  return /^https?:\/\/[^\s/?#@]+(?:[/?#]\S*)?$/i.test(s);
}

export const TicketUrl = z
  .string()
  .max(2000, 'is longer than 2000 characters')
  .refine(isHttpUrl, { error: (iss) => `${JSON.stringify(iss.input)} is not an http(s) URL` });

const Seq = z.number({ error: () => 'is an event seq (a positive whole number)' }).int('is an event seq (a positive whole number)').positive('is an event seq (a positive whole number)');
const Text = (max: number) => z.string().trim().min(1, 'must not be empty').max(max, `is longer than ${max} characters`);

/** The fields a person sets, on creation and in later changes. */
export const ActionFields = z.object({
  title: Text(500),
  type: ActionType,
  owner: Text(200),
  due: DueDate,
  priority: ActionPriority,
  ticket: TicketUrl.optional(),
});
export type ActionFields = z.infer<typeof ActionFields>;

/**
 * The fields a change can carry. The ticket is the one optional field, so a change can also remove
 * it: `ticket: null` (owner, due and the rest are required, so they are only ever replaced).
 */
export const ActionChanges = ActionFields.partial().extend({ ticket: TicketUrl.nullable().optional() });
export type ActionChanges = z.infer<typeof ActionChanges>;

/** `action.created`'s data (see the write-up events agreement). `from` are the events it came from. */
export const ActionCreatedData = ActionFields.extend({ id: ActionId, from: z.array(Seq).max(100) });

/** `action.updated`'s data: changed fields and/or a new status with its reason or evidence. */
export const ActionUpdatedData = z.object({
  id: ActionId,
  changes: ActionChanges,
  status: ActionStatus.optional(),
  reason: Text(2000).optional(),
  evidence: Seq.optional(),
});
export type ActionUpdatedData = z.infer<typeof ActionUpdatedData>;

/** What a person gives to create an action (window and CLI): the fields, and the events it came from. */
export const ActionAdd = ActionFields.extend({ from: z.array(Seq).max(100).default([]) }).strict();
export type ActionAdd = z.input<typeof ActionAdd>;

/** What a person gives to change one: fields to change, and/or a status with its reason or evidence. */
export const ActionUpdate = z
  .object({
    id: ActionId,
    changes: ActionChanges.strict().default({}),
    status: ActionStatus.optional(),
    reason: Text(2000).optional(),
    evidence: Seq.optional(),
  })
  .strict();
export type ActionUpdate = z.input<typeof ActionUpdate>;
