/** `warroom writeup show|set|draft` from the real binary, and a save race between the app and terminals (real processes). */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import path from 'node:path';
import { IncidentService } from '../../../electron/incident/service';
import { IncidentStore } from '../../../electron/incident/store';
import { incidentExporter } from '../../../electron/export/incident-exporter';
import { tempDir } from '../journal/helpers';
import { buildCli, runCli, expectOk } from './cli';

let dir: string;
let cleanup: () => void;
let cli: string;
let home: string;
const env = () => ({ WARROOM_HOME: home, WARROOM_ACTOR: 'terminal-tom' });
const ok = async (...args: string[]) => expectOk(await runCli(cli, args, env()), args);
const seqOf = (out: string) => Number(/saved as #(\d+)/.exec(out)?.[1]);

beforeAll(async () => {
  ({ dir, cleanup } = tempDir('warroom-cli-writeup-'));
  home = path.join(dir, 'home');
  cli = await buildCli(dir);
});
afterAll(() => cleanup());

describe('warroom writeup', { timeout: 180_000 }, () => {
  it('sets sections from arguments and stdin, shows them with state, version and citations, and names what is wrong', async () => {
    const id = (await ok('incident', 'new', '--title', 'Checkout 502s', '--severity', 'SEV2')).trim();
    await ok('log', 'nginx on web-02 is down');
    const first = seqOf(await ok('writeup', 'set', 'summary', 'Checkout failed; nginx down on web-02 (#2).'));
    expect(first).toBe(3);
    const second = seqOf(await ok('writeup', 'set', id, 'impact', '-', '--base', 'none'));
    expect(second).toBe(4);
    const piped = await runCli(cli, ['writeup', 'set', id, 'impact', '-', '--base', '4'], env(), '12 minutes of 502s\nfor **all** users (#2, #77)\n');
    expect(piped.code).toBe(0);

    const text = await ok('writeup', 'show', id);
    expect(text).toContain(`== Summary [summary] person, #3 by terminal-tom at `);
    expect(text).toContain('cites #2');
    expect(text).toContain('== Impact [impact] person, #5 by terminal-tom');
    expect(text).toContain('cites #2 #77 (not events: #77)');
    expect(text).toContain('  for **all** users (#2, #77)');
    expect(text).toContain('== Where we got lucky [lucky] empty, never saved');
    const json = JSON.parse(await ok('writeup', 'show', '--json'));
    expect(json.sections).toHaveLength(14);
    expect(json.sections[1]).toMatchObject({ id: 'impact', state: 'person', version: 5, citations: [2, 77], unknownCitations: [77], versions: 2 });

    const stale = await runCli(cli, ['writeup', 'set', id, 'impact', 'mine', '--base', '4'], env());
    expect(stale.code).toBe(3);
    expect(stale.stderr).toBe(`warroom: incident ${id}, section impact: conflict: you edited version #4, but its current version is #5 by terminal-tom at ${json.sections[1].ts}; nothing was saved (merge, then save with --base 5)\n`);

    const bad = await runCli(cli, ['writeup', 'set', id, 'impactt', 'x'], env());
    expect(bad.code).toBe(1);
    expect(bad.stderr).toMatch(new RegExp(`^warroom: incident ${id}: unknown section "impactt": one of summary, impact,`));
    const badBase = await runCli(cli, ['writeup', 'set', 'impact', 'x', '--base', 'latest'], env());
    expect(badBase.code).not.toBe(0);
    expect(badBase.stderr).toMatch(/--base.*a seq \(a positive integer\) or none/);
    const huge = await runCli(cli, ['writeup', 'set', id, 'factors', '-'], env(), 'é'.repeat(140 * 1024));
    expect(huge.code).toBe(1);
    expect(huge.stderr).toMatch(new RegExp(`^warroom: incident ${id}, section factors: invalid writeup.saved event: .*a section holds at most 256 KiB`));
    const noIncident = await runCli(cli, ['writeup', 'show', 'nope'], env());
    expect(noIncident.code).toBe(1);
    expect(noIncident.stderr).toMatch(/no incident nope/);

    // Drafting never touches what a person wrote (and without the draft builder, nothing has a draft).
    const drafted = await ok('writeup', 'draft', id);
    expect(drafted).toContain(`${id} summary: not drafted: written by terminal-tom (#3)`);
    expect(drafted).toContain(`${id} factors: not drafted: no evidence to draft it from`);
    expect(await ok('writeup', 'draft', '--section', 'impact')).toBe(`${id} impact: not drafted: written by terminal-tom (#5)\n`);
  });

  it('the app and three terminals save from the same base at once: exactly one wins, the others see a conflict, nothing else is written', async () => {
    const app = await IncidentService.open({ dataDir: home, actor: 'window-wanda', pollMs: 20, exporter: incidentExporter });
    try {
      const incident = await app.declare({ title: 'Replica lag', severity: 'SEV3' });
      const base = await app.writeupSave('response', 'We failed over (#1).', null);
      if (base.result !== 'saved') throw new Error('first save refused');
      const v = base.event.seq;

      const [win, ...terms] = await Promise.all([
        app.writeupSave('response', 'From the window', v),
        ...[1, 2, 3].map((n) => runCli(cli, ['writeup', 'set', incident.id, 'response', `From terminal ${n}`, '--base', String(v)], env())),
      ]);
      const winners = [win?.result === 'saved' ? 'window' : null, ...terms.map((t, i) => (t.code === 0 ? `terminal ${i + 1}` : null))].filter(Boolean);
      expect(winners).toHaveLength(1);
      for (const t of terms) if (t.code !== 0) expect(t.stderr).toMatch(new RegExp(`section response: conflict: you edited version #${v}, but its current version is #${v + 1}`));

      const { events } = await new IncidentStore(home).read(incident.id);
      const saves = events.filter((e) => e.type === 'writeup.saved' && e.data.section === 'response');
      expect(saves.map((e) => e.data.base)).toEqual([null, v]);

      // The window learns of the terminal's save as a conflict carrying both texts, and writes nothing.
      const current = saves.at(-1);
      const late = await app.writeupSave('response', 'Late edit from the window', v);
      expect(late).toEqual({
        result: 'conflict',
        conflict: { section: 'response', theirs: { seq: current?.seq, text: current?.data.text, actor: current?.actor, ts: current?.ts }, yours: { base: v, text: 'Late edit from the window' } },
      });
      expect((await new IncidentStore(home).read(incident.id)).events).toHaveLength(events.length);
    } finally {
      await app.close();
    }
  });
});
