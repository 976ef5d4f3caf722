/**
 * A big journal reaches the window in pages: incident.active gives the newest page with the
 * journal's count, timeline.page the older ones, refused for an incident no longer active. (The
 * window's loader: test/renderer/app/timelinePages.test.ts; all of it in Chromium:
 * test/e2e/big-incident.test.ts.)
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createWarroom, type Warroom } from '../../../electron/app/warroom';
import { writeBigIncident } from '../incident/fixtures/big-incident';
import { driveApp, type AppDriver } from './driver';

const EVENTS = 25_000;

describe('a big journal in pages', () => {
  let home: string;
  let app: Warroom;
  let driver: AppDriver;
  let id: string;

  beforeAll(async () => {
    home = mkdtempSync(path.join(os.tmpdir(), 'warroom-pages-'));
    writeFileSync(path.join(home, 'ssh_config'), '');
    ({ id } = await writeBigIncident(home, EVENTS));
    app = await createWarroom({ dataDir: home, mode: 'web', sshConfigFile: path.join(home, 'ssh_config'), practice: false });
    driver = driveApp(app);
  }, 120_000);
  afterAll(async () => {
    await app?.close();
    if (home) rmSync(home, { recursive: true, force: true });
  });

  it('gives the newest page with the count, then older pages that add up to the journal', async () => {
    const whole = await driver.call('incident.active', {});
    expect(whole.events).toHaveLength(EVENTS);
    expect(whole.total).toBe(EVENTS);
    const tail = await driver.call('incident.active', { tail: 1000 });
    expect(tail.incident?.id).toBe(id);
    expect(tail.total).toBe(EVENTS);
    expect(tail.events.map((e) => e.seq)).toEqual(whole.events.slice(-1000).map((e) => e.seq));
    const pages = [tail.events];
    for (let before = tail.events[0]!.seq; before > 1; ) {
      const { events } = await driver.call('timeline.page', { incident: id, before, limit: 7000 });
      expect(events.length).toBeGreaterThan(0);
      expect(events.at(-1)!.seq).toBe(before - 1);
      pages.unshift(events);
      before = events[0]!.seq;
    }
    expect(pages.flat()).toEqual(whole.events);
    // Below the first event: nothing; the bounds are the contract's.
    expect((await driver.call('timeline.page', { incident: id, before: 1, limit: 10 })).events).toEqual([]);
    await expect(driver.call('timeline.page', { incident: id, before: 10, limit: 10_001 })).rejects.toThrow(/limit/);
    await expect(driver.call('incident.active', { tail: 0 })).rejects.toThrow(/tail/);
    await expect(driver.call('timeline.page', { incident: 'INC-19990101-nope', before: 10, limit: 10 })).rejects.toThrow(/INC-19990101-nope is not the active incident/);
  });
});
