/**
 * At 64 hosts the timeline and the broadcast bar stay readable: connecting all is one timeline row
 * naming hosts by group and range, excluding 56 hosts is one short line, and when every target pane
 * is scrolled away the bar says so. Debian's Chromium over browser mode on `--practice 64`.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { openWindow, screenshot, type WebApp } from './harness';
import { connectAll, declareIncident } from './flow';

const pad = (n: number) => String(n).padStart(2, '0');
// --practice 64: 32 web, 16 db, 8 cache, 8 lb (electron/practice/layout.ts).
const ALIASES = [
  ...Array.from({ length: 32 }, (_, i) => `web-${pad(i + 1)}`),
  ...Array.from({ length: 16 }, (_, i) => `db-${pad(i + 1)}`),
  ...Array.from({ length: 8 }, (_, i) => `cache-${pad(i + 1)}`),
  ...Array.from({ length: 8 }, (_, i) => `lb-${pad(i + 1)}`),
];

describe('64 hosts in the browser', () => {
  let app: WebApp;
  let browser: Browser;
  let page: Page;
  const pageErrors: string[] = [];

  beforeAll(async () => {
    ({ app, browser, page } = await openWindow(pageErrors, ['--practice', '64'], { viewport: { width: 1400, height: 900 } }));
  });
  afterAll(async () => {
    await browser?.close();
    await app?.stop();
  });

  it('reads 64 connections as one timeline row by group, each event one click away', async () => {
    await declareIncident(page, 'Fleet-wide drill');
    await connectAll(page, ALIASES);
    const run = page.locator('[data-testid="timeline-run"][data-type="session.connected"]');
    await expect.poll(() => run.getAttribute('data-count'), { timeout: 30_000 }).toBe('64');
    expect(await run.count()).toBe(1);
    expect(await run.getByTestId('timeline-run-hosts').innerText()).toBe('web (32), db (16), cache (8), lb (8)');
    const events = run.locator('[data-testid="timeline-event"][data-type="session.connected"]');
    expect(await events.count()).toBe(64);
    expect(await events.first().isVisible()).toBe(false);
    await screenshot(page, 'scale-timeline');
    await run.locator('summary').click();
    await expect.poll(() => events.first().isVisible()).toBe(true);
    expect(await events.first().innerText()).toContain('web-01');
    await screenshot(page, 'scale-timeline-expanded');
    await run.locator('summary').click();
  }, 240_000);

  it('names the excluded hosts by group on one line, every name on hover, and says when no target pane is on screen', async () => {
    await page.getByTestId('broadcast-toggle').click();
    const bar = page.getByTestId('broadcast-bar');
    await expect.poll(() => page.getByTestId('broadcast-count').innerText()).toContain('Broadcast to 64 of 64 hosts');
    const barHeight = (await bar.boundingBox())?.height ?? 0;
    await page.locator('[data-testid="broadcast-group"][data-group="db"]').click();
    await expect.poll(() => page.getByTestId('broadcast-count').innerText()).toContain('Broadcast to 16 of 64 hosts');
    const excluded = page.getByTestId('broadcast-excluded');
    expect(await excluded.innerText()).toContain('48 excluded: web (32), cache (8), lb (8)');
    expect((await excluded.getAttribute('title'))?.split(', ')).toHaveLength(48);
    expect(await page.getByTestId('run-targets').innerText()).toBe('targets: db-[01-16]');
    await screenshot(page, 'scale-broadcast-excluded');
    // At 1400 px the bar's middle column is ~800 px wide: the names and the off-screen warning take
    // two more lines of text at most (listing the 48 names took four more).
    expect((await bar.boundingBox())?.height ?? 0).toBeLessThanOrEqual(barHeight + 40);

    // lb is last in the grid: scrolled to the top, none of its panes is on screen.
    await page.locator('[data-testid="broadcast-group"][data-group="lb"]').click();
    await expect.poll(() => excluded.innerText()).toContain('56 excluded: web (32), db (16), cache (8)');
    const grid = page.getByTestId('terminal-grid');
    await grid.evaluate((el) => el.scrollTo(0, 0));
    const offscreen = page.getByTestId('broadcast-offscreen');
    await expect.poll(() => offscreen.count(), { timeout: 10_000 }).toBe(1);
    expect(await offscreen.innerText()).toContain('typing to 8 hosts, none visible');
    await screenshot(page, 'scale-broadcast');
    await page.locator('[data-testid="terminal"][data-host="lb-08"]').scrollIntoViewIfNeeded();
    await expect.poll(() => offscreen.count(), { timeout: 10_000 }).toBe(0);
  });

  it('raised no error in the page', () => {
    expect(pageErrors).toEqual([]);
  });
});
