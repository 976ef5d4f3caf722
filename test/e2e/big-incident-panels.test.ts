/**
 * The checklist, the write-up's review state and the action items of a 100,000-event incident,
 * right from the window's first page: what they fold (a person's tick, a waiver, an action item,
 * the write-up sent to review) was recorded right after the declaration, long before the newest
 * page. The window's requests for older pages are held back at the socket (the real Node side
 * answers them once released), so the window has only the first page while the panels are read;
 * the checklist must read as `warroom checklist show` reads the whole journal, and still do once
 * every page has arrived and the window folds its own events.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { spawnSync } from 'node:child_process';
import type { Browser, Page, WebSocketRoute } from 'playwright-core';
import type { ChecklistStatus } from '../../shared/model/checklistState';
import type { Waiver } from '../../shared/model/closing';
import { CLI, screenshot, type WebApp } from './harness';
import { startBigWindow, writeBigIncident } from './bigIncident';

const EVENTS = 100_000;

/** Each checklist row as the window shows it: item, ticked, what ticked it, waiver, due shown. */
function windowChecklist(page: Page): Promise<string[]> {
  return page.locator('[data-testid="checklist-row"]').evaluateAll((rows) =>
    rows.map((row) => {
      const checked = (row.querySelector('[data-testid="checklist-item"]') as HTMLInputElement | null)?.checked === true;
      const cause = row.querySelector('[data-testid="checklist-cause"]')?.textContent ?? '';
      const waived = row.querySelector('[data-testid="checklist-waived"]')?.textContent ?? '';
      const due = row.querySelector('[title^="due "]') ? 'due' : '';
      return `${row.getAttribute('data-item')} ${checked ? 'x' : ' '} ${cause} ${waived} ${due}`;
    }),
  );
}

/** The same rows as `warroom checklist show --json` folds them from the whole journal. */
function cliChecklist(home: string): string[] {
  const cli = spawnSync(process.execPath, [CLI, 'checklist', 'show', '--json'], { env: { ...process.env, WARROOM_HOME: home }, encoding: 'utf8', maxBuffer: 16 * 2 ** 20 });
  if (cli.status !== 0) throw new Error(`warroom checklist show failed: ${cli.stderr}`);
  const { checklists, waivers } = JSON.parse(cli.stdout) as { checklists: ChecklistStatus[]; waivers: Waiver[] };
  return checklists.flatMap((list) =>
    list.items.map((item) => {
      const cause = item.cause ? (item.cause.by === 'rule' ? `#${item.cause.seq}` : `${item.cause.actor} #${item.cause.seq}`) : '';
      const waiver = item.done ? undefined : waivers.find((w) => w.checklist === list.id && w.itemId === item.id);
      return `${list.id}/${item.id} ${item.done ? 'x' : ' '} ${cause} ${waiver ? `waived #${waiver.seq}` : ''} ${!item.done && item.due ? 'due' : ''}`;
    }),
  );
}

/** Holds the window's `timeline.page` requests at the socket until released; everything else passes. */
function holdOlderPages(page: Page) {
  const held: Array<{ server: WebSocketRoute; message: string | Buffer }> = [];
  let holding = true;
  const ready = page.routeWebSocket(/\/ws/, (ws) => {
    const server = ws.connectToServer();
    ws.onMessage((message) => {
      const text = typeof message === 'string' ? message : message.toString('utf8');
      if (holding && (JSON.parse(text) as { name?: string }).name === 'timeline.page') held.push({ server, message });
      else server.send(message);
    });
  });
  return {
    ready,
    count: () => held.length,
    release() {
      holding = false;
      for (const { server, message } of held.splice(0)) server.send(message);
    },
  };
}

describe('the panels of a 100,000-event incident from its first page', () => {
  let home: string;
  let app: WebApp;
  let browser: Browser;
  let page: Page;
  const pageErrors: string[] = [];

  beforeAll(async () => {
    home = mkdtempSync(path.join(os.tmpdir(), 'warroom-e2e-big-panels-'));
    await writeBigIncident(home, EVENTS, 'panels');
    ({ app, browser, page } = await startBigWindow(home, pageErrors));
  }, 180_000);
  afterAll(async () => {
    await browser?.close();
    await app?.stop();
    if (home) rmSync(home, { recursive: true, force: true });
  });

  it('shows the checklist, the review state and the action items of the whole journal before the older pages arrive', async () => {
    const truth = cliChecklist(home);
    // What the early events tick: the fixture's tick, the declaration, a broadcast on 3 hosts, the action item.
    expect(truth).toContain('writeup/owner x carol #2  ');
    expect(truth).toContain('respond/declare x #1  ');
    expect(truth.find((r) => r.startsWith('postmortem/actions-complete '))).toMatch(/ waived #5 $/);

    const pages = holdOlderPages(page);
    await pages.ready;
    await page.goto(app.url);
    const newest = page.locator(`[data-testid="timeline-event"][data-seq="${EVENTS}"]`);
    await expect.poll(() => newest.count(), { timeout: 120_000 }).toBe(1);
    // Only the first page is here: the loader asked for the next one, which is held.
    await expect.poll(() => pages.count(), { timeout: 60_000 }).toBeGreaterThan(0);
    expect(await page.getByTestId('timeline-loading').count()).toBe(1);
    expect(await page.locator('[data-testid="timeline-event"][data-seq="2"]').count()).toBe(0);

    await expect.poll(() => windowChecklist(page), { timeout: 60_000 }).toEqual(truth);
    await expect.poll(() => page.getByTestId('writeup-state').textContent(), { timeout: 30_000 }).toBe('Write-up: in review');
    await page.getByTestId('desk-tab-actions').click();
    const action = page.locator('[data-testid="action-item"][data-action="A1"]');
    await expect.poll(() => action.getAttribute('data-status'), { timeout: 30_000 }).toBe('open');
    expect(await action.innerText()).toContain('Alert on checkout p99 above 500 ms');
    expect(pages.count()).toBeGreaterThan(0);
    await screenshot(page, 'big-incident-panels-first-page');

    // Every page in: the window folds its own events, to the same answers.
    pages.release();
    await expect.poll(() => page.getByTestId('timeline-loading').count(), { timeout: 300_000 }).toBe(0);
    expect(await windowChecklist(page)).toEqual(truth);
    expect(await page.getByTestId('writeup-state').textContent()).toBe('Write-up: in review');
    expect(await action.getAttribute('data-status')).toBe('open');
    expect(pageErrors).toEqual([]);
  }, 600_000);
});
