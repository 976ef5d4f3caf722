/**
 * `warroom postmortem start|step|note|end|survey` on a real incident folder: refusals write nothing,
 * notes land on their step, the meeting with the commander and the owner present ticks
 * postmortem/held, and the write-up export carries the meeting part.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { IncidentStore } from '../../../electron/incident/store';
import { Journal } from '../../../electron/journal/journal';
import { foldMeetings } from '../../../shared/model/meetingRecord';
import type { ChecklistStatus } from '../../../shared/model/checklistState';
import { tempDir } from '../journal/helpers';
import { runInProcess, expectOk } from './cli';

let dir: string;
let cleanup: () => void;
let home: string;
const env = (actor = 'ops') => ({ WARROOM_HOME: home, WARROOM_ACTOR: actor });
const ok = async (...args: string[]) => expectOk(await runInProcess(args, env()), args);
const refused = async (args: string[], why: RegExp, actor = 'ops') => {
  const store = new IncidentStore(home);
  const id = (await store.activeId())!;
  const before = readFileSync(store.journalFile(id));
  const r = await runInProcess(args, env(actor));
  expect(r.stderr, args.join(' ')).toMatch(why);
  expect(r.code).toBe(1);
  expect(readFileSync(store.journalFile(id)).equals(before)).toBe(true);
};
const held = async () =>
  (JSON.parse(await ok('checklist', 'show', '--json')) as { checklists: ChecklistStatus[] }).checklists.find((l) => l.id === 'postmortem')!.items.find((i) => i.id === 'held')!;
const meetings = async () => {
  const store = new IncidentStore(home);
  const journal = await Journal.open(store.journalFile((await store.activeId())!));
  try {
    return foldMeetings(journal.events);
  } finally {
    await journal.close();
  }
};

beforeAll(() => {
  ({ dir, cleanup } = tempDir('warroom-meeting-cli-'));
  home = path.join(dir, 'home');
});
afterAll(() => cleanup());

describe('warroom postmortem start|step|note|end|survey', { timeout: 180_000 }, () => {
  it('refuses what does not fit the meeting, naming why, writing nothing', async () => {
    await ok('incident', 'new', '--title', 'Checkout 502s', '--severity', 'SEV2');
    await refused(['postmortem', 'start', '--owner', 'ops'], /no attendees given and no meeting was scheduled/);
    await refused(['postmortem', 'step'], /no post-mortem meeting is running: start one first/);
    await refused(['postmortem', 'note', 'too early'], /no post-mortem meeting is running/);
    await refused(['postmortem', 'end'], /no post-mortem meeting is running/);
    await refused(['postmortem', 'survey', '--blameless', '5', '--factors', '4', '--confidence', '3'], /no post-mortem meeting has been held/);
    await refused(['postmortem', 'note', '--step', 'lunch', 'x'], /an agenda step is one of intro, timeline/);
  });

  it('runs a meeting: steps move on once, notes go to their step, and held ticks with the commander and the owner there', async () => {
    const invite = new Date(Date.now() + 2 * 86_400_000).toISOString();
    await ok('postmortem', 'schedule', '--at', invite, '--attendees', 'Bob <bob@example.com>,carol@example.com');
    // Attendees default to the invitation; the commander (ops) was not invited, so held cannot tick.
    await ok('postmortem', 'start', '--owner', 'bob');
    await refused(['postmortem', 'start', '--owner', 'bob'], /a post-mortem meeting is already running/);
    await ok('postmortem', 'note', 'everyone agreed to keep it blameless');
    const moved = (await ok('postmortem', 'step', '--from', 'intro')).trim();
    await refused(['postmortem', 'step', '--from', 'intro'], /the meeting is at "Timeline review", not "Intro and blameless reminder": someone moved on already/);
    await ok('postmortem', 'note', 'the alert fired 9 minutes after the first 502');
    await refused(['postmortem', 'note', '--step', 'actions', 'later'], /has not reached "Action items review" yet/);
    await ok('postmortem', 'end');
    let m = (await meetings()).at(-1)!;
    expect(m.attendees).toEqual(['Bob <bob@example.com>', 'carol@example.com']);
    expect(m.steps.map((s) => [s.step, s.notes.map((n) => n.text)]).slice(0, 3)).toEqual([
      ['intro', ['everyone agreed to keep it blameless']],
      ['timeline', ['the alert fired 9 minutes after the first 502']],
      ['factors', []],
    ]);
    expect(m.steps[1]!.startedAt).toBeDefined();
    expect(m.endedAt).toBeDefined();
    expect(m.steps[2]!.startedAt).toBeUndefined();
    expect((await held()).done).toBe(false);
    expect(moved).toMatch(/^\d+$/);

    // A second meeting with the commander (ops) and the owner present ticks the item, on its end.
    await ok('postmortem', 'start', '--owner', 'Bob <bob@example.com>', '--attendees', 'ops,bob@example.com');
    const end = (await ok('postmortem', 'end')).trim();
    const item = await held();
    expect(item.done).toBe(true);
    expect(item.cause).toMatchObject({ seq: Number(end), by: 'rule' });
    m = (await meetings()).at(-1)!;
    expect(m.steps[0]!.endedAt).toBe(m.endedAt);
  });

  it('records the survey per person (a second answer replaces the first) and exports the meeting part', async () => {
    await refused(['postmortem', 'survey', '--blameless', '7', '--factors', '4', '--confidence', '3'], /--blameless.*a whole number from 1 \(not at all\) to 5/);
    await ok('postmortem', 'survey', '--blameless', '5', '--factors', '4', '--confidence', '3', '--comment', 'the replay settled the timeline');
    expectOk(await runInProcess(['postmortem', 'survey', '--blameless', '2', '--factors', '2', '--confidence', '2'], env('bob')), ['survey bob']);
    expectOk(await runInProcess(['postmortem', 'survey', '--blameless', '4', '--factors', '3', '--confidence', '2', '--comment', '<b>better</b>'], env('bob')), ['survey bob again']);
    const m = (await meetings()).at(-1)!;
    expect(m.survey.map((a) => [a.actor, a.blameless])).toEqual([['ops', 5], ['bob', 4]]);

    const store = new IncidentStore(home);
    const id = (await store.activeId())!;
    const md = await ok('export', id, '--out', '-');
    const part = md.slice(md.indexOf('## Post-mortem meeting'), md.indexOf('## Appendix'));
    expect(part).toContain('### Meeting 1');
    expect(part).toContain('- Attendees: Bob &lt;bob@example.com&gt;, carol@example.com');
    expect(part).toMatch(/\| Timeline review \| 15 min \| \d+s \|/);
    expect(part).toContain('| Contributing factors | 15 min | skipped |');
    expect(part).toMatch(/\*Timeline review\*\n\n- the alert fired 9 minutes after the first 502 \(ops, /);
    expect(part).toContain('2 answers, mean of 5: blameless 4.5, contributing factors found 3.5, confidence in the actions 2.5.');
    expect(part).toContain('- ops: 5/4/3: the replay settled the timeline');
    expect(part).toContain('- bob: 4/3/2: &lt;b&gt;better&lt;/b&gt;');
    expect(part).not.toContain('<b>');
  });
});
