/** `warroom checklist show|tick` on a real incident folder, through the CLI's own main(). */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { IncidentStore } from '../../../electron/incident/store';
import { incidentConfigFile } from '../../../electron/incident/config';
import type { ChecklistStatus } from '../../../shared/model/checklistState';
import { tempDir } from '../journal/helpers';
import { runInProcess, expectOk } from './cli';

let dir: string;
let cleanup: () => void;
let home: string;
const env = () => ({ WARROOM_HOME: home, WARROOM_ACTOR: 'ops' });
const ok = async (...args: string[]) => expectOk(await runInProcess(args, env()), args);
const lists = async (...id: string[]) => (JSON.parse(await ok('checklist', 'show', ...id, '--json')) as { checklists: ChecklistStatus[] }).checklists;
const item = async (key: string) => {
  const [list, itemId] = key.split('/');
  return (await lists()).find((l) => l.id === list)?.items.find((i) => i.id === itemId);
};

beforeAll(() => {
  ({ dir, cleanup } = tempDir('warroom-checklist-cli-'));
  home = path.join(dir, 'home');
});
afterAll(() => cleanup());

describe('warroom checklist', { timeout: 180_000 }, () => {
  let id = '';

  it('shows the three built-in lists, with items ticked by the events that happened', async () => {
    id = (await ok('incident', 'new', '--title', 'Checkout 502s', '--severity', 'SEV2')).trim();
    expect((await lists()).map((l) => [l.id, l.done, l.total])).toEqual([
      ['respond', 1, 6],
      ['writeup', 0, 10],
      ['postmortem', 0, 7],
    ]);
    expect(await item('respond/declare')).toMatchObject({ done: true, cause: { seq: 1, by: 'rule', actor: 'ops' } });
    expect(await item('respond/commander')).toMatchObject({ done: false, overdue: false, due: expect.stringMatching(/Z$/) });

    expect(await ok('incident', 'role', 'commander', 'bob')).toBe('2\n');
    expect(await ok('log', 'Posted on #status: checkout errors on one web host. Next update 03:30 UTC.')).toBe('3\n');
    expect(await item('respond/commander')).toMatchObject({ done: true, cause: { seq: 2, by: 'rule' } });
    expect(await item('respond/comms')).toMatchObject({ done: true, cause: { seq: 3, by: 'rule' } });

    const text = await ok('checklist', 'show');
    expect(text).toMatch(new RegExp(`^${id}: Checkout 502s \\(SEV2\\)\\n`));
    expect(text).toMatch(/^Respond 3\/6$/m);
    expect(text).toMatch(/^ {2}\[x\] respond\/commander +Name the incident commander {2}\(by #2\)$/m);
    expect(text).toMatch(/^ {2}\[ \] respond\/scope +Establish the blast radius.*\(due \d{4}-\d\d-\d\d \d\d:\d\d:\d\d UTC\)$/m);
    expect(text).toMatch(/^ {2}\[ \] postmortem\/meeting +Schedule the post-mortem meeting {2}\(due [^,]*\)$/m);
    expect(text).toMatch(/^ {2}\[ \] writeup\/owner +Name the write-up owner {2}\(due .*, manual\)$/m);
  });

  it('ticks and unticks by hand, recording the actor, for the active or a named incident', async () => {
    expect(await ok('checklist', 'tick', 'writeup/owner')).toBe('4\n');
    expect(await item('writeup/owner')).toMatchObject({ done: true, cause: { seq: 4, by: 'person', actor: 'ops' } });
    expect(await ok('checklist', 'tick', id, 'respond/commander', '--undo')).toBe('5\n');
    expect(await item('respond/commander')).toMatchObject({ done: false, cause: { seq: 5, by: 'person' } });
    expect(await ok('checklist', 'show')).toMatch(/\[ \] respond\/commander +Name the incident commander {2}\(unticked by ops #5, due /);
    const { events } = await new IncidentStore(home).read(id);
    expect(events.at(-1)).toMatchObject({ type: 'checklist.tick', actor: 'ops', data: { checklist: 'respond', itemId: 'commander', label: 'Name the incident commander', done: false } });
  });

  it('refuses an unknown item with the valid ids, writing nothing', async () => {
    const journal = new IncidentStore(home).journalFile(id);
    const before = readFileSync(journal);
    for (const bad of ['respond/nope', 'respond', 'nope/declare', 'respond/declare/x']) {
      const r = await runInProcess(['checklist', 'tick', bad], env());
      expect(r.code, bad).toBe(1);
      expect(r.stdout).toBe('');
      expect(r.stderr).toContain(`unknown checklist item ${JSON.stringify(bad)}: one of respond/declare, respond/commander,`);
      expect(r.stderr).toContain('postmortem/published');
    }
    expect(readFileSync(journal).equals(before)).toBe(true);
    const noIncident = await runInProcess(['checklist', 'show', 'INC-nope'], env());
    expect(noIncident.code).toBe(1);
    expect(noIncident.stderr).toMatch(/no incident INC-nope/);
  });

  it("uses the team's own lists from incidents.yaml, and names the file and line of a mistake", async () => {
    const file = incidentConfigFile(home);
    writeFileSync(file, 'checklists:\n  - id: handover\n    title: Handover\n    items:\n      - id: deputy\n        label: Name a deputy\n        rule: { event: role.assigned, where: { role: deputy } }\n');
    expect((await lists()).map((l) => l.id)).toEqual(['respond', 'writeup', 'postmortem', 'handover']);
    await ok('incident', 'role', 'deputy', 'carol');
    expect(await item('handover/deputy')).toMatchObject({ done: true, cause: { by: 'rule' } });
    expect(await ok('checklist', 'tick', 'handover/deputy', '--undo')).toMatch(/^\d+\n$/);

    writeFileSync(file, 'checklists:\n  - id: handover\n    title: Handover\n    items:\n      - id: deputy\n        label: Name a deputy\n        rule: { event: role.assigned, were: { role: deputy } }\n');
    const r = await runInProcess(['checklist', 'show'], env());
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(`${file}:7 at checklists.0.items.0.rule.were: Unrecognized key`);
  });
});
