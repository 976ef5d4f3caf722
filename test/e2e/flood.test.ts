/**
 * A `yes` flood on every practice host in Chromium, stopped with one broadcast Ctrl-C: every pane
 * comes back to its prompt, the panes say how much output was skipped, keys typed into a quiet pane
 * during the flood echo, the grouping verdict says the line was interrupted, and the window still answers.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { openWindow, screenshot, terminalText, type WebApp } from './harness';
import { broadcastLine, connectAll } from './flow';

const ALIASES = ['web-01', 'web-02', 'web-03', 'web-04', 'db-01', 'db-02', 'cache-01', 'lb-01'];
const QUIET = 'lb-01';
const FLOODING = ALIASES.filter((a) => a !== QUIET);

describe('a flood in the window', () => {
  let app: WebApp;
  let browser: Browser;
  let page: Page;
  const pageErrors: string[] = [];
  const flowNote = (alias: string) =>
    page
      .locator(`[data-testid="terminal"][data-host="${alias}"] [data-testid="terminal-flow"]`)
      .innerText()
      .catch(() => '');

  beforeAll(async () => {
    ({ app, browser, page } = await openWindow(pageErrors, ['--screen-reader']));
  });
  afterAll(async () => {
    await browser?.close();
    await app?.stop();
  });

  it('one broadcast Ctrl-C stops `yes` on every host; each pane shows its prompt and what was skipped', async () => {
    await connectAll(page, ALIASES);
    // lb-01 stays out of the flood: keys typed into it while the others flood must echo.
    await page.getByTestId('broadcast-toggle').click();
    await page.locator(`[data-testid="terminal"][data-host="${QUIET}"] [data-testid="broadcast-include"]`).uncheck();
    await broadcastLine(page, FLOODING, 'yes');
    for (const alias of FLOODING) await expect.poll(() => terminalText(page, alias), { timeout: 30_000 }).toMatch(/(y\s*){5}/);
    // A pane that is behind says by how much, while the flood runs (seen if the window lags).
    const behind = await Promise.all(FLOODING.map(flowNote));
    await screenshot(page, `flood-running${behind.some((t) => t.includes('behind')) ? '-behind' : ''}`);

    // Input never waits behind output: typed into the quiet pane while every other host floods, it echoes.
    await page.getByTestId('broadcast-toggle').click();
    const quiet = page.locator(`[data-testid="terminal"][data-host="${QUIET}"]`);
    await quiet.scrollIntoViewIfNeeded();
    await quiet.locator('textarea.xterm-helper-textarea').focus();
    await page.keyboard.type('typed-during-flood', { delay: 5 });
    await expect.poll(() => terminalText(page, QUIET), { timeout: 90_000 }).toContain('typed-during-flood');
    await page.keyboard.press('Control+u');
    await screenshot(page, 'flood-quiet-pane-echo');

    await page.getByTestId('broadcast-toggle').click();
    const first = page.locator(`[data-testid="terminal"][data-host="${FLOODING[0]}"]`);
    await first.scrollIntoViewIfNeeded();
    await first.locator('textarea.xterm-helper-textarea').focus();
    await page.keyboard.press('Control+C');
    for (const alias of FLOODING) {
      await expect.poll(async () => (await terminalText(page, alias)).trimEnd(), { timeout: 30_000 }).toMatch(/\^C\s*\S*\$$/);
    }
    // A pane that was keeping up when the interrupt came had nothing to skip; the ones behind say so.
    await expect.poll(async () => (await Promise.all(FLOODING.map(flowNote))).filter((t) => /skipped \d/.test(t)).length, { timeout: 10_000 }).toBeGreaterThan(0);
    // `yes` never finished on any host: no "7 identical" verdict on output cut wherever Ctrl-C landed.
    // Interrupted if the Ctrl-C came within the watch's cap (15 s); on a slow machine the cap may
    // come first, and then every host was still printing.
    await expect
      .poll(() => page.getByTestId('screen-groups').innerText().catch(() => ''), { timeout: 30_000 })
      .toMatch(new RegExp(`^${FLOODING.length} (interrupted|still printing)$`));
    await screenshot(page, 'flood-stopped');

    // The window still answers: a command typed now runs on every host.
    await page.keyboard.type('echo after-""flood', { delay: 5 });
    await page.keyboard.press('Enter');
    for (const alias of FLOODING) await expect.poll(() => terminalText(page, alias), { timeout: 30_000 }).toContain('after-flood');
    await expect.poll(() => page.getByTestId('screen-groups').innerText().catch(() => ''), { timeout: 30_000 }).toBe(`${FLOODING.length} identical`);
    expect(pageErrors).toEqual([]);
  }, 240_000);
});
