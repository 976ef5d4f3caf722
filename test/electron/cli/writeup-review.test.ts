/**
 * The review lifecycle end to end through the CLI's own main(), with two people (WARROOM_ACTOR):
 * the author writes a section, asks for review, cannot approve their own write-up; the second
 * person approves, the write-up is published, and `verify --export` accepts the published file and
 * refuses it after one byte is changed.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readFileSync, statSync, writeFileSync } from 'node:fs';
import { createHash } from 'node:crypto';
import path from 'node:path';
import { IncidentStore } from '../../../electron/incident/store';
import { Journal } from '../../../electron/journal/journal';
import { renderWriteup } from '../../../electron/export/approved';
import { eventData } from '../../../shared/model/incident';
import { tempDir } from '../journal/helpers';
import { runInProcess } from './cli';

let dir: string;
let cleanup: () => void;
let home: string;
const as = (who: string) => ({ WARROOM_HOME: home, WARROOM_ACTOR: who });
const ok = async (who: string, ...args: string[]) => {
  const r = await runInProcess(args, as(who));
  expect(r.stderr, `warroom ${args.join(' ')}`).toBe('');
  expect(r.code, `warroom ${args.join(' ')}`).toBe(0);
  return r.stdout;
};
const journalBytes = (id: string) => readFileSync(new IncidentStore(home).journalFile(id));

beforeAll(() => {
  ({ dir, cleanup } = tempDir('warroom-review-cli-'));
  home = path.join(dir, 'home');
});
afterAll(() => cleanup());

describe('warroom writeup state and verify --export', () => {
  it('takes a write-up from draft to published, approved by a non-author, and verifies the published bytes', async () => {
    const id = (await ok('alice', 'incident', 'new', '--title', 'Checkout 502s', '--severity', 'SEV2')).trim();
    // The write-up CLI lives on another branch: the author's section goes through the journal.
    const journal = await Journal.open(new IncidentStore(home).journalFile(id));
    await journal.append({ type: 'writeup.saved', actor: 'alice', data: { section: 'summary', text: 'Disk full on web-02 (#1).', base: null, origin: 'person' } });
    await journal.close();

    // Out of order: publishing or approving a draft is refused, and nothing is recorded.
    for (const [who, to, why] of [
      ['bob', 'published', /cannot make a draft write-up published: only an approved write-up can be published/],
      ['bob', 'approved', /cannot make a draft write-up approved: only a write-up in review can be approved/],
    ] as const) {
      const before = journalBytes(id);
      const r = await runInProcess(['writeup', 'state', to], as(who));
      expect(r.code).toBe(1);
      expect(r.stderr).toMatch(why);
      expect(journalBytes(id).equals(before)).toBe(true);
    }

    expect(await ok('alice', 'writeup', 'state', id, 'in-review')).toBe('3\n');

    const before = journalBytes(id);
    const self = await runInProcess(['writeup', 'state', 'approved'], as('alice'));
    expect(self.code).toBe(1);
    expect(self.stderr).toMatch(/alice cannot approve: they wrote part of the write-up \(authors: alice\)/);
    expect(journalBytes(id).equals(before)).toBe(true);

    const store = new IncidentStore(home);
    const atApproval = await store.read(id);
    const expected = await renderWriteup(home, atApproval.incident, atApproval.events);
    expect(await ok('bob', 'writeup', 'state', 'approved')).toBe('4\n5\n');
    const approval = eventData((await store.read(id)).events[4]!, 'writeup.approved');
    expect(approval).toEqual({ sha256: createHash('sha256').update(expected).digest('hex'), head: atApproval.events.at(-1)?.hash, approver: 'bob' });

    // Events after the approval (a note) do not change what is published.
    await ok('alice', 'log', 'post-mortem next Tuesday');
    const out = (await ok('carol', 'writeup', 'state', 'published')).split('\n');
    expect(out[0]).toBe('7');
    const file = out[1]!;
    expect(file).toBe(path.join(store.dir(id), 'exports', `${id}.published.md`));
    expect(statSync(file).mode & 0o777).toBe(0o600);
    const published = readFileSync(file);
    const text = published.toString('utf8');
    expect(text).toMatch(new RegExp(`^---\\nincident: "${id}"\\napproved_sha256: ${approval?.sha256}\\njournal_head: ${approval?.head}\\napproved_by: "bob"\\n`));
    // One front matter: the approval's lines open the write-up's own, then the approved bytes follow.
    expect(expected.startsWith('---\n')).toBe(true);
    expect(text.endsWith(expected.slice('---\n'.length))).toBe(true);
    expect(text.slice(0, text.indexOf('\n---\n'))).toMatch(/\njournal:\n  events: \d+\n  head: /);
    expect(text).not.toContain('post-mortem next Tuesday');

    const postmortem = (JSON.parse(await ok('dave', 'checklist', 'show', '--json')) as { checklists: Array<{ id: string; items: Array<{ id: string; done: boolean; cause?: { seq: number } }> }> }).checklists.find((l) => l.id === 'postmortem');
    expect(postmortem?.items.filter((i) => i.id === 'approved' || i.id === 'published').map((i) => [i.id, i.done, i.cause?.seq])).toEqual([
      ['approved', true, 5],
      ['published', true, 7],
    ]);

    const good = await runInProcess(['verify', id, '--export', file], as('dave'));
    expect(good.stdout).toContain('the approved write-up of');
    expect(good.code).toBe(0);

    // One byte changed, in the body and in the front matter: both refused, exit 3.
    const body = Buffer.from(published);
    const at = body.length - 5;
    body[at] = body[at] === 0x41 ? 0x42 : 0x41;
    writeFileSync(path.join(dir, 'changed.md'), body);
    const changed = await runInProcess(['verify', id, '--export', path.join(dir, 'changed.md')], as('dave'));
    expect(changed.stdout).toMatch(/not the approved write-up \(#5\): the content's sha256 is [0-9a-f]{64}, the approved one is/);
    expect(changed.code).toBe(3);
    const front = Buffer.from(published);
    front[text.indexOf('approved_sha256: ') + 17] = front[text.indexOf('approved_sha256: ') + 17] === 0x30 ? 0x31 : 0x30;
    writeFileSync(path.join(dir, 'front.md'), front);
    const frontChanged = await runInProcess(['verify', id, '--export', path.join(dir, 'front.md'), '--json'], as('dave'));
    expect(JSON.parse(frontChanged.stdout)).toMatchObject({ ok: false, error: expect.stringMatching(/front matter names approved_sha256 [0-9a-f]{64}, but the approval in force is/) });
    expect(frontChanged.code).toBe(3);

    // Reopening withdraws the approval: the same file is no longer the approved write-up.
    expect(await ok('alice', 'writeup', 'state', 'draft', '--reason', 'impact numbers were wrong')).toBe('8\n');
    const withdrawn = await runInProcess(['verify', id, '--export', file], as('dave'));
    expect(withdrawn.stdout).toMatch(/the approval #5 was withdrawn: the write-up was reopened at #8/);
    expect(withdrawn.code).toBe(3);
    const after = (JSON.parse(await ok('dave', 'checklist', 'show', '--json')) as { checklists: Array<{ id: string; items: Array<{ id: string; done: boolean; cause?: { seq: number } }> }> }).checklists.find((l) => l.id === 'postmortem');
    expect(after?.items.filter((i) => i.id === 'approved' || i.id === 'published').map((i) => [i.id, i.done, i.cause?.seq])).toEqual([
      ['approved', false, 8],
      ['published', false, 8],
    ]);
  });

  it('names the state it does not know', async () => {
    const r = await runInProcess(['writeup', 'state', 'shipped'], as('bob'));
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('a write-up state is one of draft, in-review, approved, published');
  });
});
