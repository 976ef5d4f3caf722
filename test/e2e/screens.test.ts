/**
 * Screens at scale in the browser, on the practice fleet: the verdict after a broadcast line, folding
 * identical panes and comparing the outlier, and a search across every scrollback.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { openWindow, screenshot, type WebApp } from './harness';
import { broadcastLine, connectAll, declareIncident } from './flow';

describe('screens in the browser', () => {
  let app: WebApp;
  let browser: Browser;
  let page: Page;
  const aliases = ['web-01', 'web-02', 'web-03', 'web-04', 'db-01', 'db-02', 'cache-01', 'lb-01'];
  const web = aliases.slice(0, 4);
  const pane = (alias: string) => page.locator(`[data-testid="terminal"][data-host="${alias}"]`);

  const pageErrors: string[] = [];

  beforeAll(async () => {
    ({ app, browser, page } = await openWindow(pageErrors, [], { timeout: 30_000 }));
  });
  afterAll(async () => {
    await browser?.close();
    await app?.stop();
  });

  it('connects the practice fleet under a declared incident', async () => {
    await declareIncident(page, 'nginx down on one web host');
    await connectAll(page, aliases);
  });

  it('shows the verdict of a broadcast line to the web hosts in the bar, and puts it on the timeline', async () => {
    await page.locator('[data-testid="broadcast-group"][data-group="web"]').click();
    await broadcastLine(page, web, 'systemctl is-active nginx');
    await expect.poll(() => page.getByTestId('screen-groups').innerText().catch(() => ''), { timeout: 15_000 }).toBe('3 identical · 1 differ');
    expect(await page.getByTestId('screen-groups').getAttribute('title')).toContain('differ: web-02');
    const grouped = page.locator('[data-testid="timeline-event"][data-type="screen.grouped"]');
    await expect.poll(() => grouped.innerText().catch(() => ''), { timeout: 10_000 }).toContain('3 identical, 1 differ: web-02');
    await screenshot(page, 'screens-verdict');
  });

  it('folds the identical panes into one tile, compares the outlier, and unfolds every pane', async () => {
    await page.getByTestId('screen-fold').click();
    const tile = page.getByTestId('screen-fold-tile');
    await expect.poll(() => tile.count()).toBe(1);
    expect(await tile.getAttribute('data-count')).toBe('3');
    expect(await tile.innerText()).toMatch(/web-01, web-03, web-04[\s\S]*active/);
    // The outlier and the hosts the line did not reach stay live terminals.
    expect(await pane('web-02').count()).toBe(1);
    expect(await pane('db-01').count()).toBe(1);
    expect(await pane('web-01').count()).toBe(0);
    await page.getByTestId('screen-compare').click();
    const compare = page.locator('[data-testid="screen-compare-group"][data-hosts="web-02"]');
    await expect.poll(() => compare.innerText().catch(() => '')).toMatch(/- active\s+\+ failed/);
    await screenshot(page, 'screens-folded-compare');
    await page.getByTestId('screen-compare').click();
    await page.getByTestId('screen-fold').click();
    await expect.poll(() => page.getByTestId('terminal').count()).toBe(8);
    expect(await tile.count()).toBe(0);
  });

  it('searches every scrollback: "100%" after `df -h /` is on web-02 alone; a hit focuses its pane; the search goes on the timeline', async () => {
    await broadcastLine(page, web, 'df -h /');
    await expect.poll(() => page.getByTestId('screen-groups').getAttribute('title'), { timeout: 15_000 }).toContain('df -h /');
    expect(await page.getByTestId('screen-groups').innerText()).toBe('all 4 differ');
    // The box follows the verdict the Node side sends back, so it turns checked once the regroup is answered.
    await page.getByTestId('screen-groups-loose').click();
    await expect.poll(() => page.getByTestId('screen-groups-loose').isChecked(), { timeout: 10_000 }).toBe(true);
    await expect.poll(() => page.getByTestId('screen-groups').innerText()).toBe('3 identical · 1 differ');
    const box = page.getByTestId('scrollback-search');
    await box.fill('100%');
    await box.press('Enter');
    const hits = page.getByTestId('scrollback-hit');
    await expect.poll(() => hits.count(), { timeout: 10_000 }).toBe(1);
    expect(await hits.first().getAttribute('data-host')).toBe('web-02');
    await screenshot(page, 'screens-search');
    await hits.first().click();
    await expect.poll(() => page.evaluate(() => document.activeElement?.closest('[data-testid="terminal"]')?.getAttribute('data-host') ?? null)).toBe('web-02');
    await screenshot(page, 'screens-search-opened');
    await page.getByTestId('scrollback-evidence').click();
    const found = page.locator('[data-testid="timeline-event"][data-type="scrollback.found"]');
    await expect.poll(() => found.innerText().catch(() => ''), { timeout: 10_000 }).toContain('web-02');
    // A reloaded window shows the latest verdict again, from the Node side.
    await page.reload();
    await expect.poll(() => page.getByTestId('screen-groups').innerText().catch(() => ''), { timeout: 20_000 }).toBe('all 4 differ');
  });

  it('refuses a catastrophic regular expression with the reason', async () => {
    await page.getByTestId('scrollback-search-regex').click();
    const box = page.getByTestId('scrollback-search');
    await box.fill('(a+)+$');
    await box.press('Enter');
    await expect.poll(() => page.getByTestId('scrollback-search-error').innerText().catch(() => ''), { timeout: 10_000 }).toContain('catastrophically');
  });

  it('raised no error in the page', () => {
    expect(pageErrors).toEqual([]);
  });
});
