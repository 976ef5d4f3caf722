import { describe, expect, it } from 'vitest';
import type { JournalEvent } from '../../../shared/model/incident';
import { ChecklistDef, dueSpanMs, mergeChecklists } from '../../../shared/model/checklist';
import { BUILT_IN_CHECKLISTS, POSTMORTEM_CHECKLIST, RESPOND_CHECKLIST, WRITEUP_CHECKLIST } from '../../../shared/model/checklistBuiltins';
import { evaluateChecklists, type ChecklistItemStatus } from '../../../shared/model/checklistState';

const HASH = 'a'.repeat(64);
const T0 = Date.parse('2026-11-30T03:00:00.000Z');
/** Events one minute apart, from the declaration at T0. */
function ev(seq: number, type: string, data: Record<string, unknown>, actor = 'alice'): JournalEvent {
  return { seq, ts: new Date(T0 + (seq - 1) * 60_000).toISOString(), type, actor, data, prev: HASH, hash: HASH } as JournalEvent;
}
const declared = (severity = 'SEV2') => ev(1, 'incident.declared', { id: 'INC-1', title: 'checkout down', severity, commander: 'alice' });
const run = (seq: number, line: string, results: Array<[string, number | null]>) =>
  ev(seq, 'command.run', { line, results: results.map(([host, exitCode]) => ({ host, exitCode })) });
const at = (seq: number) => new Date(T0 + (seq - 1) * 60_000).toISOString();

function items(events: JournalEvent[], list = RESPOND_CHECKLIST, now = new Date(T0 + 60_000 * events.length)): Record<string, ChecklistItemStatus> {
  const [status] = evaluateChecklists([list], events, now);
  return Object.fromEntries((status?.items ?? []).map((i) => [i.id, i]));
}

describe('checklist definitions', () => {
  it('the built-ins are written in the schema a team uses in its config file', () => {
    for (const c of BUILT_IN_CHECKLISTS) expect(ChecklistDef.parse(c)).toEqual(c);
  });

  it('refuses duplicate item ids, bad spans, unknown computed rules and broken expressions, naming the field', () => {
    const base = { id: 'x', title: 'X', items: [{ id: 'a', label: 'A', rule: { event: 'note' } }] };
    const issue = (v: unknown) => {
      const r = ChecklistDef.safeParse(v);
      return r.success ? undefined : r.error.issues[0];
    };
    expect(issue({ ...base, items: [...base.items, ...base.items] })).toMatchObject({ message: 'duplicate item id a', path: ['items', 1, 'id'] });
    expect(issue({ ...base, items: [{ ...base.items[0], due: { SEV1: '15 minutes' } }] })?.path).toEqual(['items', 0, 'due', 'SEV1']);
    expect(issue({ ...base, items: [{ ...base.items[0], rule: { computed: 'guess' } }] })?.path).toEqual(['items', 0, 'rule']);
    expect(issue({ ...base, items: [{ ...base.items[0], rule: { event: 'note', where: { text: { matches: '(' } } } }] })?.path.slice(0, 3)).toEqual(['items', 0, 'rule']);
  });

  it('reads spans and lets a team list replace a built-in by id', () => {
    expect(dueSpanMs('15m')).toBe(900_000);
    expect(dueSpanMs('2h')).toBe(7_200_000);
    expect(dueSpanMs('1w')).toBe(604_800_000);
    const mine = { id: 'respond', title: 'Our respond', items: [{ id: 'page', label: 'Page', rule: { event: 'note' } }] };
    const extra = { id: 'handover', title: 'Handover', items: [{ id: 'deputy', label: 'Deputy', rule: { event: 'note' } }] };
    expect(mergeChecklists(BUILT_IN_CHECKLISTS, [extra, mine]).map((c) => c.title)).toEqual(['Our respond', 'Write-up', 'Post-mortem', 'Handover']);
  });
});

