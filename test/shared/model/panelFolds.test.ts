/**
 * The panels' folds the Node side sends with a big journal's first page (shared/model/panelFolds.ts):
 * through the wire (JSON and the contract's schema) they give the checklist, waivers, actions and
 * review the window's own folds give for the whole journal, folded from only the event types they
 * read or from every event.
 */
import { describe, expect, it } from 'vitest';
import type { JournalEvent } from '../../../shared/model/incident';
import { BUILT_IN_CHECKLISTS } from '../../../shared/model/checklistBuiltins';
import type { ChecklistDef } from '../../../shared/model/checklist';
import { checklistStatus, evaluateChecklists } from '../../../shared/model/checklistState';
import { foldWaivers } from '../../../shared/model/closing';
import { foldActions } from '../../../shared/model/action';
import { foldReview } from '../../../shared/model/review';
import { PanelFolder, PanelFolds, actionsOf, checklistFoldOf, foldPanels, panelFoldTypes, reviewOf, waiversOf } from '../../../shared/model/panelFolds';
import { contract } from '../../../shared/contract';

const HASH = 'c'.repeat(64);
const T0 = Date.parse('2026-11-30T03:00:00.000Z');
function ev(seq: number, type: string, data: Record<string, unknown>, actor = 'alice'): JournalEvent {
  return { seq, ts: new Date(T0 + (seq - 1) * 60_000).toISOString(), type, actor, data, prev: HASH, hash: HASH } as JournalEvent;
}

/** An incident's journal with something for every panel among many notes and broadcasts. */
function journal(): JournalEvent[] {
  const early = [
    ev(1, 'incident.declared', { id: 'INC-1', title: 'checkout down', severity: 'SEV2', commander: 'alice' }),
    ev(2, 'checklist.tick', { checklist: 'writeup', itemId: 'owner', label: 'Name the write-up owner', done: true }, 'carol'),
    ev(3, 'action.created', { id: 'A1', title: 'Alert on p99', type: 'detect', owner: 'dave', due: '2026-12-20', priority: 'P2', from: [] }, 'carol'),
    ev(4, 'writeup.saved', { section: 'summary', text: 'Checkout failed for 20 minutes.', base: null, origin: 'person' }, 'carol'),
    ev(5, 'incident.severity', { from: 'SEV2', to: 'SEV1' }),
    ev(6, 'checklist.waived', { checklist: 'postmortem', itemId: 'meeting', reason: 'held in the weekly review' }, 'bob'),
    ev(7, 'action.updated', { id: 'A1', changes: { ticket: 'https://tickets.example/OPS-1' } }, 'dave'),
    ev(8, 'writeup.state', { from: 'draft', to: 'in-review' }, 'carol'),
    ev(9, 'writeup.state', { from: 'in-review', to: 'approved' }, 'bob'),
    ev(10, 'writeup.approved', { sha256: 'a'.repeat(64), head: 'b'.repeat(64), approver: 'bob' }, 'bob'),
    ev(11, 'role.assigned', { role: 'commander', who: 'erin' }),
  ];
  const rest: JournalEvent[] = [];
  for (let seq = early.length + 1; seq <= 400; seq++) {
    rest.push(seq % 3 === 0 ? ev(seq, 'command.broadcast', { line: `systemctl status nginx # ${seq}`, hosts: ['web-1', 'web-2'] }) : ev(seq, 'note', { text: `observation ${seq}` }));
  }
  return [...early, ...rest, ev(401, 'note', { text: 'Told #status. Next update 04:30 UTC.' })];
}

/** As the wire carries it: JSON, then the contract's reply schema. */
function overTheWire(folds: PanelFolds): PanelFolds {
  const reply = contract.requests['incident.details'].output.parse(JSON.parse(JSON.stringify({ details: null, folds })));
  return reply.folds as PanelFolds;
}

