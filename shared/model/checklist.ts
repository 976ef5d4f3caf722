/**
 * Checklists are data: each item has an id, a label, a due time per severity (relative to the
 * declaration) and a rule naming what ticks it. The built-in lists (shared/model/checklistBuiltins.ts)
 * are written in exactly this shape, the same one a team uses for its own under `checklists:` in
 * `incidents.yaml` (electron/incident/config.ts validates that file against these schemas).
 *
 * A rule is one of:
 * - a matcher: `{ event: 'milestone', where: { milestone: 'mitigated' } }` ticks on the first event of
 *   that type (or any of several types) whose data fits every condition in `where`;
 * - `{ any: [matcher, ...] }`: the first event fitting any of them;
 * - `{ computed: NAME }`: a named predicate over the folded state (shared/model/checklistRules.ts),
 *   ticking on the event that makes it hold;
 * - `{ manual: WHY }`: nothing records it yet, so a person ticks it; WHY says so in the window.
 */
import { z } from 'zod';
import { Severity } from './incident';

/** `15m`, `2h`, `3d`, `1w`: how long after the declaration an item is due. */
export const DueSpan = z.string().regex(/^[1-9]\d{0,4}[mhdw]$/, 'a span is a whole number and a unit: 15m, 2h, 3d or 1w');
export type DueSpan = z.infer<typeof DueSpan>;

const Scalar = z.union([z.string().max(500), z.number(), z.boolean()]);

/**
 * A condition on one field of an event's data (a dotted path, e.g. `changes.owner`). A bare value
 * must equal the field; the object forms test membership, a minimum length (strings and arrays),
 * a minimum number, presence, or a case-insensitive regular expression.
 */
export const Condition = z.union([
  Scalar,
  z.object({ in: z.array(Scalar).min(1).max(100) }).strict(),
  z.object({ minLength: z.number().int().nonnegative() }).strict(),
  z.object({ atLeast: z.number() }).strict(),
  z.object({ present: z.boolean() }).strict(),
  z
    .object({ matches: z.string().min(1).max(500) })
    .strict()
    .refine((c) => isRegExp(c.matches), { message: 'not a valid regular expression', path: ['matches'] }),
]);
export type Condition = z.infer<typeof Condition>;

const EventTypeName = z.string().regex(/^[a-z][a-z0-9.-]{0,63}$/, 'an event type is lower case, like command.run or writeup.saved');

export const Matcher = z
  .object({
    /** Event types are not limited to the ones this version knows, so a rule can name one a newer Warroom writes. */
    event: z.union([EventTypeName, z.array(EventTypeName).min(1).max(20)]),
    where: z.record(z.string().regex(/^[A-Za-z][\w-]*(\.[A-Za-z][\w-]*)*$/, 'a field is a name or a dotted path'), Condition).optional(),
  })
  .strict();
export type Matcher = z.infer<typeof Matcher>;

/** The named rules a matcher cannot express; each is documented where it is computed. */
export const ComputedRuleName = z.enum(['verify-recovery', 'milestones-in-order', 'actions-complete', 'actions-ticketed', 'writeup-approved', 'writeup-published', 'meeting-held']);
export type ComputedRuleName = z.infer<typeof ComputedRuleName>;

export const Rule = z.union([
  Matcher,
  z.object({ any: z.array(Matcher).min(1).max(20) }).strict(),
  z.object({ computed: ComputedRuleName }).strict(),
  z.object({ manual: z.string().min(1).max(300) }).strict(),
]);
export type Rule = z.infer<typeof Rule>;

const Id = z.string().regex(/^[a-z][a-z0-9-]{0,47}$/, 'an id is lower case letters, digits and dashes');

export const ChecklistItemDef = z
  .object({
    id: Id,
    label: z.string().min(1).max(300),
    /** Longer guidance, e.g. what counts as done. */
    help: z.string().max(1000).optional(),
    due: z.partialRecord(Severity, DueSpan).optional(),
    rule: Rule,
  })
  .strict();
export type ChecklistItemDef = z.infer<typeof ChecklistItemDef>;

export const ChecklistDef = z
  .object({
    id: Id,
    title: z.string().min(1).max(100),
    items: z
      .array(ChecklistItemDef)
      .min(1)
      .max(100)
      .superRefine((items, ctx) => {
        const seen = new Set<string>();
        items.forEach((item, i) => {
          if (seen.has(item.id)) ctx.addIssue({ code: 'custom', message: `duplicate item id ${item.id}`, path: [i, 'id'] });
          seen.add(item.id);
        });
      }),
  })
  .strict();
export type ChecklistDef = z.infer<typeof ChecklistDef>;

function isRegExp(source: string): boolean {
  try {
    new RegExp(source, 'i');
    return true;
  } catch {
    return false;
  }
}

const SPAN_MS = { m: 60_000, h: 3_600_000, d: 86_400_000, w: 604_800_000 } as const;

export function dueSpanMs(span: DueSpan): number {
  const unit = span.slice(-1) as keyof typeof SPAN_MS;
  return Number(span.slice(0, -1)) * SPAN_MS[unit];
}

/** `respond/commander` → the list and item, or undefined. */
export function findChecklistItem(checklists: readonly ChecklistDef[], checklistId: string, itemId: string): ChecklistItemDef | undefined {
  return checklists.find((c) => c.id === checklistId)?.items.find((i) => i.id === itemId);
}

/** Every `list/item` id, for errors that list the valid ones. */
export function checklistItemIds(checklists: readonly ChecklistDef[]): string[] {
  return checklists.flatMap((c) => c.items.map((i) => `${c.id}/${i.id}`));
}

/**
 * The built-ins, then the team's lists from the config file; a team list with a built-in's id
 * replaces it (a team that wants its own Respond list writes it whole).
 */
export function mergeChecklists(builtIns: readonly ChecklistDef[], team: readonly ChecklistDef[]): ChecklistDef[] {
  const byId = new Map(team.map((c) => [c.id, c]));
  return [...builtIns.map((c) => byId.get(c.id) ?? c), ...team.filter((c) => !builtIns.some((b) => b.id === c.id))];
}
