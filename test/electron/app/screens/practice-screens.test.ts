/**
 * Grouping and search through the app's handlers, on the practice fleet over real SSH: web-02 (the
 * host with the full disk and the dead nginx) must stand alone.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { createWarroom, type Warroom } from '../../../../electron/app/warroom';
import { describeEvent, phraseText } from '../../../../shared/model/describe';
import type { ScreenGroups } from '../../../../shared/model/screens';
import { driveApp, type AppDriver } from '../driver';
import { tempDataDir } from '../../practice/helpers';

const WEB = ['web-01', 'web-02', 'web-03', 'web-04'];

describe('screens on the practice fleet', () => {
  const data = tempDataDir();
  let app: Warroom;
  let driver: AppDriver;
  const verdicts: ScreenGroups[] = [];
  let ids: string[] = [];

  beforeAll(async () => {
    writeFileSync(path.join(data.dir, 'ssh_config'), '');
    app = await createWarroom({ dataDir: data.dir, mode: 'web', sshConfigFile: path.join(data.dir, 'ssh_config'), practice: 8 });
    driver = driveApp(app);
    app.hub.subscribe((name, payload) => {
      if (name === 'screen.groups') verdicts.push(payload as ScreenGroups);
    });
    await driver.call('incident.declare', { title: 'web-02 drill', severity: 'SEV3' });
    const { sessions } = await driver.call('fleet.connect', { aliases: [...WEB, 'db-01'], cols: 120, rows: 30 });
    ids = sessions.filter((s) => WEB.includes(s.alias)).map((s) => s.sessionId);
    // expect.poll belongs to tests: wait for every prompt by hand.
    const deadline = Date.now() + 30_000;
    while (!sessions.every((s) => /\$ $/.test(driver.output.get(s.sessionId) ?? ''))) {
      if (Date.now() > deadline) throw new Error(`no prompt on every host: ${JSON.stringify([...driver.output])}`);
      await new Promise((r) => setTimeout(r, 50));
    }
  }, 60_000);
  afterAll(async () => {
    await app?.close();
    data.remove();
  });

  it('groups the web hosts by `systemctl is-active nginx`: web-02 alone, on the window and the timeline', async () => {
    await driver.call('fleet.input', { sessionIds: ids, data: 'systemctl is-active nginx\r' });
    await expect.poll(() => verdicts.length, { timeout: 15_000 }).toBe(1);
    const verdict = verdicts[0]!;
    expect(verdict.line).toBe('systemctl is-active nginx');
    expect(verdict.groups.map((g) => [g.hosts, g.output])).toEqual([
      [['web-01', 'web-03', 'web-04'], 'active'],
      [['web-02'], 'failed'],
    ]);
    const { events } = await driver.call('incident.active', {});
    const broadcast = events.find((e) => e.type === 'command.broadcast' && e.data.line === 'systemctl is-active nginx');
    expect(verdict.ref).toBe(broadcast?.seq);
    await expect
      .poll(async () => (await driver.call('incident.active', {})).events.find((e) => e.type === 'screen.grouped'), { timeout: 5000 })
      .toMatchObject({ data: { ref: broadcast?.seq } });
    const grouped = (await driver.call('incident.active', {})).events.find((e) => e.type === 'screen.grouped')!;
    expect(phraseText(describeEvent(grouped).text, String)).toBe('3 identical, 1 differ: web-02');
  });

  it('tells the host name in prompts and output apart from a difference, strictly and loosely', async () => {
    await driver.call('fleet.input', { sessionIds: ids, data: 'hostname; echo "I am $(hostname)"\r' });
    await expect.poll(() => verdicts.length, { timeout: 15_000 }).toBe(2);
    expect(verdicts[1]!.groups.map((g) => g.count)).toEqual([4]);
    await driver.call('fleet.input', { sessionIds: ids, data: 'df -h /\r' });
    await expect.poll(() => verdicts.length, { timeout: 15_000 }).toBe(3);
    // Every web host uses a different amount of its disk: strictly, no two agree.
    const strict = verdicts[2]!;
    expect(strict.groups.map((g) => g.count)).toEqual([1, 1, 1, 1]);
    // With numbers as equal, only web-02's full disk ("0" available, no unit) stands out.
    const loose = await driver.call('screen.regroup', { lineId: strict.lineId, loose: true });
    expect(loose).toMatchObject({ lineId: strict.lineId, loose: true });
    expect(loose.groups.map((g) => g.hosts)).toEqual([['web-01', 'web-03', 'web-04'], ['web-02']]);
  });

  it('groups each line of a paste by its own output', async () => {
    const from = verdicts.length;
    await driver.call('fleet.input', { sessionIds: ids, data: 'echo one\recho two-$(hostname)\r' });
    await expect.poll(() => verdicts.length, { timeout: 15_000 }).toBe(from + 2);
    const [first, second] = verdicts.slice(from);
    expect(first!.groups.map((g) => [g.count, g.output])).toEqual([[4, 'one']]);
    expect(second!.groups.map((g) => [g.count, g.output])).toEqual([[4, 'two-web-01']]);
    // What a reloaded window asks for: the latest line's verdict.
    expect((await driver.call('screen.latest', {})).verdict).toMatchObject({ lineId: second!.lineId, line: 'echo two-$(hostname)' });
  });

  it('searches every scrollback: "100%" after `df -h /` is on web-02 alone, and goes on the timeline as evidence', async () => {
    const { hits, searched } = await driver.call('scrollback.search', { query: '100%' });
    expect(searched).toBe(5);
    expect(hits.map((h) => h.host)).toEqual(['web-02']);
    expect(hits[0]!.lines[0]!.text).toMatch(/100% \/$/);
    const word = await driver.call('scrollback.search', { query: 'ACTIVE', caseSensitive: true });
    expect(word.hits).toEqual([]);
    const rx = await driver.call('scrollback.search', { query: '^(active|failed)$', regex: true });
    expect(rx.hits.map((h) => h.host).sort()).toEqual(WEB);
    await expect(driver.call('scrollback.search', { query: '(a*)*b', regex: true })).rejects.toThrow(/catastrophically/);
    const { event } = await driver.call('scrollback.evidence', { query: '100%' });
    expect(event).toMatchObject({ type: 'scrollback.found', data: { query: '100%', hits: [{ host: 'web-02', count: 1 }] } });
    expect(phraseText(describeEvent(event!).text, String)).toBe('scrollback search 100%: 1 matching line on web-02');
  });
});
