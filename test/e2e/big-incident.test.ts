/**
 * A 100,000-event incident (written through the journal API, as `warroom log` would) in the window,
 * in Debian's Chromium over browser mode: it opens, only the rows in view are in the DOM, scrolling
 * to the top and back to the end shows the first and the last event, and a filter narrows it. A
 * second incident, altered under a forged checkpoint, raises the red integrity alarm.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { execFileSync } from 'node:child_process';
import { launchChromium, screenshot, startWeb, type WebApp } from './harness';
import { ROOT, bundle } from '../fixtures/bundle';

const EVENTS = 100_000;

const bundleDir = mkdtempSync(path.join(os.tmpdir(), 'warroom-e2e-big-writer-'));
afterAll(() => rmSync(bundleDir, { recursive: true, force: true }));
let writer: string | undefined;
/** Writes an incident through the journal API in a separate process (the e2e project does not import Node-side code). */
async function writeBigIncident(home: string, events: number, tamperLine?: number): Promise<void> {
  writer ??= await bundle(path.join(ROOT, 'test/electron/incident/fixtures/write-big-incident.ts'), path.join(bundleDir, 'write-big-incident.cjs'));
  execFileSync(process.execPath, [writer, home, String(events), ...(tamperLine ? [String(tamperLine)] : [])], { stdio: ['ignore', 'pipe', 'inherit'] });
}

async function open(home: string, pageErrors: string[]): Promise<{ app: WebApp; browser: Browser; page: Page }> {
  const app = await startWeb([], { WARROOM_HOME: home });
  const browser = await launchChromium();
  const page = await browser.newPage({ viewport: { width: 1600, height: 1000 } });
  page.setDefaultTimeout(30_000);
  page.on('pageerror', (err) => pageErrors.push(err.message));
  await page.goto(app.url);
  return { app, browser, page };
}

const rowSeqs = (page: Page) => page.locator('[data-testid="timeline-event"]').evaluateAll((els) => els.map((e) => Number(e.getAttribute('data-seq'))));
const scroller = (page: Page) => page.locator('.timeline-scroll');

describe('a 100,000-event incident in the window', () => {
  let home: string;
  let app: WebApp;
  let browser: Browser;
  let page: Page;
  const pageErrors: string[] = [];

  beforeAll(async () => {
    home = mkdtempSync(path.join(os.tmpdir(), 'warroom-e2e-big-'));
    await writeBigIncident(home, EVENTS);
    ({ app, browser, page } = await open(home, pageErrors));
  }, 180_000);
  afterAll(async () => {
    await browser?.close();
    await app?.stop();
    if (home) rmSync(home, { recursive: true, force: true });
  });

  // Generous: on 2 cores shared with other suites loading 30 MiB of events took most of a minute.
  // A safety net, not a speed claim: `npm run bench` measures the open.
  it('opens on the newest event with only the rows in view in the DOM', async () => {
    await expect.poll(() => page.locator('.timeline .section-title').textContent(), { timeout: 60_000 }).toContain(String(EVENTS));
    await expect.poll(async () => (await rowSeqs(page)).includes(EVENTS), { timeout: 30_000 }).toBe(true);
    const seqs = await rowSeqs(page);
    expect(seqs.length).toBeGreaterThan(3);
    expect(seqs.length).toBeLessThan(200);
    expect(await page.getByTestId('timeline-virtual').getAttribute('data-rows')).toBe(String(EVENTS));
    await screenshot(page, 'big-incident-end');
    expect(pageErrors).toEqual([]);
    }, 150_000);

  it('scrolls to the first event and back to the last', async () => {
    await scroller(page).evaluate((el) => (el.scrollTop = 0));
    await expect.poll(async () => (await rowSeqs(page)).includes(1)).toBe(true);
    expect(await page.locator('[data-testid="timeline-event"][data-seq="1"]').innerText()).toMatch(/declared/i);
    await screenshot(page, 'big-incident-top');
    // Halfway: the rows there, and nothing from either end.
    await scroller(page).evaluate((el) => (el.scrollTop = el.scrollHeight / 2));
    await expect.poll(async () => (await rowSeqs(page)).some((s) => s > 30_000 && s < 70_000)).toBe(true);
    expect(await rowSeqs(page)).not.toContain(1);
    await scroller(page).evaluate((el) => (el.scrollTop = el.scrollHeight));
    await expect.poll(async () => (await rowSeqs(page)).includes(EVENTS), { timeout: 15_000 }).toBe(true);
    expect(await page.locator(`[data-testid="timeline-event"][data-seq="${EVENTS}"]`).isVisible()).toBe(true);
  });

  it('a filter narrows the 100,000 events and the list follows', async () => {
    await page.locator('[data-testid="timeline-filter"][data-kind="commands"]').click();
    // Every third event is a broadcast: 33,333 of them.
    await expect.poll(() => page.locator('.timeline .section-title').textContent()).toContain(`33333 of ${EVENTS}`);
    await expect.poll(async () => (await page.locator('[data-testid="timeline-event"]').evaluateAll((els) => els.map((e) => e.getAttribute('data-type')))).every((t) => t === 'command.broadcast')).toBe(true);
    expect((await rowSeqs(page)).length).toBeGreaterThan(0);
    await screenshot(page, 'big-incident-filtered');
    await page.locator('[data-testid="timeline-filter"][data-kind="all"]').click();
    await expect.poll(() => page.locator('.timeline .section-title').textContent()).not.toContain(' of ');
    expect(pageErrors).toEqual([]);
  });
});

describe('the integrity alarm in the window', () => {
  it('a journal altered under a forged checkpoint opens, then shows the red banner naming the line', async () => {
    const home = mkdtempSync(path.join(os.tmpdir(), 'warroom-e2e-alarm-'));
    const pageErrors: string[] = [];
    let opened: { app: WebApp; browser: Browser; page: Page } | undefined;
    try {
      await writeBigIncident(home, 3000, 1000);
      opened = await open(home, pageErrors);
      const alarm = opened.page.getByTestId('integrity-alarm');
      await expect.poll(() => alarm.isVisible().catch(() => false), { timeout: 30_000 }).toBe(true);
      expect(await alarm.innerText()).toMatch(/The journal was altered: .*journal\.jsonl:1000: hash of seq 1000 does not match its content/);
      await screenshot(opened.page, 'big-incident-alarm');
      expect(pageErrors).toEqual([]);
    } finally {
      await opened?.browser.close();
      await opened?.app.stop();
      rmSync(home, { recursive: true, force: true });
    }
  }, 120_000);
});
