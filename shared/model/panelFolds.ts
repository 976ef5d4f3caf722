/**
 * What the checklist, actions and review panels fold from the journal, folded by the Node side for
 * a window that has only the newest page of a big journal: the events that tick a checklist item,
 * create an action or send the write-up to review are often among the first, and the window
 * fetches those pages last (renderer/app/timelinePages.ts). `incident.active` carries these folds
 * with a partial reply, and `incident.details` with `{ folds: true }`, so the panels read right
 * from the first page; once every page has arrived the window folds its own events, with the same
 * functions (foldChecklists, foldWaivers, foldActions, foldReview).
 */
import { z } from 'zod';
import { Severity, type JournalEvent } from './incident';
import type { ChecklistDef } from './checklist';
import { ChecklistFolder, checklistRuleTypes, TickCause, type ChecklistFold, type ItemFold } from './checklistState';
import { applyWaiver, Waiver } from './closing';
import { Action, applyAction } from './action';
import { applyReview, ReviewStatus } from './review';

/** One checklist item after the fold, by list and item id (the window holds the definitions). */
const ItemState = z.object({ list: z.string(), item: z.string(), done: z.boolean(), cause: TickCause.optional() });

export const PanelFolds = z.object({
  /** The journal's count when it was folded: the folds hold every event up to this seq. */
  head: z.number().int().nonnegative(),
  checklists: z.object({ declaredAt: z.string().optional(), severity: Severity.optional(), items: z.array(ItemState) }),
  waivers: z.array(Waiver),
  actions: z.array(Action),
  review: ReviewStatus,
});
export type PanelFolds = z.infer<typeof PanelFolds>;

/** The event types these folds read, for `checklists`: a fold over only these events is the fold over all. */
export function panelFoldTypes(checklists: readonly ChecklistDef[]): ReadonlySet<string> {
  return new Set([
    // foldChecklists: the declaration and severity (due times), ticks by hand, and each item's rule.
    'incident.declared',
    'incident.severity',
    'checklist.tick',
    ...checklists.flatMap((list) => list.items.flatMap((item) => checklistRuleTypes(item.rule))),
    'checklist.waived',
    'action.created',
    'action.updated',
    'writeup.saved',
    'writeup.state',
    'writeup.approved',
  ]);
}

/** The folds of `events` (the whole journal, or only its events of `panelFoldTypes`), `head` its count. */
export function foldPanels(checklists: readonly ChecklistDef[], events: readonly JournalEvent[], head: number): PanelFolds {
  const folder = new PanelFolder(checklists);
  for (const e of events) folder.apply(e);
  return folder.folds(head);
}

/**
 * The panels' folds kept open, one event at a time in journal order: the Node side folds a big
 * journal once and then only the events appended since (electron/incident/service.ts).
 */
export class PanelFolder {
  private readonly checklist: ChecklistFolder;
  private readonly waivers = new Map<string, Waiver>();
  private readonly actions = new Map<string, Action>();
  private readonly review: ReviewStatus = { state: 'draft', authors: [] };

  constructor(checklists: readonly ChecklistDef[]) {
    this.checklist = new ChecklistFolder(checklists);
  }

  apply(e: JournalEvent): void {
    this.checklist.apply(e);
    applyWaiver(this.waivers, e);
    applyAction(this.actions, e);
    applyReview(this.review, e);
  }

  /**
   * Where the folds stand, `head` the journal's count they hold. New containers throughout; the
   * objects inside (causes, waivers, actions, approvals) are replaced by later events, never changed.
   */
  folds(head: number): PanelFolds {
    const fold = this.checklist.fold;
    return {
      head,
      checklists: {
        ...(fold.declaredAt === undefined ? {} : { declaredAt: fold.declaredAt }),
        ...(fold.severity === undefined ? {} : { severity: fold.severity }),
        items: fold.lists.flatMap(({ def, trackers }) => trackers.map((t) => ({ list: def.id, item: t.item.id, done: t.done, ...(t.cause ? { cause: t.cause } : {}) }))),
      },
      waivers: [...this.waivers.values()],
      actions: [...this.actions.values()],
      review: { ...this.review, authors: [...this.review.authors] },
    };
  }
}

/** The checklist fold for `checklistStatus`, from the Node side's: an item it does not know (a list added since) is not done. */
export function checklistFoldOf(checklists: readonly ChecklistDef[], folds: PanelFolds): ChecklistFold {
  const items = new Map(folds.checklists.items.map((i) => [`${i.list}/${i.item}`, i]));
  return {
    lists: checklists.map((def) => ({
      def,
      trackers: def.items.map((item): ItemFold => {
        const state = items.get(`${def.id}/${item.id}`);
        return { item, done: state?.done ?? false, ...(state?.cause ? { cause: state.cause } : {}) };
      }),
    })),
    ...(folds.checklists.declaredAt === undefined ? {} : { declaredAt: folds.checklists.declaredAt }),
    ...(folds.checklists.severity === undefined ? {} : { severity: folds.checklists.severity }),
  };
}

/** The waivers by `list/item`, as foldWaivers gives them. */
export function waiversOf(folds: PanelFolds): Map<string, Waiver> {
  return new Map(folds.waivers.map((w) => [`${w.checklist}/${w.itemId}`, w]));
}

export const actionsOf = (folds: PanelFolds): Action[] => folds.actions;
export const reviewOf = (folds: PanelFolds): ReviewStatus => folds.review;
