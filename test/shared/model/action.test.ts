import { describe, expect, it } from 'vitest';
import { ActionAdd, actionProblem, ActionUpdate, filterActions, foldActions, isOverdue, isRealDate, nextActionId, statusText } from '../../../shared/model/action';
import { describeEvent, phraseText } from '../../../shared/model/describe';
import type { EventDraft, JournalEvent } from '../../../shared/model/incident';

const HASH = 'd'.repeat(64);
const toEvents = (drafts: EventDraft[]): JournalEvent[] =>
  drafts.map((d, i) => ({ seq: i + 1, ts: new Date(Date.UTC(2026, 10, 25, 10, 0, i)).toISOString(), type: d.type, actor: d.actor, data: d.data, prev: HASH, hash: HASH }));
const fields = { title: 'Alert on disk usage', type: 'detect', owner: 'bob', due: '2026-12-15', priority: 'P1' } as const;

describe('the action fold', () => {
  it('creates actions open, applies changes and statuses in order, and keeps reason and evidence with their status', () => {
    const actions = foldActions(
      toEvents([
        { type: 'note', actor: 'ops', data: { text: 'disk full on web-2' } },
        { type: 'action.created', actor: 'ops', data: { id: 'A1', ...fields, from: [1] } },
        { type: 'action.created', actor: 'eve', data: { id: 'A2', ...fields, title: 'Rotate logs', type: 'prevent', ticket: 'https://t.example/OPS-1', from: [] } },
        { type: 'action.updated', actor: 'bob', data: { id: 'A1', changes: { owner: 'carol', due: '2026-12-20' } } },
        { type: 'action.updated', actor: 'bob', data: { id: 'A2', changes: {}, status: 'not-doing', reason: 'logrotate already does it' } },
        { type: 'action.updated', actor: 'bob', data: { id: 'A2', changes: {}, status: 'verified', evidence: 1 } },
        // Two writers drafted A2 at once: the later creation becomes A3, not lost.
        { type: 'action.created', actor: 'dan', data: { id: 'A2', ...fields, title: 'Raced', from: [] } },
        // An update of an action that does not exist changes nothing (only a hand-edited journal has one).
        { type: 'action.updated', actor: 'bob', data: { id: 'A9', changes: { owner: 'x' } } },
      ]),
    );
    expect(actions.map((a) => [a.id, a.status, a.owner, a.due])).toEqual([
      ['A1', 'open', 'carol', '2026-12-20'],
      ['A2', 'verified', 'bob', '2026-12-15'],
      ['A3', 'open', 'bob', '2026-12-15'],
    ]);
    expect(actions[2]).toMatchObject({ title: 'Raced', seq: 7, createdBy: 'dan' });
    expect(actions[0]).toMatchObject({ from: [1], seq: 2, updatedSeq: 4, createdBy: 'ops', title: 'Alert on disk usage' });
    expect(actions[1]).toMatchObject({ evidence: 1, ticket: 'https://t.example/OPS-1', updatedSeq: 6 });
    expect(actions[1]?.reason).toBeUndefined();
    expect(statusText(actions[1]!)).toBe('verified by #1');
    expect(nextActionId(actions)).toBe('A4');
    expect(nextActionId([])).toBe('A1');
  });

  it('calls an action overdue only when it is open and due before today, and filters by status, owner and overdue', () => {
    expect(isOverdue({ status: 'open', due: '2026-11-29' }, '2026-11-30')).toBe(true);
    expect(isOverdue({ status: 'open', due: '2026-11-30' }, '2026-11-30')).toBe(false);
    expect(isOverdue({ status: 'done', due: '2020-01-01' }, '2026-11-30')).toBe(false);
    const actions = foldActions(
      toEvents([
        { type: 'action.created', actor: 'ops', data: { id: 'A1', ...fields, due: '2026-11-01', from: [] } },
        { type: 'action.created', actor: 'ops', data: { id: 'A2', ...fields, owner: 'carol', due: '2026-11-01', from: [] } },
        { type: 'action.created', actor: 'ops', data: { id: 'A3', ...fields, due: '2027-01-01', from: [] } },
        { type: 'action.updated', actor: 'ops', data: { id: 'A2', changes: {}, status: 'done' } },
      ]),
    );
    const ids = (f: Parameters<typeof filterActions>[1]) => filterActions(actions, f, '2026-11-30').map((a) => a.id);
    expect(ids({})).toEqual(['A1', 'A2', 'A3']);
    expect(ids({ overdue: true })).toEqual(['A1']);
    expect(ids({ owner: 'bob' })).toEqual(['A1', 'A3']);
    expect(ids({ status: 'done' })).toEqual(['A2']);
    expect(ids({ status: 'open', owner: 'carol' })).toEqual([]);
  });

  it('describes both events in words', () => {
    const [created, updated] = toEvents([
      { type: 'action.created', actor: 'ops', data: { id: 'A1', ...fields, from: [1, 3] } },
      { type: 'action.updated', actor: 'ops', data: { id: 'A1', changes: {}, status: 'not-doing', reason: 'out of scope' } },
    ]);
    const text = (e: JournalEvent) => [describeEvent(e).text, describeEvent(e).detail ?? []].map((p) => phraseText(p, String)).join(' | ');
    expect(text(created!)).toBe('A1 Alert on disk usage | detect, P1, owner bob, due 2026-12-15, from #1 #3');
    expect(text(updated!)).toBe('A1 not doing: out of scope | ');
  });
});

describe('action input', () => {
  const problem = (schema: typeof ActionAdd | typeof ActionUpdate, input: unknown) => {
    const r = schema.safeParse(input);
    return r.success ? 'ok' : actionProblem(r.error);
  };

  it('knows real dates', () => {
    expect(['2026-02-28', '2028-02-29', '2026-12-31'].map(isRealDate)).toEqual([true, true, true]);
    expect(['2026-02-30', '2026-02-29', '2026-13-01', '2026-1-1', '26-01-01', 'tomorrow'].map(isRealDate)).toEqual([false, false, false, false, false, false]);
  });

  it('names the field of every bad value', () => {
    expect(problem(ActionAdd, fields)).toBe('ok');
    expect(problem(ActionAdd, { ...fields, due: '2026-02-30' })).toBe('due: "2026-02-30" is not a real date as YYYY-MM-DD');
    expect(problem(ActionAdd, { ...fields, owner: '  ' })).toBe('owner: must not be empty');
    expect(problem(ActionAdd, { ...fields, priority: 'P4' })).toBe('priority: is one of P0, P1, P2, P3');
    expect(problem(ActionAdd, { ...fields, type: 'fix' })).toBe('type: is one of mitigate, prevent, detect, process');
    expect(problem(ActionAdd, { ...fields, ticket: 'javascript:alert(1)' })).toBe('ticket: "javascript:alert(1)" is not an http(s) URL');
    expect(problem(ActionAdd, { ...fields, ticket: 'ftp://t.example/1' })).toMatch(/^ticket: /);
    expect(problem(ActionAdd, { ...fields, ticket: 'https://jira.example.com/browse/OPS-12?x=1' })).toBe('ok');
    expect(problem(ActionAdd, { ...fields, title: undefined })).toBe('title: is required');
    expect(problem(ActionUpdate, { id: 'A1', changes: { due: '2026-02-30' } })).toBe('due: "2026-02-30" is not a real date as YYYY-MM-DD');
    expect(problem(ActionUpdate, { id: 'B1' })).toBe('id: is A followed by a number (A1, A2, ...)');
    expect(problem(ActionUpdate, { id: 'A1', status: 'closed' })).toBe('status: is one of open, done, not-doing, verified');
  });
});
