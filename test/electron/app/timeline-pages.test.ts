/**
 * A big journal reaches the window in pages: incident.active gives the newest page with the
 * journal's count and the panels' folds of the whole journal, timeline.page the older ones, refused
 * for an incident no longer active; incident.details gives the folds when asked. (The
 * window's loader: test/renderer/app/timelinePages.test.ts; all of it in Chromium:
 * test/e2e/big-incident.test.ts.)
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createWarroom, type Warroom } from '../../../electron/app/warroom';
import { PANEL_DRAFTS, writeBigIncident } from '../incident/fixtures/big-incident';
import { driveApp, type AppDriver } from './driver';
import { BUILT_IN_CHECKLISTS } from '../../../shared/model/checklistBuiltins';
import { foldPanels } from '../../../shared/model/panelFolds';

const EVENTS = 25_000;

describe('a big journal in pages', () => {
  let home: string;
  let app: Warroom;
  let driver: AppDriver;
  let id: string;

  beforeAll(async () => {
    home = mkdtempSync(path.join(os.tmpdir(), 'warroom-pages-'));
    writeFileSync(path.join(home, 'ssh_config'), '');
    ({ id } = await writeBigIncident(home, EVENTS, undefined, PANEL_DRAFTS));
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

  it("carries the panels' folds of the whole journal with a partial reply, and in incident.details when asked", async () => {
    // Folded once the journal is verified behind its open (before that a partial reply goes without).
    await expect.poll(async () => (await driver.call('incident.active', { tail: 1 })).integrity?.state, { timeout: 60_000 }).toBe('verified');
    const whole = await driver.call('incident.active', {});
    const folds = foldPanels(BUILT_IN_CHECKLISTS, whole.events, EVENTS);
    expect(whole.folds).toBeUndefined();
    const tail = await driver.call('incident.active', { tail: 200 });
    expect(tail.folds).toEqual(folds);
    // What the early events fold to, none of them in the tail.
    expect(tail.events.some((e) => e.seq <= 1 + PANEL_DRAFTS.length)).toBe(false);
    expect(tail.folds?.review.state).toBe('in-review');
    expect(tail.folds?.actions.map((a) => a.id)).toEqual(['A1']);
    expect(tail.folds?.checklists.items.find((i) => i.list === 'respond' && i.item === 'declare')).toMatchObject({ done: true, cause: { seq: 1 } });
    expect((await driver.call('incident.details', { folds: true })).folds).toEqual(folds);
    const plain = await driver.call('incident.details', {});
    expect(plain.folds).toBeUndefined();
    expect(plain.details).not.toBeNull();
    // Events appended since move the folds (the service folds only those, not the journal again).
    await driver.call('checklist.tick', { checklist: 'respond', itemId: 'commander', done: true });
    await driver.call('action.add', { title: 'Page the payments team on checkout errors', type: 'process', owner: 'erin', due: '2027-02-01', priority: 'P1' });
    // The review change is written through the journal file, as the CLI writes it: the service sees it on its next poll.
    await driver.call('writeup.state', { to: 'draft' });
    await expect.poll(async () => (await driver.call('incident.details', { folds: true })).folds?.review.state, { timeout: 30_000 }).toBe('draft');
    const after = await driver.call('incident.details', { folds: true });
    const now = await driver.call('incident.active', {});
    expect(after.folds).toEqual(foldPanels(BUILT_IN_CHECKLISTS, now.events, now.total));
    expect(after.folds?.actions.map((a) => a.id)).toEqual(['A1', 'A2']);
    expect(after.folds?.checklists.items.find((i) => i.item === 'commander')).toMatchObject({ done: true, cause: { by: 'person' } });
    // The reply given before is not changed by what came after.
    expect(tail.folds?.review.state).toBe('in-review');
  });
});
