/**
 * The checklist panel in Debian's Chromium over browser mode: items tick themselves on their events
 * (from the window and from `warroom` in another process) and link to them, a person ticks and
 * unticks by hand, overdue items show as overdue, and all of it survives a reload.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import type { Browser, Locator, Page } from 'playwright-core';
import { CLI, launchChromium, screenshot, startWeb, type WebApp } from './harness';
import { declareIncident } from './flow';

describe('checklists in the browser', () => {
  let app: WebApp;
  let browser: Browser;
  let page: Page;
  const pageErrors: string[] = [];

  const row = (key: string): Locator => page.locator(`[data-testid="checklist-row"][data-item="${key}"]`);
  const box = (key: string) => row(key).getByTestId('checklist-item');
  const cause = (key: string) => row(key).getByTestId('checklist-cause');
  const count = (list: string) => page.locator(`[data-testid="checklist"][data-checklist="${list}"] [data-testid="checklist-count"]`).innerText();
  const warroom = (...args: string[]) => {
    const r = spawnSync(process.execPath, [CLI, ...args], { env: { ...process.env, WARROOM_HOME: app.home, WARROOM_ACTOR: 'carol' }, encoding: 'utf8' });
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    return r.stdout;
  };

  beforeAll(async () => {
    app = await startWeb([]);
    browser = await launchChromium();
    page = await browser.newPage({ viewport: { width: 1600, height: 1000 } });
    page.setDefaultTimeout(15_000);
    page.on('pageerror', (err) => pageErrors.push(err.message));
    // The page's clock runs on its own until the overdue step moves it forward.
    await page.clock.install();
    await page.goto(app.url);
  });
  afterAll(async () => {
    await browser?.close();
    await app?.stop();
  });

  it('shows the three lists; declaring ticks "declare" by itself, linked to its event', async () => {
    await expect.poll(() => page.locator('[data-testid="checklist"]').evaluateAll((els) => els.map((e) => e.getAttribute('data-checklist')))).toEqual([
      'respond',
      'writeup',
      'postmortem',
    ]);
    expect(await count('respond')).toBe('0/6');
    expect(await box('respond/declare').isDisabled()).toBe(true);
    await declareIncident(page, 'Checkout 502s from web-02', 'SEV2');
    await expect.poll(() => box('respond/declare').isChecked()).toBe(true);
    expect(await cause('respond/declare').innerText()).toBe('#1');
    expect(await cause('respond/declare').getAttribute('data-by')).toBe('rule');
    expect(await count('respond')).toBe('1/6');
    expect(await row('respond/commander').innerText()).toMatch(/due (\d\d-\d\d )?\d\d:\d\d UTC/);
  });

  it('ticks "commander" when the window names one, and "comms" when another process logs the next update', async () => {
    await page.getByTestId('desk-tab-roles').click();
    await page.getByTestId('role-input-commander').fill('bob');
    await page.getByTestId('role-assign-commander').click();
    await expect.poll(() => box('respond/commander').isChecked()).toBe(true);
    const seq = await page.locator('[data-testid="timeline-event"][data-type="role.assigned"]').getAttribute('data-seq');
    expect(await cause('respond/commander').innerText()).toBe(`#${seq}`);

    const noteSeq = warroom('log', 'Posted on #status: checkout errors on web-02. Next update 22:30 UTC.').trim();
    await expect.poll(() => box('respond/comms').isChecked(), { timeout: 10_000 }).toBe(true);
    expect(await cause('respond/comms').innerText()).toBe(`#${noteSeq}`);

    // The link brings the event that ticked the item into view on the timeline.
    await cause('respond/declare').click();
    await expect.poll(() => page.locator('[data-testid="timeline-event"][data-seq="1"]').evaluate((el) => el.classList.contains('flash'))).toBe(true);
  });

  it('lets a person tick and untick any item, recorded with the actor', async () => {
    await page.locator('[data-testid="checklist"][data-checklist="writeup"] summary').click();
    await box('writeup/owner').check();
    await expect.poll(() => page.locator('[data-testid="timeline-event"][data-type="checklist.tick"]').count()).toBe(1);
    await expect.poll(() => cause('writeup/owner').getAttribute('data-by')).toBe('person');
    expect(await row('writeup/owner').innerText()).not.toContain('manual');

    await box('respond/commander').uncheck();
    await expect.poll(() => page.locator('[data-testid="timeline-event"][data-type="checklist.tick"]').count()).toBe(2);
    expect(await box('respond/commander').isChecked()).toBe(false);
    expect(await cause('respond/commander').getAttribute('data-by')).toBe('person');
    expect(await count('respond')).toBe('2/6');
  });

  it('marks items overdue once their time has passed, and keeps it all across a reload', async () => {
    expect(await row('respond/scope').getAttribute('data-overdue')).toBe('false');
    // SEV2: the blast radius is due 30 minutes in, mitigation 2 hours in.
    await page.clock.fastForward('01:00:00');
    await expect.poll(() => row('respond/scope').getAttribute('data-overdue')).toBe('true');
    expect(await row('respond/scope').getByTestId('checklist-overdue').innerText()).toMatch(/^overdue since (\d\d-\d\d )?\d\d:\d\d UTC$/);
    expect(await row('respond/stabilize').getAttribute('data-overdue')).toBe('false');
    // Done items are never overdue, whatever their due time.
    expect(await row('respond/comms').getAttribute('data-overdue')).toBe('false');
    // The commander (10 minutes, unticked by hand) and the blast radius.
    expect(await page.locator('[data-checklist="respond"] .overdue-count').innerText()).toMatch(/^2 overdue$/i);
    await screenshot(page, 'checklists');

    await page.reload();
    await expect.poll(() => box('respond/comms').isChecked()).toBe(true);
    expect(await box('respond/commander').isChecked()).toBe(false);
    expect(await count('respond')).toBe('2/6');
    expect(pageErrors).toEqual([]);
  });
});