describe('the Respond checklist folded from the journal', () => {
  it('is all unticked before anything happens, and ticks declare on the declaration', () => {
    expect(Object.values(items([])).every((i) => !i.done)).toBe(true);
    const s = items([declared()]);
    expect(s.declare).toMatchObject({ done: true, cause: { seq: 1, by: 'rule', actor: 'alice' } });
    expect(s.commander?.done).toBe(false);
  });

  it('ticks each item on its own event, keeping the first event that ticked it', () => {
    const s = items([
      declared(),
      ev(2, 'role.assigned', { role: 'scribe', to: 'bob' }),
      ev(3, 'role.assigned', { role: 'commander', to: 'carol', from: 'alice' }),
      ev(4, 'command.broadcast', { line: 'uptime', hosts: ['web-01'] }),
      ev(5, 'command.run', { line: 'df -h /', results: [{ host: 'web-01', exitCode: 0 }, { host: 'web-02', exitCode: 1 }] }),
      ev(6, 'command.broadcast', { line: 'uptime', hosts: ['web-01', 'web-02'] }),
      ev(7, 'note', { text: 'Looking at web-02' }),
      ev(8, 'note', { text: 'Told #status about checkout errors. Next update at 03:30 UTC.' }),
      ev(9, 'milestone', { milestone: 'mitigated', at: at(9) }),
    ]);
    expect(s.commander?.cause?.seq).toBe(3);
    expect(s.scope?.cause?.seq).toBe(5);
    expect(s.comms?.cause?.seq).toBe(8);
    expect(s.stabilize?.cause?.seq).toBe(9);
  });

  it('counts a marker as establishing the blast radius', () => {
    expect(items([declared(), ev(2, 'note', { text: 'x' }), ev(3, 'marker', { ref: 2, marker: 'key-moment', on: true })]).scope?.cause?.seq).toBe(3);
  });

  it('a person can untick what a rule ticked (with the actor), and a later matching event ticks it again', () => {
    const events = [
      declared(),
      ev(2, 'role.assigned', { role: 'commander', to: 'carol' }),
      ev(3, 'checklist.tick', { checklist: 'respond', itemId: 'commander', label: 'x', done: false }, 'bob'),
    ];
    expect(items(events).commander).toMatchObject({ done: false, cause: { seq: 3, by: 'person', actor: 'bob' } });
    expect(items([...events, ev(4, 'role.assigned', { role: 'commander', to: 'dave' })]).commander).toMatchObject({ done: true, cause: { seq: 4, by: 'rule' } });
  });

  it('a person can tick an item by hand, and a tick in flight shows before the journal has it', () => {
    const events = [declared(), ev(2, 'checklist.tick', { checklist: 'respond', itemId: 'comms', label: 'x', done: true }, 'bob')];
    expect(items(events).comms).toMatchObject({ done: true, cause: { by: 'person', actor: 'bob', seq: 2 } });
    const [pending] = evaluateChecklists([RESPOND_CHECKLIST], [declared()], new Date(T0), { 'respond/verify': true });
    expect(pending?.items.find((i) => i.id === 'verify')).toMatchObject({ done: true });
    expect(pending?.done).toBe(2);
  });

  it('marks an item overdue by the current severity, counted from the declaration', () => {
    // SEV2: the commander is due 10 minutes in; SEV1: 5 minutes.
    const events = [declared('SEV2')];
    expect(items(events, RESPOND_CHECKLIST, new Date(T0 + 9 * 60_000)).commander).toMatchObject({ overdue: false, due: '2026-11-30T03:10:00.000Z' });
    expect(items(events, RESPOND_CHECKLIST, new Date(T0 + 11 * 60_000)).commander?.overdue).toBe(true);
    const raised = [...events, ev(2, 'incident.severity', { from: 'SEV2', to: 'SEV1' })];
    expect(items(raised, RESPOND_CHECKLIST, new Date(T0 + 6 * 60_000)).commander).toMatchObject({ overdue: true, due: '2026-11-30T03:05:00.000Z' });
    // Done is never overdue; the declaration item has no due time at all.
    const named = [...events, ev(2, 'role.assigned', { role: 'commander', to: 'carol' })];
    expect(items(named, RESPOND_CHECKLIST, new Date(T0 + 3_600_000)).commander?.overdue).toBe(false);
    expect(items(events, RESPOND_CHECKLIST, new Date(T0 + 3_600_000)).declare?.due).toBeUndefined();
  });
});

