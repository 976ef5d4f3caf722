/**
 * A newcomer's first run: browser mode on the practice fleet, broadcast to every host, and the line
 * lands on the timeline and in the exported write-up.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { exportedMarkdown, openWindow, screenshot, terminalText, type WebApp } from './harness';
import { broadcastLine, connectAll, declareIncident, expectOwnHostnames } from './flow';

describe('practice fleet in the browser', () => {
  let app: WebApp;
  let browser: Browser;
  let page: Page;
  const aliases = ['web-01', 'web-02', 'web-03', 'web-04', 'db-01', 'db-02', 'cache-01', 'lb-01'];

  const pageErrors: string[] = [];

  beforeAll(async () => {
    ({ app, browser, page } = await openWindow(pageErrors, ['--screen-reader'], { timeout: 30_000 }));
  });
  afterAll(async () => {
    await browser?.close();
    await app?.stop();
  });

  it('starts the practice fleet by default when no host is configured', async () => {
    expect(app.output()).toContain('practice fleet: 8 hosts');
    for (const alias of aliases) await expect.poll(() => page.getByText(alias, { exact: true }).count()).toBeGreaterThan(0);
  });

  it('connects every host, each pane showing its own hostname after a broadcast', async () => {
    await declareIncident(page, 'Checkout latency on web tier');
    await connectAll(page, aliases);
    await broadcastLine(page, aliases, 'echo $(hostname)');
    await expectOwnHostnames(page, new Map(aliases.map((a) => [a, a])));
    await screenshot(page, 'practice-broadcast');
  });

  it('puts the broadcast line on the timeline with its hosts, and into the Markdown export', async () => {
    const event = page.locator('[data-testid="timeline-event"][data-type="command.broadcast"]').last();
    await expect.poll(() => event.innerText(), { timeout: 10_000 }).toContain('echo $(hostname)');
    // The hosts read by group and range (shared/model/hostSet.ts); every name is on hover.
    const hosts = event.getByTestId('timeline-hosts');
    expect(await hosts.innerText()).toContain(`${aliases.length} hosts: web (4), db (2)`);
    expect((await hosts.getAttribute('title'))?.split(', ').sort()).toEqual([...aliases].sort());

    await page.getByTestId('export-markdown').click();
    await expect.poll(() => exportedMarkdown(app.home).length, { timeout: 10_000 }).toBe(1);
    const markdown = readFileSync(exportedMarkdown(app.home)[0]!, 'utf8');
    expect(markdown).toContain('Checkout latency on web tier');
    expect(markdown).toContain('echo $(hostname)');
    for (const alias of aliases) expect(markdown).toContain(alias);
    // Full dates in UTC, not bare times.
    expect(markdown).toMatch(/\d{4}-\d{2}-\d{2}[ T]\d{2}:\d{2}:\d{2}/);
  });

  it('exports the write-up as HTML and PDF from the window', async () => {
    await page.getByTestId('export-html').click();
    await expect.poll(() => page.getByTestId('export-file-path').innerText().catch(() => ''), { timeout: 15_000 }).toMatch(/\.html$/);
    const html = readFileSync(await page.getByTestId('export-file-path').innerText(), 'utf8');
    expect(html).toContain('echo $(hostname)');
    await page.getByTestId('export-pdf').click();
    await expect.poll(() => page.getByTestId('export-file-path').innerText().catch(() => ''), { timeout: 60_000 }).toMatch(/\.pdf$/);
    expect(readFileSync(await page.getByTestId('export-file-path').innerText()).subarray(0, 5).toString()).toBe('%PDF-');
  });

  it('diagnoses the scripted fault on web-02 through its own terminal', async () => {
    const toggle = page.getByTestId('broadcast-toggle');
    if ((await toggle.getAttribute('aria-pressed')) === 'true') await toggle.click();
    await page.locator('[data-testid="terminal"][data-host="web-02"] textarea.xterm-helper-textarea').focus();
    await page.keyboard.type('df -h', { delay: 5 });
    await page.keyboard.press('Enter');
    await expect.poll(() => terminalText(page, 'web-02'), { timeout: 15_000 }).toContain('100%');
    expect(await terminalText(page, 'web-01')).not.toContain('100%');
  });

  it('repaints every terminal after the page reloads, from the Node side scrollback', async () => {
    await page.reload();
    // A reload loads the window, reconnects and repaints 8 terminals: on a machine shared by many test runs that took 19.5 s.
    await expect.poll(() => terminalText(page, 'web-02'), { timeout: 60_000 }).toContain('100%');
    await expect.poll(() => terminalText(page, 'db-01'), { timeout: 60_000 }).toContain('db-01');
  });

  it('raised no error in the page', () => {
    expect(pageErrors).toEqual([]);
  });
});
