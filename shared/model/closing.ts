/**
 * Closing an incident (status `closed`, after `resolved`) asks for the post-mortem checklist: every
 * item done, or waived with a reason (`checklist.waived`). A waiver stands for the item it names;
 * resolving the incident itself cannot be waived, since closing comes after it.
 */
import { z } from 'zod';
import { eventData, type JournalEvent } from './incident';
import type { ChecklistDef } from './checklist';
import { evaluateChecklists } from './checklistState';

/** The checklist whose items gate closing. */
export const CLOSING_CHECKLIST = 'postmortem';

/** A `checklist.waived` event as folded: the item, why, and who waived it in which event. */
export const Waiver = z.object({
  checklist: z.string(),
  itemId: z.string(),
  reason: z.string(),
  seq: z.number().int().positive(),
  actor: z.string(),
});
export type Waiver = z.infer<typeof Waiver>;

export function foldWaivers(events: readonly JournalEvent[]): Map<string, Waiver> {
  const waivers = new Map<string, Waiver>();
  for (const e of events) applyWaiver(waivers, e);
  return waivers;
}

/** One event into the waivers by `list/item` (a later waiver of the same item replaces the earlier). */
export function applyWaiver(waivers: Map<string, Waiver>, e: JournalEvent): void {
  const w = eventData(e, 'checklist.waived');
  if (w) waivers.set(`${w.checklist}/${w.itemId}`, { ...w, seq: e.seq, actor: e.actor });
}

/** What still stands between the incident and closing it: `list/item label`, one per item neither done nor waived. */
export function closingBlockers(checklists: readonly ChecklistDef[], events: readonly JournalEvent[], now: Date): Array<{ key: string; label: string }> {
  const list = evaluateChecklists(checklists, events, now).find((l) => l.id === CLOSING_CHECKLIST);
  if (!list) return [];
  const waivers = foldWaivers(events);
  return list.items
    .filter((i) => !i.done && !waivers.has(`${list.id}/${i.id}`))
    .map((i) => ({ key: `${list.id}/${i.id}`, label: i.label }));
}