describe('verify-recovery', () => {
  const status = 'systemctl status nginx';
  it('ticks on the check that shows every host that failed it now passing, as on the practice drill', () => {
    const events = [
      declared(),
      run(2, status, [['web-01', 0], ['web-02', 3]]),
      run(3, 'truncate -s 0 /var/log/checkout/debug.log', [['web-02', 0]]),
      run(4, 'systemctl restart nginx', [['web-02', 0]]),
    ];
    expect(items(events).verify?.done).toBe(false);
    const fixed = items([...events, run(5, `  ${status} `, [['web-02', 0]])]).verify;
    expect(fixed).toMatchObject({ done: true, cause: { seq: 5, by: 'rule' } });
  });

  it('needs a pass on every failing host, not just one', () => {
    const events = [declared(), run(2, status, [['web-02', 3], ['web-03', 3]]), run(3, status, [['web-02', 0]])];
    expect(items(events).verify?.done).toBe(false);
    expect(items([...events, run(4, status, [['web-03', 0]])]).verify?.cause?.seq).toBe(4);
  });

  it('does not tick when nothing failed, and counts an unreachable host as failing', () => {
    expect(items([declared(), run(2, status, [['web-01', 0]])]).verify?.done).toBe(false);
    expect(items([declared(), run(2, status, [['web-01', null]]), run(3, status, [['web-01', 0]])]).verify?.done).toBe(true);
  });

  it('once mitigation is recorded, a host that failed before it must pass after it', () => {
    const events = [
      declared(),
      run(2, status, [['web-02', 3]]),
      run(3, status, [['web-02', 0]]),
      ev(4, 'milestone', { milestone: 'mitigated', at: at(4) }),
    ];
    // The pass at #3 predates the mitigation: the milestone unticks it until a check after it.
    const before = items(events).verify;
    expect(before).toMatchObject({ done: false, cause: { seq: 4 } });
    expect(items([...events, run(5, status, [['web-02', 0]])]).verify).toMatchObject({ done: true, cause: { seq: 5 } });
    // A mitigation dated back before the passing check counts it.
    const backdated = [declared(), run(2, status, [['web-02', 3]]), run(3, status, [['web-02', 0]]), ev(4, 'milestone', { milestone: 'mitigated', at: at(2) })];
    expect(items(backdated).verify?.done).toBe(true);
  });

  it('unticks when a host fails the check again', () => {
    const events = [declared(), run(2, status, [['web-02', 3]]), run(3, status, [['web-02', 0]]), run(4, status, [['web-02', 3]])];
    expect(items(events).verify).toMatchObject({ done: false, cause: { seq: 4 } });
  });
});

describe('the Write-up and Post-mortem checklists', () => {
  it('tick on markers, milestones in order, write-up sections and action items, by event name', () => {
    const events = [
      declared(),
      ev(2, 'note', { text: 'alert fired' }),
      ev(3, 'marker', { ref: 2, marker: 'detection', on: true }),
      ev(4, 'milestone', { milestone: 'detected', at: at(2) }),
      ev(5, 'milestone', { milestone: 'mitigated', at: at(5) }),
      ev(6, 'milestone', { milestone: 'resolved', at: at(6) }),
      ev(7, 'writeup.saved', { section: 'impact', text: '', base: null, origin: 'person' }),
      ev(8, 'writeup.saved', { section: 'impact', text: '2,300 checkouts failed (#2)', base: 7, origin: 'person' }),
      ev(9, 'action.created', { id: 'A1', title: 'Alert on disk', type: 'detect', owner: 'bob', due: '2026-12-10', priority: 'P1', from: [2] }),
    ];
    const w = items(events, WRITEUP_CHECKLIST);
    expect(w.detection?.cause?.seq).toBe(3);
    expect(w.diagnosis?.done).toBe(false);
    expect(w.milestones?.cause?.seq).toBe(6);
    expect(w.impact?.cause?.seq).toBe(8);
    expect(w.actions?.cause?.seq).toBe(9);
    expect(w.owner).toMatchObject({ kind: 'manual', done: false });
    expect(w.owner?.manualWhy).toMatch(/by hand/);
    // A milestone moved out of order unticks it.
    expect(items([...events, ev(10, 'milestone', { milestone: 'detected', at: at(7) })], WRITEUP_CHECKLIST).milestones).toMatchObject({ done: false, cause: { seq: 10 } });

    const p = items(events, POSTMORTEM_CHECKLIST);
    expect(p.resolved?.cause?.seq).toBe(6);
    expect(p['actions-complete']?.done).toBe(false);
    expect(p.tickets?.done).toBe(false);
    const closed = [
      ...events,
      ev(10, 'action.updated', { id: 'A1', changes: { ticket: 'https://tickets.example/OPS-1' } }),
      ev(11, 'action.updated', { id: 'A1', changes: {}, status: 'done' }),
    ];
    const q = items(closed, POSTMORTEM_CHECKLIST);
    expect(q.tickets?.cause?.seq).toBe(10);
    expect(q['actions-complete']?.cause?.seq).toBe(11);
    // A new open action reopens "complete".
    const more = [...closed, ev(12, 'action.created', { id: 'A2', title: 'Runbook', type: 'process', owner: 'bob', due: '2026-12-10', priority: 'P2', from: [] })];
    expect(items(more, POSTMORTEM_CHECKLIST)['actions-complete']).toMatchObject({ done: false, cause: { seq: 12 } });
  });

  it('counts done items per list', () => {
    const [respond, writeup, postmortem] = evaluateChecklists(BUILT_IN_CHECKLISTS, [declared()], new Date(T0));
    expect([respond?.done, respond?.total]).toEqual([1, 6]);
    expect(writeup?.done).toBe(0);
    expect(postmortem?.total).toBe(POSTMORTEM_CHECKLIST.items.length);
  });
});
