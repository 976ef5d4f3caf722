/** action.add, action.update and action.list through dispatch, as the window sends them: schemas apply, refusals name the field. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { journalFile } from '../../../electron/core/data-layout';
import { startAppOnPractice, type AppDriver, type AppOnPractice } from './driver';

describe('action requests', () => {
  let home: string;
  let driver: AppDriver;

  let env: AppOnPractice | undefined;

  beforeAll(async () => {
    // No hosts configured: the practice fleet starts on its own.
    env = await startAppOnPractice();
    ({ home, driver } = env);
  });
  afterAll(async () => {
    await env?.stop();
  });

  it('adds, updates and lists, and a refused request leaves the journal as it was', async () => {
    const first = await driver.call('incident.declare', { title: 'first', severity: 'SEV3' });
    const note = await driver.call('incident.note', { text: 'disk full' });
    const added = await driver.call('action.add', { title: 'Rotate logs', type: 'prevent', owner: 'bob', due: '2026-12-15', priority: 'P1', from: [note.seq] });
    expect(added.action).toMatchObject({ id: 'A1', status: 'open', from: [note.seq] });
    expect(added.event).toMatchObject({ type: 'action.created', seq: 3 });

    const journal = readFileSync(journalFile(home, first.id));
    await expect(driver.call('action.add', { title: 'x', type: 'prevent', owner: 'bob', due: '2026-02-30', priority: 'P1' })).rejects.toThrow(/not a real date[\s\S]*due/);
    await expect(driver.call('action.add', { title: 'x', type: 'prevent', owner: 'bob', due: '2026-12-01', priority: 'P7' })).rejects.toThrow(/P0, P1, P2, P3[\s\S]*priority/);
    await expect(driver.call('action.update', { id: 'A1', status: 'verified', evidence: 40 })).rejects.toThrow(/evidence: there is no event #40/);
    await expect(driver.call('action.update', { id: 'A1', status: 'not-doing' })).rejects.toThrow(/reason: say why/);
    expect(readFileSync(journalFile(home, first.id)).equals(journal)).toBe(true);

    const updated = await driver.call('action.update', { id: 'A1', status: 'verified', evidence: note.seq });
    expect(updated.action).toMatchObject({ status: 'verified', evidence: note.seq });

    const second = await driver.call('incident.declare', { title: 'second', severity: 'SEV3' });
    await driver.call('action.add', { title: 'Page earlier', type: 'detect', owner: 'carol', due: '2026-12-20', priority: 'P2' });
    const all = await driver.call('action.list', {});
    expect(all.actions.map((a) => `${a.incidentTitle}/${a.id}:${a.status}`).sort()).toEqual(['first/A1:verified', 'second/A1:open']);
    const one = await driver.call('action.list', { incident: second.id });
    expect(one.actions.map((a) => a.title)).toEqual(['Page earlier']);
  });
});
