/**
 * The composed application driven through its contract handlers, exactly as a window would drive
 * it, against the real practice fleet over real SSH and a real journal on disk.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createWarroom, type Warroom } from '../../../electron/app/warroom';
import type { EventName } from '../../../shared/contract';
import { driveApp, type AppDriver } from './driver';

describe('Warroom through its handlers', () => {
  let home: string;
  let app: Warroom;
  let driver: AppDriver;
  const seen: Array<{ name: EventName; payload: unknown }> = [];

  beforeAll(async () => {
    home = mkdtempSync(path.join(os.tmpdir(), 'warroom-app-'));
    // An empty ssh config: no hosts configured, so the practice fleet starts on its own.
    writeFileSync(path.join(home, 'ssh_config'), '');
    app = await createWarroom({ dataDir: home, mode: 'web', sshConfigFile: path.join(home, 'ssh_config'), practice: 'auto' });
    driver = driveApp(app);
    app.hub.subscribe((name, payload) => seen.push({ name, payload }));
  });
  afterAll(async () => {
    await app?.close();
    rmSync(home, { recursive: true, force: true });
  });

  it('lists the practice fleet when nothing is configured', async () => {
    const info = await driver.call('app.info', {});
    expect(info.practice).toBe(true);
    const { hosts } = await driver.call('hosts.list', {});
    expect(hosts.map((h) => h.alias)).toContain('web-02');
    expect(hosts.every((h) => h.source === 'practice')).toBe(true);
  });

  it('connects, broadcasts one line to every host in the same request, and records it with its hosts', async () => {
    await driver.call('incident.declare', { title: 'Handlers drill', severity: 'SEV3' });
    const { hosts } = await driver.call('hosts.list', {});
    const aliases = hosts.map((h) => h.alias);
    const { sessions } = await driver.call('fleet.connect', { aliases, cols: 120, rows: 30 });
    const ids = sessions.map((s) => s.sessionId);
    await expect.poll(() => ids.every((id) => driver.states.get(id)?.state === 'ready'), { timeout: 30_000 }).toBe(true);

    const { delivered } = await driver.call('fleet.input', { sessionIds: ids, data: 'echo $(hostname)\r' });
    expect(delivered).toBe(ids.length);
    for (const s of sessions) {
      await expect.poll(() => driver.output.get(s.sessionId) ?? '', { timeout: 10_000 }).toMatch(new RegExp(`^${s.alias}\\r?$`, 'm'));
    }
    // A window that reloads gets each terminal's recent output back.
    for (const s of sessions) {
      expect((await driver.call('fleet.scrollback', { sessionId: s.sessionId })).data).toMatch(new RegExp(`^${s.alias}\\r?$`, 'm'));
    }
    // The reply came once the keys were written; the line is recorded as the journal commits it.
    const recorded = async () => (await driver.call('incident.active', {})).events.find((e) => e.type === 'command.broadcast');
    await expect.poll(async () => (await recorded())?.data, { timeout: 10_000 }).toMatchObject({ line: 'echo $(hostname)', hosts: aliases });
    const { events } = await driver.call('incident.active', {});
    expect(events.filter((e) => e.type === 'session.connected')).toHaveLength(aliases.length);
  });

  it('reports a host that cannot be reached by name, and refuses checklist items that do not exist', async () => {
    // Like ssh, any name may be tried; one that does not resolve goes down with a reason naming it.
    const { sessions } = await driver.call('fleet.connect', { aliases: ['no-such-host.invalid'], cols: 80, rows: 24 });
    await expect.poll(() => driver.states.get(sessions[0]!.sessionId)?.state, { timeout: 20_000 }).toBe('down');
    expect(driver.states.get(sessions[0]!.sessionId)?.reason).toContain('no-such-host.invalid');
    await expect(driver.call('checklist.tick', { checklist: 'respond', itemId: 'nope', done: true })).rejects.toThrow(/nope/);
  });

  it('ticks the checklist, takes notes and exports Markdown that holds them', async () => {
    await driver.call('checklist.tick', { checklist: 'respond', itemId: 'scope', done: true });
    await driver.call('incident.note', { text: 'web-02 disk full; nginx down' });
    const { path: file, markdown } = await driver.call('export.markdown', {});
    expect(readFileSync(file, 'utf8')).toBe(markdown);
    expect(markdown).toContain('Handlers drill');
    expect(markdown).toContain('web-02 disk full; nginx down');
    expect(markdown).toContain('echo $(hostname)');
    expect(seen.some((e) => e.name === 'timeline.append')).toBe(true);
  });
});
