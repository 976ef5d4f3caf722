/**
 * Where every checklist stands, folded from the journal: one pure function that the window and the
 * CLI both call. An item is ticked by its rule (the event that ticked it is kept, to link to) or by a
 * person (`checklist.tick`, with the actor); whichever came last wins, so a person can untick what a
 * rule ticked and a later matching event ticks it again. A computed rule that stops holding (a new
 * action item is opened, a milestone is moved out of order) unticks its item.
 */
import { eventData, type JournalEvent, type Severity } from './incident';
import { dueSpanMs, type ChecklistDef, type ChecklistItemDef, type Rule } from './checklist';
import { COMPUTED_RULES, matches, type ComputedRule } from './checklistRules';

/** What last set an item: its rule, on event `seq`, or a person's tick. */
export interface TickCause {
  seq: number;
  ts: string;
  actor: string;
  by: 'rule' | 'person';
}

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

interface Tracker {
  item: ChecklistItemDef;
  done: boolean;
  cause?: TickCause;
  computed?: { rule: ComputedRule; last: boolean };
}

function ruleOf(rule: Rule): { kind: 'manual'; why: string } | { kind: 'computed'; make: () => ComputedRule } | { kind: 'match'; test: (e: JournalEvent) => boolean } {
  if ('manual' in rule) return { kind: 'manual', why: rule.manual };
  if ('computed' in rule) return { kind: 'computed', make: COMPUTED_RULES[rule.computed] };
  if ('any' in rule) return { kind: 'match', test: (e) => rule.any.some((m) => matches(m, e)) };
  return { kind: 'match', test: (e) => matches(rule, e) };
}

/**
 * `now` decides what is overdue; `pending` holds ticks sent but not yet on the journal, by
 * `list/item` (the window shows them at once).
 */
export function evaluateChecklists(
  checklists: readonly ChecklistDef[],
  events: readonly JournalEvent[],
  now: Date,
  pending: Readonly<Record<string, boolean>> = {},
): ChecklistStatus[] {
  const trackers = checklists.map((c) =>
    c.items.map((item): Tracker & { test?: (e: JournalEvent) => boolean } => {
      const r = ruleOf(item.rule);
      if (r.kind === 'computed') return { item, done: false, computed: { rule: r.make(), last: false } };
      if (r.kind === 'match') return { item, done: false, test: r.test };
      return { item, done: false };
    }),
  );
  const byKey = new Map<string, Tracker>();
  checklists.forEach((c, i) => trackers[i]?.forEach((t) => byKey.set(`${c.id}/${t.item.id}`, t)));
  let declaredAt: string | undefined;
  let severity: Severity | undefined;

  for (const e of events) {
    const declared = eventData(e, 'incident.declared');
    if (declared && declaredAt === undefined) {
      declaredAt = e.ts;
      severity = declared.severity;
    }
    const sev = eventData(e, 'incident.severity');
    if (sev) severity = sev.to;
    const tick = eventData(e, 'checklist.tick');
    if (tick) {
      const t = byKey.get(`${tick.checklist}/${tick.itemId}`);
      if (t) {
        t.done = tick.done;
        t.cause = { seq: e.seq, ts: e.ts, actor: e.actor, by: 'person' };
      }
      continue;
    }
    const cause: TickCause = { seq: e.seq, ts: e.ts, actor: e.actor, by: 'rule' };
    for (const list of trackers) {
      for (const t of list) {
        if (t.computed) {
          if (!t.computed.rule.apply(e)) continue;
          const now = t.computed.rule.holds();
          if (now !== t.computed.last) {
            t.computed.last = now;
            t.done = now;
            t.cause = cause;
          }
        } else if (!t.done && t.test?.(e)) {
          t.done = true;
          t.cause = cause;
        }
      }
    }
  }

  return checklists.map((c, i) => {
    const items = (trackers[i] ?? []).map((t): ChecklistItemStatus => {
      const r = ruleOf(t.item.rule);
      const inFlight = pending[`${c.id}/${t.item.id}`];
      const done = inFlight ?? t.done;
      const span = severity ? t.item.due?.[severity] : undefined;
      const due = span && declaredAt ? new Date(Date.parse(declaredAt) + dueSpanMs(span)).toISOString() : undefined;
      return {
        id: t.item.id,
        label: t.item.label,
        ...(t.item.help ? { help: t.item.help } : {}),
        kind: r.kind === 'manual' ? 'manual' : 'auto',
        ...(r.kind === 'manual' ? { manualWhy: r.why } : {}),
        done,
        ...(t.cause && inFlight === undefined ? { cause: t.cause } : {}),
        ...(due ? { due } : {}),
        overdue: !done && due !== undefined && now.getTime() > Date.parse(due),
      };
    });
    return { id: c.id, title: c.title, items, done: items.filter((x) => x.done).length, total: items.length };
  });
}
