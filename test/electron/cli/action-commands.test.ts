/** `warroom action add|set|list|export` in-process, on real journals in a temporary data directory. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'csv-parse/sync';
import { IncidentStore } from '../../../electron/incident/store';
import { utcToday } from '../../../shared/model/action';
import { tempDir } from '../journal/helpers';
import { runInProcess, expectOk } from './cli';

let dir: string;
let cleanup: () => void;
let home: string;
const env = () => ({ WARROOM_HOME: home, WARROOM_ACTOR: 'ops' });
const ok = async (...args: string[]) => expectOk(await runInProcess(args, env()), args);
const fails = async (...args: string[]) => {
  const r = await runInProcess(args, env());
  expect(r.code, `warroom ${args.join(' ')}`).not.toBe(0);
  return r.stderr;
};

beforeAll(() => {
  ({ dir, cleanup } = tempDir('warroom-cli-actions-'));
  home = path.join(dir, 'home');
});
afterAll(() => cleanup());

describe('warroom action', { timeout: 180_000 }, () => {
  it('adds actions from events, sets their status, lists them across incidents and exports CSV', async () => {
    const first = (await ok('incident', 'new', '--title', 'Disk full')).trim();
    expect(await ok('log', 'web-2 disk at 100%')).toBe('2\n');
    expect(await ok('action', 'add', '--title', 'Alert on disk usage', '--owner', 'bob', '--due', '2026-12-15', '--priority', 'p1', '--type', 'detect', '--from', '2', '--from', '#1')).toBe(`${first}/A1\n`);
    const second = (await ok('incident', 'new', '--title', 'Replica lag')).trim();
    await ok('action', 'add', second, '--title', '=HYPERLINK("http://x")', '--owner', 'dana', '--due', '2020-01-01', '--priority', 'P0', '--type', 'prevent', '--ticket', 'https://t.example/OPS-9');
    await ok('action', 'add', '--title', 'Write the runbook', '--owner', 'erin', '--due', '2020-01-02', '--priority', 'P3', '--type', 'process');
    expect(await ok('log', 'lag back under 1s')).toBe('4\n');
    expect(await ok('action', 'set', 'A2', '--status', 'verified', '--evidence', '4')).toBe(`${second}/A2\n`);
    await ok('action', 'set', `${first}/A1`, '--status', 'not-doing', '--reason', 'replaced by the SLO alert');

    const all = JSON.parse(await ok('action', 'list', '--json')) as Array<Record<string, unknown>>;
    expect(all.map((a) => `${String(a.incident)}/${String(a.id)}:${String(a.status)}`).sort()).toEqual(
      [`${first}/A1:not-doing`, `${second}/A1:open`, `${second}/A2:verified`].sort(),
    );
    expect(all.find((a) => a.incident === first)).toMatchObject({ from: [1, 2], reason: 'replaced by the SLO alert', incidentTitle: 'Disk full' });
    // Overdue: open and due before today. A2 is past due too, but verified.
    const overdue = JSON.parse(await ok('action', 'list', '--overdue', '--json')) as Array<Record<string, unknown>>;
    expect(overdue.map((a) => `${String(a.incident)}/${String(a.id)}`)).toEqual([`${second}/A1`]);
    expect(utcToday() > '2020-01-01').toBe(true);
    const one = await ok('action', 'list', '--incident', first);
    expect(one).toMatch(/^ACTION\s+STATUS/);
    expect(one).toContain(`${first}/A1`);
    expect(one).toContain('not doing: replaced by the SLO alert');
    expect(one).not.toContain(second);
    expect(await ok('action', 'list', '--incident', second)).toMatch(/OVERDUE/);

    const rows = parse(await ok('action', 'export', second, '--format', 'csv')) as string[][];
    expect(rows[0]).toEqual(['incident', 'id', 'title', 'type', 'owner', 'due', 'priority', 'ticket', 'status', 'reason', 'evidence', 'from']);
    // A title a spreadsheet would run as a formula is exported as text.
    expect(rows[1]).toEqual([second, 'A1', `'=HYPERLINK("http://x")`, 'prevent', 'dana', '2020-01-01', 'P0', 'https://t.example/OPS-9', 'open', '', '', '']);
    expect(rows[2]?.slice(0, 2)).toEqual([second, 'A2']);
    expect(rows[2]?.slice(8, 11)).toEqual(['verified', '', '4']);
    expect((parse(await ok('action', 'export')) as string[][]).length).toBe(4);
  });

  it('refuses bad input naming the field, leaving the journal byte for byte as it was', async () => {
    const id = (await ok('incident', 'new', '--title', 'Refusals')).trim();
    await ok('action', 'add', '--title', 'x', '--owner', 'bob', '--due', '2026-12-15', '--priority', 'P1', '--type', 'detect');
    const file = new IncidentStore(home).journalFile(id);
    const before = readFileSync(file);
    const add = (over: Record<string, string>) => {
      const o = { '--title': 'T', '--owner': 'bob', '--due': '2026-12-15', '--priority': 'P1', '--type': 'prevent', ...over };
      return fails('action', 'add', ...Object.entries(o).flat());
    };
    expect(await add({ '--due': '2026-02-30' })).toMatch(/due: "2026-02-30" is not a real date/);
    expect(await add({ '--owner': '' })).toMatch(/owner: must not be empty/);
    expect(await add({ '--priority': 'P4' })).toMatch(/priority: is one of P0, P1, P2, P3/);
    expect(await add({ '--type': 'fix' })).toMatch(/type: is one of mitigate, prevent, detect, process/);
    expect(await add({ '--ticket': 'javascript:alert(1)' })).toMatch(/ticket: "javascript:alert\(1\)" is not an http\(s\) URL/);
    expect(await add({ '--from': '77' })).toMatch(/from: there is no event #77/);
    expect(await fails('action', 'set', 'A1', '--status', 'not-doing')).toMatch(/reason: say why A1/);
    expect(await fails('action', 'set', 'A1', '--status', 'verified')).toMatch(/evidence: give the seq/);
    expect(await fails('action', 'set', 'A1', '--status', 'verified', '--evidence', '99')).toMatch(/evidence: there is no event #99/);
    expect(await fails('action', 'set', 'A1', '--status', 'closed')).toMatch(/--status/);
    expect(await fails('action', 'set', 'A5', '--status', 'done')).toMatch(/id: there is no action A5/);
    expect(await fails('action', 'set', 'A1', '--due', '2026-02-30')).toMatch(/due: "2026-02-30" is not a real date/);
    expect(await fails('action', 'set', 'A1', '--owner', 'bob')).toMatch(/nothing to change on A1/);
    expect(await fails('action', 'set', 'A1')).toMatch(/nothing to change on A1/);
    expect(await fails('action', 'set', 'nope/A1', '--status', 'done')).toMatch(/no incident nope/);
    expect(await fails('action', 'export', 'nope')).toMatch(/no incident nope/);
    expect(await fails('action', 'list', '--incident', 'nope')).toMatch(/no incident nope/);
    expect(readFileSync(file).equals(before)).toBe(true);

    // Fields change too, each change one event.
    expect(await ok('action', 'set', 'A1', '--owner', 'carol', '--due', '2027-01-31', '--priority', 'p0')).toBe(`${id}/A1\n`);
    const [a1] = JSON.parse(await ok('action', 'list', '--incident', id, '--json')) as Array<Record<string, unknown>>;
    expect(a1).toMatchObject({ owner: 'carol', due: '2027-01-31', priority: 'P0', status: 'open' });

    // A ticket is set, and removed with --no-ticket; an empty --ticket says how to remove one.
    await ok('action', 'set', 'A1', '--ticket', 'https://t.example/OPS-3');
    const withTicket = await ok('action', 'list', '--incident', id);
    expect(withTicket).toContain('https://t.example/OPS-3');
    expect(await fails('action', 'set', 'A1', '--ticket', '')).toMatch(/ticket: an empty link is not a ticket; remove the ticket with --no-ticket/);
    expect(await ok('action', 'set', 'A1', '--no-ticket')).toBe(`${id}/A1\n`);
    const [cleared] = JSON.parse(await ok('action', 'list', '--incident', id, '--json')) as Array<Record<string, unknown>>;
    expect(cleared).not.toHaveProperty('ticket');
    expect(await ok('action', 'list', '--incident', id)).not.toContain('OPS-3');
    expect(await fails('action', 'set', 'A1', '--no-ticket')).toMatch(/nothing to change on A1/);
  });
});