describe('the panels folded by the Node side', () => {
  const events = journal();
  const now = new Date(T0 + 3 * 3600_000);

  it('give, through the wire, what the window folds from the whole journal', () => {
    const folds = overTheWire(foldPanels(BUILT_IN_CHECKLISTS, events, events.length));
    expect(folds.head).toBe(401);
    expect(checklistStatus(checklistFoldOf(BUILT_IN_CHECKLISTS, folds), now)).toEqual(evaluateChecklists(BUILT_IN_CHECKLISTS, events, now));
    expect(waiversOf(folds)).toEqual(foldWaivers(events));
    expect(actionsOf(folds)).toEqual(foldActions(events));
    expect(reviewOf(folds)).toEqual(foldReview(events));
    // What the journal above ticks, so the comparison is not between two empty folds.
    const byId = Object.fromEntries(evaluateChecklists(BUILT_IN_CHECKLISTS, events, now).flatMap((l) => l.items.map((i) => [`${l.id}/${i.id}`, i])));
    expect(byId['respond/declare']?.done).toBe(true);
    expect(byId['respond/commander']?.cause).toMatchObject({ seq: 11, by: 'rule' });
    expect(byId['respond/comms']?.cause).toMatchObject({ seq: 401 });
    expect(byId['writeup/owner']?.cause).toMatchObject({ seq: 2, by: 'person', actor: 'carol' });
    expect(byId['postmortem/approved']?.done).toBe(true);
    expect(byId['respond/stabilize']?.due).toBe(new Date(T0 + 3600_000).toISOString());
    expect(reviewOf(folds)).toMatchObject({ state: 'approved', approval: { seq: 10, approver: 'bob' }, authors: ['carol'] });
    expect(actionsOf(folds)[0]).toMatchObject({ id: 'A1', ticket: 'https://tickets.example/OPS-1', updatedSeq: 7 });
  });

  it('need only the event types they read', () => {
    const types = panelFoldTypes(BUILT_IN_CHECKLISTS);
    const some = events.filter((e) => types.has(e.type));
    expect(foldPanels(BUILT_IN_CHECKLISTS, some, events.length)).toEqual(foldPanels(BUILT_IN_CHECKLISTS, events, events.length));
    // A team's list whose rule reads a type no built-in reads.
    const mine: ChecklistDef = { id: 'handover', title: 'Handover', items: [{ id: 'pin', label: 'Pin the handover note', rule: { event: 'pin' } }] };
    expect(panelFoldTypes([mine]).has('pin')).toBe(true);
    expect(types.has('pin')).toBe(false);
  });

  it('kept open, fold event by event to the same answers, and an answer given earlier stays as it was', () => {
    const folder = new PanelFolder(BUILT_IN_CHECKLISTS);
    const given: Array<{ at: number; folds: PanelFolds; copy: string }> = [];
    for (const e of events) {
      folder.apply(e);
      if ([1, 3, 8, 9, 10, 11, 200].includes(e.seq)) {
        const folds = folder.folds(e.seq);
        given.push({ at: e.seq, folds, copy: JSON.stringify(folds) });
      }
    }
    expect(folder.folds(events.length)).toEqual(foldPanels(BUILT_IN_CHECKLISTS, events, events.length));
    for (const { at, folds, copy } of given) {
      expect(JSON.stringify(folds), `folds at ${at}`).toBe(copy);
      expect(folds).toEqual(foldPanels(BUILT_IN_CHECKLISTS, events.slice(0, at), at));
    }
  });

  it('leave an item the folds do not know (a list added since) unticked', () => {
    const folds = foldPanels(BUILT_IN_CHECKLISTS, events, events.length);
    const mine: ChecklistDef = { id: 'handover', title: 'Handover', items: [{ id: 'note', label: 'Any note', rule: { event: 'note' } }] };
    const [status] = checklistStatus(checklistFoldOf([mine], folds), now);
    expect(status?.items[0]).toMatchObject({ id: 'note', done: false });
    expect(status?.items[0]?.cause).toBeUndefined();
  });

  it('a reply that does not fit the schema is refused', () => {
    const folds = foldPanels(BUILT_IN_CHECKLISTS, events, events.length);
    expect(PanelFolds.safeParse({ ...folds, review: { ...folds.review, state: 'lost' } }).success).toBe(false);
    expect(PanelFolds.safeParse({ ...folds, checklists: { items: [{ list: 'respond', item: 'declare', done: 'yes' }] } }).success).toBe(false);
  });
});
