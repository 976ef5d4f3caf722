/**
 * Run on 64 hosts in the window: progress and each host's row while it runs, a cancel that reports
 * the hosts not done as cancelled, and a 41-group result that stays readable in a box that leaves
 * the grid its rows. Debian's Chromium over browser mode on `--practice 64`.
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
// Web hosts and db-01..08 print their own name (40 groups of one), the other 24 print "ok"; web-02
// also says nginx failed and exits 3 (the practice fault).
const GROUPS_41 = "hostname | grep -E 'web|db-0[1-8]' || echo ok; hostname | grep -qv web-02 || systemctl is-active nginx";
// The same, but the lb hosts sleep first, so that the others are done while they run.
const LB_SLOW = "hostname | grep -E 'web|db-0[1-8]' || echo ok; hostname | grep -q lb && sleep 600; hostname | grep -qv web-02 || systemctl is-active nginx";

describe('run on 64 hosts, with progress', () => {
  let app: WebApp;
  let browser: Browser;
  let page: Page;
  const pageErrors: string[] = [];

  beforeAll(async () => {
    // 64 panes connecting on a loaded machine keep the page busy for a while.
    ({ app, browser, page } = await openWindow(pageErrors, ['--practice', '64'], { viewport: { width: 1400, height: 900 }, timeout: 60_000 }));
  });
  afterAll(async () => {
    await browser?.close();
    await app?.stop();
  });

  const panel = () => page.getByTestId('run-panel');
  const row = (alias: string) => panel().locator(`[data-testid="run-host"][data-host="${alias}"]`);
  const group = (hosts: string) => panel().locator(`[data-testid="run-group"][data-hosts="${hosts}"]`);

  it('connects 64 practice hosts under an incident', async () => {
    await declareIncident(page, 'Run drill');
    await connectAll(page, ALIASES);
  }, 240_000);

  it('shows hosts done, running and failed while the lb hosts sleep, their rows as they arrive, and cancels the rest', async () => {
    await panel().getByTestId('run-command').fill(LB_SLOW);
    await panel().getByTestId('run-submit').click();
    // The hold on 64 hosts for a command with sleep? None: it is not destructive.
    const progress = panel().getByTestId('run-progress');
    await expect.poll(() => progress.getAttribute('data-done'), { timeout: 60_000 }).toBe('56');
    expect(await progress.getAttribute('data-running')).toBe('8');
    expect(await progress.getAttribute('data-failed')).toBe('1');
    expect(await panel().getByTestId('run-output').getAttribute('data-status')).toBe('running');
    expect(await panel().getByTestId('run-summary').innerText()).toBe('running on 64 hosts · 56/64 done · 8 running · 1 failed');
    expect(await panel().getByTestId('run-pending').innerText()).toBe('waiting for 8: lb-[01-08]');
    // Rows and groups fill in before the last host answers: web-02's failure is first and open.
    expect(await row('web-01').getAttribute('data-exit')).toBe('0');
    expect(await row('lb-01').getAttribute('data-status')).toBe('pending');
    const first = panel().getByTestId('run-group').first();
    expect(await first.getAttribute('data-hosts')).toBe('web-02');
    expect(await first.getAttribute('data-open')).toBe('true');
    expect(await first.locator('pre').innerText()).toBe('web-02\nfailed\n');
    await screenshot(page, 'run-progress-running');

    await panel().getByTestId('run-cancel').click();
    await expect.poll(() => panel().getByTestId('run-output').getAttribute('data-status'), { timeout: 30_000 }).toBe('done');
    for (const lb of ALIASES.filter((a) => a.startsWith('lb-'))) {
      expect(await row(lb).getAttribute('data-status')).toBe('failed');
      // The host table is folded at 64 hosts: its text is there, not rendered.
      expect(await row(lb).getByTestId('run-reason').textContent()).toBe(`cancelled: ${lb}: cancelled before it finished`);
    }
    expect(await panel().getByTestId('run-cancel').count()).toBe(0);
    // The cancelled hosts are one failed group, listed before the odd ones.
    const cancelled = group(ALIASES.filter((a) => a.startsWith('lb-')).join(','));
    expect(await cancelled.getAttribute('data-outcome')).toBe('cancelled');
    expect(await cancelled.getByTestId('run-group-hosts').innerText()).toBe('lb-[01-08]');
    // On the timeline, each lb host is recorded as cancelled.
    const runs = page.locator('[data-testid="timeline-event"][data-type="command.run"]');
    await expect.poll(() => runs.count(), { timeout: 10_000 }).toBe(1);
    await expect.poll(() => runs.first().innerText()).toContain('lb-01: cancelled');
    await screenshot(page, 'run-progress-cancelled');
  }, 180_000);

  it('reads a 41-group result: failed group first and open, odd groups as one line each, the majority last, a diff against it', async () => {
    await panel().getByTestId('run-command').fill(GROUPS_41);
    await panel().getByTestId('run-submit').click();
    await expect.poll(() => panel().getByTestId('run-output').getAttribute('data-status'), { timeout: 60_000 }).toBe('done');
    const result = panel().getByTestId('run-result');
    expect(await result.getAttribute('data-groups')).toBe('41');
    const groups = panel().getByTestId('run-group');
    expect(await groups.count()).toBe(41);
    expect(await groups.first().getAttribute('data-hosts')).toBe('web-02');
    expect(await groups.first().getAttribute('data-outcome')).toBe('exit 3');
    const majority = groups.last();
    expect(await majority.getByTestId('run-group-hosts').innerText()).toBe('db-[09-16], cache-[01-08], lb-[01-08]');
    expect(await majority.innerText()).toContain('24 hosts');
    // Only the first few groups start open: 41 outputs do not all unfold at once.
    expect(await panel().locator('[data-testid="run-group"][data-open="true"]').count()).toBe(3);
    // A closed odd group is one line: its header with hosts, outcome, line count and first line.
    const odd = group('web-17');
    expect(await odd.getAttribute('data-open')).toBe('false');
    expect(await odd.textContent()).toBe('▸web-171 hostexit 01 lineweb-17');
    const oneLine = (await odd.boundingBox())!.height;
    expect(oneLine).toBeLessThan(30);
    await odd.locator('button').first().click();
    await odd.getByTestId('run-group-diff').click();
    expect(await odd.getByTestId('output-diff').innerText()).toBe('- ok\n+ web-17\n');

    // The result scrolls in its own box: the grid keeps most of the window.
    const box = (await panel().getByTestId('run-output').boundingBox())!;
    expect(box.height).toBeLessThanOrEqual(900 * 0.3 + 1);
    const grid = (await page.getByTestId('terminal-grid').boundingBox())!;
    expect(grid.height).toBeGreaterThan(900 * 0.45);
    await screenshot(page, 'run-progress-41-groups');

    // Dragging the bar under it makes it taller, up to what the user wants.
    const handle = (await panel().getByTestId('run-resize').boundingBox())!;
    await page.mouse.move(handle.x + handle.width / 2, handle.y + handle.height / 2);
    await page.mouse.down();
    await page.mouse.move(handle.x + handle.width / 2, handle.y + 200, { steps: 5 });
    await page.mouse.up();
    await expect.poll(async () => (await panel().getByTestId('run-output').boundingBox())!.height).toBeGreaterThan(box.height + 150);
    await screenshot(page, 'run-progress-41-groups-taller');
  }, 180_000);

  it('raised no error in the page', () => {
    expect(pageErrors).toEqual([]);
  });
});
