/** Closing an incident through the CLI: refused while a post-mortem item is neither done nor waived, naming each; nothing recorded on a refusal. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { IncidentStore } from '../../../electron/incident/store';
import { tempDir } from '../journal/helpers';
import { runInProcess, expectOk } from './cli';

let dir: string;
let cleanup: () => void;
let home: string;
const env = () => ({ WARROOM_HOME: home, WARROOM_ACTOR: 'ops' });
const ok = async (...args: string[]) => expectOk(await runInProcess(args, env()), args);
const refused = async (args: string[], why: RegExp) => {
  const store = new IncidentStore(home);
  const file = store.journalFile((await store.activeId())!);
  const before = readFileSync(file);
  const r = await runInProcess(args, env());
  expect(r.stderr).toMatch(why);
  expect(r.code).toBe(1);
  expect(readFileSync(file).equals(before)).toBe(true);
};

beforeAll(() => {
  ({ dir, cleanup } = tempDir('warroom-close-cli-'));
  home = path.join(dir, 'home');
});
afterAll(() => cleanup());

describe('warroom incident status closed', () => {
  it('needs the incident resolved, then every post-mortem item done or waived with a reason', async () => {
    await ok('incident', 'new', '--title', 'Checkout 502s', '--severity', 'SEV3');
    await refused(['incident', 'status', 'closed'], /cannot close a investigating incident: resolve it first/);
    expect(await ok('incident', 'status', 'resolved')).toBe('2\n');
    await refused(
      ['incident', 'status', 'closed'],
      /cannot close: the post-mortem checklist is not complete: postmortem\/meeting \(Schedule the post-mortem meeting\), postmortem\/held \(.*\), postmortem\/tickets \(.*\), postmortem\/actions-complete \(.*\), postmortem\/approved \(.*\), postmortem\/published \(Publish the post-mortem\); do them, or waive each with `warroom checklist waive postmortem\/ITEM --reason WHY`/,
    );
    await refused(['checklist', 'waive', 'postmortem/resolved', '--reason', 'x'], /postmortem\/resolved is done: there is nothing to waive/);
    await refused(['checklist', 'waive', 'postmortem/nope', '--reason', 'x'], /unknown checklist item "postmortem\/nope": one of respond\/declare/);
    await refused(['checklist', 'waive', 'postmortem/meeting', '--reason', '  '], /waiving postmortem\/meeting needs a reason/);
    for (const item of ['meeting', 'held', 'tickets', 'actions-complete', 'approved']) await ok('checklist', 'waive', `postmortem/${item}`, '--reason', 'a SEV3 with no follow-up');
    await refused(['checklist', 'waive', 'postmortem/meeting', '--reason', 'again'], /postmortem\/meeting is already waived \(#3 by ops: a SEV3 with no follow-up\)/);
    await refused(['incident', 'status', 'closed'], /not complete: postmortem\/published \(Publish the post-mortem\);/);
    await ok('checklist', 'waive', 'postmortem/published', '--reason', 'nothing to publish');
    expect(await ok('checklist', 'show')).toMatch(/^ {2}\[-\] postmortem\/published +Publish the post-mortem {2}\(waived by ops #8: nothing to publish\)$/m);
    expect(await ok('incident', 'status', 'closed', '--reason', 'post-mortem done')).toBe('9\n');
    expect(await ok('incident', 'status', 'investigating', '--reason', 'it came back')).toBe('10\n');
  });
});
