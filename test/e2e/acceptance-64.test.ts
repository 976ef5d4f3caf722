/**
 * Issue 10's acceptance, as a newcomer tries it: `warroom web --practice 64` in Debian's Chromium,
 * connect all, broadcast a check to the web group, read the verdict (web-02 alone, left live), fold
 * the rest, `df -h /` everywhere and search "100%" across every scrollback (web-02 alone), then a
 * `yes` flood on every host stopped by one Ctrl-C: every pane shows its prompt again. Timing is
 * printed, never asserted (the `window` bench measures it); the prompts are polled.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { launchChromium, screenshot, startWeb, terminalText, type WebApp } from './harness';
import { connectAll } from './flow';

const pad = (n: number) => String(n).padStart(2, '0');
// --practice 64: 32 web, 16 db, 8 cache, 8 lb (electron/practice/layout.ts).
const WEB = Array.from({ length: 32 }, (_, i) => `web-${pad(i + 1)}`);
const ALIASES = [
  ...WEB,
  ...Array.from({ length: 16 }, (_, i) => `db-${pad(i + 1)}`),
  ...Array.from({ length: 8 }, (_, i) => `cache-${pad(i + 1)}`),
  ...Array.from({ length: 8 }, (_, i) => `lb-${pad(i + 1)}`),
];

describe('acceptance at 64 hosts (issue 10)', () => {
  let app: WebApp;
  let browser: Browser;
  let page: Page;
  const pageErrors: string[] = [];
  const pane = (alias: string) => page.locator(`[data-testid="terminal"][data-host="${alias}"]`);

  /** Types a line into `alias`'s pane, as a user who clicked it; broadcast sends it on. */
  async function typeLine(alias: string, line: string): Promise<void> {
    await pane(alias).scrollIntoViewIfNeeded();
    await pane(alias).locator('textarea.xterm-helper-textarea').focus();
    await page.keyboard.type(line, { delay: 5 });
    await page.keyboard.press('Enter');
  }

  /**
   * The last non-blank line a pane shows (what xterm exposes to screen readers). xterm does not
   * render a pane that is off-screen, so the pane is scrolled into view first, as a user would.
   */
  async function lastLine(alias: string): Promise<string> {
    // Not Playwright's scrollIntoViewIfNeeded: it waits for the pane to hold still, which a flooding grid may not.
    await pane(alias).evaluate((el) => el.scrollIntoView({ block: 'nearest' }));
    const lines = (await terminalText(page, alias)).split('\n').map((l) => l.trimEnd());
    return lines.filter((l) => l.trim() !== '').at(-1) ?? '';
  }

  /** Each host's last non-blank buffer line, for all 64 at once. */
  async function lastLines(): Promise<Map<string, string>> {
    const tails = await page.evaluate((aliases) => (window as unknown as { warroomProbe: { tails(a: readonly string[], n: number): string[][] } }).warroomProbe.tails(aliases, 1), ALIASES);
    return new Map(ALIASES.map((alias, i) => [alias, (tails[i]?.at(-1) ?? '').trimEnd()]));
  }
  const notShowing = async (want: (alias: string, line: string) => boolean): Promise<string[]> =>
    [...(await lastLines())].filter(([alias, line]) => !want(alias, line)).map(([alias]) => alias);

  beforeAll(async () => {
    // Screen-reader mode exposes each pane's text to the test, as to a user's screen reader.
    app = await startWeb(['--practice', '64', '--screen-reader']);
    browser = await launchChromium();
    page = await browser.newPage({ viewport: { width: 1600, height: 1000 } });
    page.setDefaultTimeout(30_000);
    page.on('pageerror', (err) => pageErrors.push(err.message));
    // `?probe` exposes each pane's buffer read-only (renderer/app/benchProbe.ts): checking 64 panes
    // one by one through the screen reader's copy takes minutes while they flood.
    await page.goto(app.url.replace('?', '?probe&'));
  });
  afterAll(async () => {
    await browser?.close();
    await app?.stop();
  });

  it('connects all 64 practice hosts with one click', async () => {
    // The window may take a while to come up on a loaded machine: wait for it before connecting.
    await expect.poll(() => page.getByTestId('connect-all').count(), { timeout: 120_000 }).toBe(1);
    await connectAll(page, ALIASES);
    expect(await page.getByTestId('terminal').count()).toBe(64);
    await screenshot(page, 'acceptance-64-connected');
  }, 240_000);

  it('broadcasts `systemctl is-active nginx` to the web group: web-02 alone differs and stays live', async () => {
    await page.getByTestId('broadcast-toggle').click();
    await page.locator('[data-testid="broadcast-group"][data-group="web"]').click();
    await expect.poll(() => page.getByTestId('broadcast-count').innerText()).toContain('Broadcast to 32 of 64 hosts');
    await typeLine('web-01', 'systemctl is-active nginx');
    const verdict = page.getByTestId('screen-groups');
    await expect.poll(() => verdict.innerText().catch(() => ''), { timeout: 30_000 }).toBe('31 identical · 1 differ');
    expect(await verdict.getAttribute('title')).toMatch(/systemctl is-active nginx; differ: web-02$/);
    await screenshot(page, 'acceptance-64-verdict');

    await page.getByTestId('screen-fold').click();
    const tile = page.getByTestId('screen-fold-tile');
    await expect.poll(() => tile.count()).toBe(1);
    expect(await tile.getAttribute('data-count')).toBe('31');
    expect(await tile.innerText()).toContain('active');
    // web-02 and the 32 hosts the line did not reach stay live terminals; the 31 are one tile.
    expect(await pane('web-02').getAttribute('data-state')).toBe('ready');
    await expect.poll(() => page.getByTestId('terminal').count()).toBe(33);
    expect(await pane('web-01').count()).toBe(0);
    await pane('web-02').scrollIntoViewIfNeeded();
    expect(await terminalText(page, 'web-02')).toContain('failed');
    await screenshot(page, 'acceptance-64-folded');
  }, 120_000);

  it('runs `df -h /` on every host and finds "100%" in web-02\'s scrollback alone', async () => {
    await page.getByTestId('screen-fold').click();
    await expect.poll(() => page.getByTestId('terminal').count()).toBe(64);
    await page.locator('[data-testid="broadcast-group"][data-group=""]').click();
    await expect.poll(() => page.getByTestId('broadcast-count').innerText()).toContain('Broadcast to 64 of 64 hosts');
    await typeLine('web-02', 'df -h /');
    const verdict = page.getByTestId('screen-groups');
    await expect.poll(() => verdict.getAttribute('title'), { timeout: 30_000 }).toContain('df -h /');
    const box = page.getByTestId('scrollback-search');
    await box.fill('100%');
    await box.press('Enter');
    const hits = page.getByTestId('scrollback-hit');
    await expect.poll(() => hits.count(), { timeout: 15_000 }).toBe(1);
    expect(await hits.first().getAttribute('data-host')).toBe('web-02');
    await screenshot(page, 'acceptance-64-search');
    await hits.first().click();
    await expect
      .poll(() => page.evaluate(() => document.activeElement?.closest('[data-testid="terminal"]')?.getAttribute('data-host') ?? null))
      .toBe('web-02');
    expect(await terminalText(page, 'web-02')).toMatch(/100%\s+\//);
    await screenshot(page, 'acceptance-64-search-opened');
  }, 120_000);

  it('floods every host with `yes` and one Ctrl-C brings every prompt back', async () => {
    await typeLine('web-02', 'yes');
    // The flood reaches every host: each pane fills with y.
    await expect.poll(() => notShowing((_, line) => line === 'y'), { timeout: 120_000 }).toEqual([]);
    await screenshot(page, 'acceptance-64-flood');
    await pane('web-02').locator('textarea.xterm-helper-textarea').focus();
    const started = Date.now();
    await page.keyboard.press('Control+c');
    // Each pane's own prompt, not a neighbour's.
    try {
      await expect.poll(() => notShowing((alias, line) => line === `sre@${alias}:~$`), { timeout: 120_000, message: 'panes without their prompt after Ctrl-C' }).toEqual([]);
    } catch (err) {
      // What the panes hold instead, so a failure says why.
      const tails = await page.evaluate((aliases) => (window as unknown as { warroomProbe: { tails(a: readonly string[], n: number): string[][] } }).warroomProbe.tails(aliases, 3), ['web-01', 'web-02', 'db-01', 'lb-08']);
      console.log('acceptance-64: last lines after Ctrl-C:', JSON.stringify(tails));
      await screenshot(page, 'acceptance-64-after-ctrl-c-failed');
      throw err;
    }
    console.log(`acceptance-64: Ctrl-C to a prompt in all 64 buffers: ${Date.now() - started} ms`);
    // And what is on screen says so too, for a pane on the first page and one on the last.
    for (const alias of ['web-02', 'lb-08']) await expect.poll(() => lastLine(alias), { timeout: 30_000 }).toBe(`sre@${alias}:~$`);
    await screenshot(page, 'acceptance-64-after-ctrl-c');
    expect(pageErrors).toEqual([]);
  }, 240_000);
});
