/** `warroom writeup lint` and `warroom writeup waive` from the real binary on a real incident folder. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import path from 'node:path';
import { IncidentStore } from '../../../electron/incident/store';
import { Journal } from '../../../electron/journal/journal';
import { verifyJournal } from '../../../electron/journal/verify';
import { LintReport } from '../../../shared/writeup/lint/finding';
import { tempDir } from '../journal/helpers';
import { buildCli, runCli } from './cli';

let dir: string;
let cleanup: () => void;
let cli: string;
let home: string;
let id = '';
const env = () => ({ WARROOM_HOME: home, WARROOM_ACTOR: 'carol' });

beforeAll(async () => {
  ({ dir, cleanup } = tempDir('warroom-cli-lint-'));
  home = path.join(dir, 'home');
  cli = await buildCli(dir);
});
afterAll(() => cleanup());

describe('warroom writeup lint / waive', { timeout: 180_000 }, () => {
  it('with notes only (no write-up yet), lints the notes and exits 0 when nothing is flagged', async () => {
    id = (await runCli(cli, ['incident', 'new', '--title', 'Checkout 502s', '--severity', 'SEV2'], env())).stdout.trim();
    expect((await runCli(cli, ['incident', 'role', 'sme', 'Bob'], env())).code).toBe(0);
    expect((await runCli(cli, ['log', 'We looked into the logs at 03:12; the deploy failed to start.'], env())).stdout).toBe('3\n');
    const r = await runCli(cli, ['writeup', 'lint'], env());
    expect(r.stderr).toBe('');
    expect(r.stdout).toBe(`${id}: no findings in 0 sections and 1 note\n`);
    expect(r.code).toBe(0);
  });

  it('prints each finding with where, line:column, rule, words and suggestion, and exits 2 while one is open', async () => {
    expect((await runCli(cli, ['log', 'Bob broke checkout at 14:02, it was human error.'], env())).stdout).toBe('4\n');
    // The write-up's own commands come from another part; its events are appended as they will be.
    const journal = await Journal.open(new IncidentStore(home).journalFile(id));
    await journal.append({ type: 'writeup.saved', actor: 'alice', data: { section: 'actions', text: '- Add an alert on 5xx\n- Investigate the cache', base: null, origin: 'person' } });
    await journal.append({ type: 'writeup.saved', actor: 'alice', data: { section: 'summary', text: 'The health check should have returned 200 but returned 503.', base: null, origin: 'person' } });
    await journal.close();

    const r = await runCli(cli, ['writeup', 'lint', id], env());
    expect(r.code).toBe(2);
    const lines = r.stdout.trimEnd().split('\n');
    expect(lines[0]).toMatch(/^actions 2:3 not-actionable "Investigate": Write a change someone can finish and check/);
    expect(lines[1]).toMatch(/^#4 1:1 person-subject "Bob broke": Make the change or the system the subject/);
    expect(lines[2]).toMatch(/^#4 1:37 human-error "human error": /);
    expect(lines[3]).toBe(`${id}: 3 open, 0 waived, in 2 sections and 2 notes; rewrite them, or waive one with \`warroom writeup waive\``);

    const json = await runCli(cli, ['writeup', 'lint', '--json'], env());
    expect(json.code).toBe(2);
    const report = LintReport.parse(JSON.parse(json.stdout));
    expect(report.findings.map((f) => [f.where, f.rule, f.words, f.start, f.end])).toEqual([
      [{ section: 'actions' }, 'not-actionable', 'Investigate', 24, 35],
      [{ seq: 4 }, 'person-subject', 'Bob broke', 0, 9],
      [{ seq: 4 }, 'human-error', 'human error', 36, 47],
    ]);
  });

  it('refuses a waiver that matches no finding, or names no place, with the reason on stderr and nothing written', async () => {
    const before = (await new IncidentStore(home).read(id)).events.length;
    const wrong = await runCli(cli, ['writeup', 'waive', '--rule', 'human-error', '--words', 'human error', '--section', 'summary', '--reason', 'x'], env());
    expect(wrong.code).toBe(1);
    expect(wrong.stderr).toBe(`warroom: ${id}: no human-error finding "human error" in summary; nothing is flagged there\n`);
    const nowhere = await runCli(cli, ['writeup', 'waive', '--rule', 'human-error', '--words', 'human error', '--reason', 'x'], env());
    expect(nowhere.code).toBe(1);
    expect(nowhere.stderr).toMatch(/--section S or --seq N/);
    const badRule = await runCli(cli, ['writeup', 'waive', '--rule', 'rude', '--words', 'x', '--seq', '4', '--reason', 'x'], env());
    expect(badRule.code).not.toBe(0);
    expect(badRule.stderr).toMatch(/a rule is one of human-error, counterfactual/);
    expect((await new IncidentStore(home).read(id)).events.length).toBe(before);
  });

  it('waives findings (shown as waived), and exits 0 once the rest are fixed', async () => {
    const w1 = await runCli(cli, ['writeup', 'waive', '--rule', 'person-subject', '--words', 'bob broke', '--seq', '4', '--reason', 'Bob asked for it to stay'], env());
    expect(w1.stderr).toBe('');
    expect(w1.code).toBe(0);
    const waivedSeq = Number(w1.stdout.trim());
    const w2 = await runCli(cli, ['writeup', 'waive', id, '--rule', 'not-actionable', '--words', 'Investigate', '--section', 'actions', '--reason', 'owner and due date are on the ticket'], env());
    expect(w2.code).toBe(0);

    let r = await runCli(cli, ['writeup', 'lint'], env());
    expect(r.code).toBe(2);
    expect(r.stdout).toContain(`#4 1:1 person-subject "Bob broke" waived by carol (#${waivedSeq}): Bob asked for it to stay\n`);
    expect(r.stdout).toContain(`${id}: 1 open, 2 waived`);

    // Fixing the words of the last open finding (editing the note) leaves only waived ones.
    expect((await runCli(cli, ['incident', 'edit', '4', 'Bob broke checkout at 14:02; deploy 42 removed the route.'], env())).code).toBe(0);
    r = await runCli(cli, ['writeup', 'lint'], env());
    expect(r.stdout).toContain(`${id}: 0 open, 2 waived, in 2 sections and 2 notes\n`);
    expect(r.code).toBe(0);
    expect(await verifyJournal(new IncidentStore(home).journalFile(id))).toMatchObject({ ok: true });
  });
});
