/**
 * Where every checklist stands, folded from the journal: one pure function that the window and the
 * CLI both call. An item is ticked by its rule (the event that ticked it is kept, to link to) or by a
 * person (`checklist.tick`, with the actor); whichever came last wins, so a person can untick what a
 * rule ticked and a later matching event ticks it again. A computed rule that stops holding (a new
 * action item is opened, a milestone is moved out of order) unticks its item.
 */
import { z } from 'zod';
import { eventData, type JournalEvent, type Severity } from './incident';
import { dueSpanMs, type ChecklistDef, type ChecklistItemDef } from './checklist';
import { COMPUTED_RULES, compileMatcher, matcherTypes, type ComputedRule } from './checklistRules';

/** What last set an item: its rule, on event `seq`, or a person's tick. */
export const TickCause = z.object({
  seq: z.number().int().positive(),
  ts: z.string(),
  actor: z.string(),
  by: z.enum(['rule', 'person']),
});
export type TickCause = z.infer<typeof TickCause>;

export interface ChecklistItemStatus {
  id: string;
  label: string;
  help?: string;
  /** `auto` items tick themselves; `manual` ones say why they cannot. */
  kind: 'auto' | 'manual';
  manualWhy?: string;
  done: boolean;
  cause?: TickCause;
  /** When it is due (UTC ISO), from the current severity; absent when the list gives none. */
  due?: string;
  overdue: boolean;
}

export interface ChecklistStatus {
  id: string;
  title: string;
  items: ChecklistItemStatus[];
  done: number;
  total: number;
}

/** Where one item stands after the fold: all that `checklistStatus` reads of it. */
export interface ItemFold {
  item: ChecklistItemDef;
  done: boolean;
  cause?: TickCause;
}

interface Tracker extends ItemFold {
  /** A matcher rule: ticks on the first fitting event while unticked. */
  test?: (e: JournalEvent) => boolean;
  /** A computed rule, and whether it held after the last event it looked at. */
  computed?: { rule: ComputedRule; last: boolean };
}

/**
 * The journal folded once; `checklistStatus` adds the clock (due and overdue) and ticks in flight.
 * The window also builds one from the Node side's fold of a journal it has only the newest page of
 * (shared/model/panelFolds.ts).
 */
export interface ChecklistFold {
  lists: ReadonlyArray<{ def: ChecklistDef; trackers: readonly ItemFold[] }>;
  declaredAt?: string;
  severity?: Severity;
}

function tracker(item: ChecklistItemDef): Tracker {
  const rule = item.rule;
  if ('manual' in rule) return { item, done: false };
  if ('computed' in rule) return { item, done: false, computed: { rule: COMPUTED_RULES[rule.computed](), last: false } };
  if ('any' in rule) {
    const tests = rule.any.map(compileMatcher);
    return { item, done: false, test: (e) => tests.some((t) => t(e)) };
  }
  return { item, done: false, test: compileMatcher(rule) };
}

/** The event types an item's rule reads. */
export function checklistRuleTypes(rule: ChecklistItemDef['rule']): readonly string[] {
  if ('computed' in rule) return COMPUTED_RULES[rule.computed]().types;
  if ('any' in rule) return rule.any.flatMap(matcherTypes);
  return 'event' in rule ? matcherTypes(rule) : [];
}

function ruleTypes(t: Tracker): readonly string[] {
  return t.computed ? t.computed.rule.types : checklistRuleTypes(t.item.rule);
}

/** Every event once; each is offered only to the items whose rules name its type. */
export function foldChecklists(checklists: readonly ChecklistDef[], events: readonly JournalEvent[]): ChecklistFold {
  const folder = new ChecklistFolder(checklists);
  for (const e of events) folder.apply(e);
  return folder.fold;
}

/**
 * The checklist fold kept open: events applied one at a time, in journal order (the Node side
 * keeps one for the active incident and applies each new event; shared/model/panelFolds.ts).
 */
export class ChecklistFolder {
  readonly fold: { lists: Array<{ def: ChecklistDef; trackers: Tracker[] }>; declaredAt?: string; severity?: Severity };
  private readonly byKey = new Map<string, Tracker>();
  private readonly byType = new Map<string, Tracker[]>();

  constructor(checklists: readonly ChecklistDef[]) {
    this.fold = { lists: checklists.map((def) => ({ def, trackers: def.items.map(tracker) })) };
    for (const { def, trackers } of this.fold.lists) {
      for (const t of trackers) {
        this.byKey.set(`${def.id}/${t.item.id}`, t);
        for (const type of new Set(ruleTypes(t))) this.byType.set(type, [...(this.byType.get(type) ?? []), t]);
      }
    }
  }

  apply(e: JournalEvent): void {
    const fold = this.fold;
    const declared = eventData(e, 'incident.declared');
    if (declared && fold.declaredAt === undefined) {
      fold.declaredAt = e.ts;
      fold.severity = declared.severity;
    }
    const sev = eventData(e, 'incident.severity');
    if (sev) fold.severity = sev.to;
    const tick = eventData(e, 'checklist.tick');
    if (tick) {
      const t = this.byKey.get(`${tick.checklist}/${tick.itemId}`);
      if (t) {
        t.done = tick.done;
        t.cause = { seq: e.seq, ts: e.ts, actor: e.actor, by: 'person' };
      }
      return;
    }
    const interested = this.byType.get(e.type);
    if (!interested) return;
    const cause: TickCause = { seq: e.seq, ts: e.ts, actor: e.actor, by: 'rule' };
    for (const t of interested) {
      if (t.computed) {
        if (!t.computed.rule.apply(e)) continue;
        const holds = t.computed.rule.holds();
        if (holds !== t.computed.last) {
          t.computed.last = holds;
          t.done = holds;
          t.cause = cause;
        }
      } else if (!t.done && t.test?.(e)) {
        t.done = true;
        t.cause = cause;
      }
    }
  }
}

/**
 * Where each list stands at `now` (what is overdue); `pending` holds ticks sent but not yet on the
 * journal, by `list/item` (the window shows them at once).
 */
export function checklistStatus(fold: ChecklistFold, now: Date, pending: Readonly<Record<string, boolean>> = {}): ChecklistStatus[] {
  return fold.lists.map(({ def, trackers }) => {
    const items = trackers.map((t): ChecklistItemStatus => {
      const rule = t.item.rule;
      const inFlight = pending[`${def.id}/${t.item.id}`];
      const done = inFlight ?? t.done;
      const span = fold.severity ? t.item.due?.[fold.severity] : undefined;
      const due = span && fold.declaredAt ? new Date(Date.parse(fold.declaredAt) + dueSpanMs(span)).toISOString() : undefined;
      return {
        id: t.item.id,
        label: t.item.label,
        ...(t.item.help ? { help: t.item.help } : {}),
        kind: 'manual' in rule ? 'manual' : 'auto',
        ...('manual' in rule ? { manualWhy: rule.manual } : {}),
        done,
        ...(t.cause && inFlight === undefined ? { cause: t.cause } : {}),
        ...(due ? { due } : {}),
        overdue: !done && due !== undefined && now.getTime() > Date.parse(due),
      };
    });
    return { id: def.id, title: def.title, items, done: items.filter((x) => x.done).length, total: items.length };
  });
}

/** The fold and the clock in one call, for the CLI and tests. */
export function evaluateChecklists(
  checklists: readonly ChecklistDef[],
  events: readonly JournalEvent[],
  now: Date,
  pending: Readonly<Record<string, boolean>> = {},
): ChecklistStatus[] {
  return checklistStatus(foldChecklists(checklists, events), now, pending);
}
