/**
 * The broadcast bar's controls and guards in the browser (controller.broadcast), on the practice
 * fleet: a group chip and a pane's include box set the targets, a dangerous line is held at Enter
 * and run on a canary first, then on the rest, and a multi-line paste waits for its confirm.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { openWindow, screenshot, terminalText, type WebApp } from './harness';
import { broadcastLine, connectAll, declareIncident } from './flow';

describe('broadcast guards in the browser', () => {
  let app: WebApp;
  let browser: Browser;
  let page: Page;
  const errors: string[] = [];
  const aliases = ['web-01', 'web-02', 'web-03', 'web-04', 'db-01', 'db-02', 'cache-01', 'lb-01'];
  const count = () => page.getByTestId('broadcast-count').innerText();

  beforeAll(async () => {
    ({ app, browser, page } = await openWindow(errors, ['--screen-reader']));
  });
  afterAll(async () => {
    await browser?.close();
    await app?.stop();
  });

  it('narrows the broadcast to a group, then drops one host with its pane checkbox', async () => {
    await declareIncident(page, 'Guards drill');
    await connectAll(page, aliases);
    await page.getByTestId('broadcast-toggle').click();
    await expect.poll(count).toContain('Broadcast to 8 of 8 hosts');
    await page.locator('[data-testid="broadcast-group"][data-group="web"]').click();
    await expect.poll(count).toContain('Broadcast to 4 of 8 hosts');
    await page.locator('[data-testid="terminal"][data-host="web-04"] [data-testid="broadcast-include"]').uncheck();
    await expect.poll(count).toContain('Broadcast to 3 of 8 hosts');
    await page.locator('[data-testid="terminal"][data-host="web-04"] [data-testid="broadcast-include"]').check();
    await expect.poll(count).toContain('Broadcast to 4 of 8 hosts');
  });

  it('holds a dangerous line at Enter, runs it on the canary, then on the rest', async () => {
    await broadcastLine(page, aliases.slice(0, 4), 'systemctl restart nginx');
    const held = page.getByTestId('danger-held');
    await expect.poll(() => held.getAttribute('data-phase').catch(() => null)).toBe('confirm');
    await screenshot(page, 'guards-held');
    await page.getByTestId('danger-canary').click();
    await expect.poll(() => held.getAttribute('data-phase').catch(() => null)).toBe('canary');
    await expect.poll(() => restartHosts(page), { timeout: 10_000 }).toEqual(['web-01']);
    await screenshot(page, 'guards-canary');
    await page.getByTestId('danger-continue').click();
    await expect.poll(() => held.count()).toBe(0);
    await expect.poll(() => restartHosts(page), { timeout: 10_000 }).toEqual(['web-01', 'web-02, web-03, web-04']);
  });

  it('waits for the confirm of a multi-line paste, then sends it to every target', async () => {
    const textarea = page.locator('[data-testid="terminal"][data-host="web-01"] textarea.xterm-helper-textarea');
    await textarea.focus();
    await textarea.evaluate((el) => {
      const data = new DataTransfer();
      data.setData('text/plain', 'echo pasted-one\necho pasted-two\n');
      el.dispatchEvent(new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true }));
    });
    const confirm = page.getByTestId('paste-confirm');
    await expect.poll(() => confirm.innerText().catch(() => '')).toContain('Paste 2 lines into 4 hosts?');
    await screenshot(page, 'guards-paste');
    expect(await terminalText(page, 'web-02')).not.toContain('pasted-two');
    await page.getByTestId('paste-confirm-send').click();
    for (const alias of aliases.slice(0, 4)) {
      await expect.poll(async () => (await terminalText(page, alias)).split('\n').map((l) => l.trim()), { timeout: 15_000 }).toContain('pasted-two');
    }
    expect(await terminalText(page, 'db-01')).not.toContain('pasted-two');
    expect(errors).toEqual([]);
  });
});

/** The hosts of each `systemctl restart nginx` line on the timeline, in order (every name, from the hover text). */
async function restartHosts(page: Page): Promise<string[]> {
  const events = page.locator('[data-testid="timeline-event"][data-type="command.broadcast"]').filter({ hasText: 'systemctl restart nginx' });
  const out: string[] = [];
  for (let i = 0; i < (await events.count()); i++) {
    const hosts = events.nth(i).getByTestId('timeline-hosts');
    out.push((await hosts.count()) > 0 ? ((await hosts.getAttribute('title')) ?? '') : '');
  }
  return out;
}
