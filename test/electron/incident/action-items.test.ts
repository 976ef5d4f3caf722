/** Action items on real journals through the service: created from events, changed, refused without a trace. */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { IncidentService } from '../../../electron/incident/service';
import { UserError } from '../../../electron/core/errors';
import { verifyJournal } from '../../../electron/journal/verify';
import { incidentExporter } from '../../../electron/export/incident-exporter';
import { tempDir } from '../journal/helpers';

let dataDir: string;
let cleanup: () => void;
let s: IncidentService;
beforeEach(async () => {
  ({ dir: dataDir, cleanup } = tempDir('warroom-actions-'));
  s = await IncidentService.open({ dataDir, actor: 'alice', pollMs: 20, exporter: incidentExporter });
});
afterEach(async () => {
  await s.close();
  cleanup();
});

const fields = { title: 'Alert on disk usage', type: 'detect', owner: 'bob', due: '2026-12-15', priority: 'P1' };

describe('action items', () => {
  it('are created from events and changed, every step an event on the journal', async () => {
    const incident = await s.declare({ title: 'Disk full', severity: 'SEV2' });
    const note = await s.note('web-2 disk at 100%');
    const fix = await s.note('cleared /var/log on web-2');
    const first = await s.addAction({ ...fields, from: [note.seq] });
    expect(first).toMatchObject({ event: { seq: 4, type: 'action.created' }, action: { id: 'A1', status: 'open', from: [2], owner: 'bob' } });
    const second = await s.addAction({ ...fields, title: 'Rotate logs', type: 'prevent', ticket: 'https://t.example/OPS-7' });
    expect(second.action.id).toBe('A2');
    await s.updateAction({ id: 'A1', changes: { owner: 'carol', title: 'Alert on disk usage' } });
    const verified = await s.updateAction({ id: 'A1', status: 'verified', evidence: fix.seq });
    expect(verified.action).toMatchObject({ status: 'verified', evidence: 3, owner: 'carol' });
    const events = s.active().events;
    expect(events.slice(3).map((e) => e.type)).toEqual(['action.created', 'action.created', 'action.updated', 'action.updated']);
    // A field set to what it already is, is not a change.
    expect(events[5]?.data).toEqual({ id: 'A1', changes: { owner: 'carol' } });
    const { actions } = await s.listActions();
    expect(actions.map((a) => `${a.incident}/${a.id}:${a.status}`)).toEqual([`${incident.id}/A1:verified`, `${incident.id}/A2:open`]);
    expect((await verifyJournal(s.store.journalFile(incident.id))).ok).toBe(true);
  });

  it('gives actions added at the same moment distinct ids, each reply naming its own', async () => {
    await s.declare({ title: 'Race', severity: 'SEV3' });
    const replies = await Promise.all(['one', 'two', 'three'].map((title) => s.addAction({ ...fields, title })));
    expect(replies.map((r) => r.action.id).sort()).toEqual(['A1', 'A2', 'A3']);
    const { actions } = await s.listActions();
    // Each reply's id is the one the fold gives its own title.
    for (const r of replies) expect(actions.find((a) => a.id === r.action.id)?.title).toBe(r.action.title);
    expect(actions.map((a) => a.title).sort()).toEqual(['one', 'three', 'two']);
    // In one process they are drafted one after another, so the events themselves carry distinct ids.
    expect(s.active().events.filter((e) => e.type === 'action.created').map((e) => e.data.id)).toEqual(['A1', 'A2', 'A3']);
  });

  it('refuses bad input naming the field, and a refused request leaves the journal byte for byte as it was', async () => {
    const incident = await s.declare({ title: 'Disk full', severity: 'SEV2' });
    await s.note('evidence');
    await s.addAction(fields);
    const file = s.store.journalFile(incident.id);
    const before = readFileSync(file);
    const refused: Array<[() => Promise<unknown>, RegExp]> = [
      [() => s.addAction({ ...fields, due: '2026-02-30' }), /^due: "2026-02-30" is not a real date/],
      [() => s.addAction({ ...fields, owner: ' ' }), /^owner: must not be empty/],
      [() => s.addAction({ ...fields, priority: 'P5' }), /^priority: is one of P0, P1, P2, P3/],
      [() => s.addAction({ ...fields, type: 'fix' }), /^type: is one of mitigate, prevent, detect, process/],
      [() => s.addAction({ ...fields, ticket: 'file:///etc/passwd' }), /^ticket: .* is not an http\(s\) URL/],
      [() => s.addAction({ ...fields, from: [99] }), /^from: there is no event #99/],
      [() => s.updateAction({ id: 'A1', status: 'not-doing' }), /^reason: say why A1/],
      [() => s.updateAction({ id: 'A1', status: 'verified' }), /^evidence: give the seq/],
      [() => s.updateAction({ id: 'A1', status: 'verified', evidence: 42 }), /^evidence: there is no event #42/],
      [() => s.updateAction({ id: 'A1', status: 'done', evidence: 2 }), /^evidence: only a verified status/],
      [() => s.updateAction({ id: 'A7', status: 'done' }), /^id: there is no action A7/],
      [() => s.updateAction({ id: 'A1', status: 'open' }), /^status: A1 is already open/],
      [() => s.updateAction({ id: 'A1', changes: { owner: 'bob' } }), /^nothing to change on A1/],
      [() => s.updateAction({ id: 'A1', changes: { due: '2026-02-30' } }), /^due: /],
    ];
    for (const [attempt, message] of refused) {
      const err = await attempt().then(() => undefined, (e: unknown) => e);
      expect(err, String(message)).toBeInstanceOf(UserError);
      expect((err as Error).message).toMatch(message);
    }
    expect(readFileSync(file).equals(before)).toBe(true);
    await s.updateAction({ id: 'A1', status: 'not-doing', reason: 'the disk is being replaced' });
    expect((await s.listActions(incident.id)).actions[0]).toMatchObject({ status: 'not-doing', reason: 'the disk is being replaced' });
  });

  it('removes a ticket with ticket: null, one event; removing a ticket an action does not have is no change', async () => {
    const incident = await s.declare({ title: 'Disk full', severity: 'SEV2' });
    await s.addAction({ ...fields, ticket: 'https://t.example/OPS-7' });
    const removed = await s.updateAction({ id: 'A1', changes: { ticket: null } });
    expect(removed.event.data).toEqual({ id: 'A1', changes: { ticket: null } });
    expect(removed.action).not.toHaveProperty('ticket');
    expect((await s.listActions(incident.id)).actions[0]).not.toHaveProperty('ticket');
    await expect(s.updateAction({ id: 'A1', changes: { ticket: null } })).rejects.toThrow(/^nothing to change on A1/);
    // A new ticket can be set again after the removal, and the fold follows every step.
    await s.updateAction({ id: 'A1', changes: { ticket: 'https://t.example/OPS-8' } });
    expect((await s.listActions(incident.id)).actions[0]?.ticket).toBe('https://t.example/OPS-8');
    // Required fields cannot be removed: null is refused naming the field.
    await expect(s.updateAction({ id: 'A1', changes: { owner: null } as never })).rejects.toThrow(/^owner: /);
    expect((await verifyJournal(s.store.journalFile(incident.id))).ok).toBe(true);
  });

  it('lists across incidents, naming a damaged journal rather than failing', async () => {
    const a = await s.declare({ title: 'first', severity: 'SEV3' });
    await s.addAction(fields);
    const b = await s.declare({ title: 'second', severity: 'SEV3' });
    await s.addAction({ ...fields, title: 'other' });
    const broken = s.store.journalFile('broken-1');
    mkdirSync(s.store.dir('broken-1'), { recursive: true });
    writeFileSync(broken, '{not json}\n');
    const { actions, skipped } = await s.listActions();
    expect(actions.map((x) => `${x.incidentTitle}/${x.id}`).sort()).toEqual(['first/A1', 'second/A1']);
    expect(actions.map((x) => x.incident).sort()).toEqual([a.id, b.id].sort());
    expect(skipped).toHaveLength(1);
    expect(skipped[0]).toMatch(/^broken-1: /);
    await expect(s.listActions('broken-1')).rejects.toThrow(/broken-1/);
  });
});
