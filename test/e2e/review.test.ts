/**
 * The write-up review in Debian's Chromium over browser mode: the badge follows the state, another
 * person approves from `warroom` in another process, the window publishes, and `warroom verify
 * --export` accepts the published file. The state survives a reload (it is folded from the
 * journal). Refusals through the same request are in test/electron/app/review-handlers.test.ts.
 * A checklist waiver recorded elsewhere shows on its item.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { CLI, screenshot, type WebApp, openWindow } from './harness';
import { declareIncident } from './flow';

describe('write-up review in the browser', () => {
  let app: WebApp;
  let browser: Browser;
  let page: Page;
  const pageErrors: string[] = [];
  const badge = () => page.getByTestId('writeup-state').innerText();
  const warroom = (actor: string, ...args: string[]) => {
    const r = spawnSync(process.execPath, [CLI, ...args], { env: { ...process.env, WARROOM_HOME: app.home, WARROOM_ACTOR: actor }, encoding: 'utf8' });
    return { code: r.status, stdout: r.stdout, stderr: r.stderr };
  };

  beforeAll(async () => {
    ({ app, browser, page } = await openWindow(pageErrors));
  });
  afterAll(async () => {
    await browser?.close();
    await app?.stop();
  });

  it('requests review, shows another person’s approval, publishes, and survives a reload', async () => {
    await declareIncident(page, 'Checkout 502s from web-02', 'SEV2');
    await expect.poll(badge).toBe('Write-up: draft');
    const id = (JSON.parse(warroom('carol', 'incidents', '--json').stdout) as Array<{ id: string }>)[0]!.id;

    await page.getByTestId('writeup-state-in-review').click();
    await expect.poll(badge).toBe('Write-up: in review');
    expect(await page.getByTestId('writeup-state-approved').isEnabled()).toBe(true);

    const approved = warroom('carol', 'writeup', 'state', id, 'approved');
    expect(approved.stderr).toBe('');
    await expect.poll(badge, { timeout: 10_000 }).toBe('Write-up: approved');
    await page.getByTestId('writeup-state-published').click();
    await expect.poll(badge).toBe('Write-up: published');
    await screenshot(page, 'review-published');

    const verified = warroom('dave', 'verify', id, '--export', path.join(app.home, 'incidents', id, 'exports', `${id}.published.md`));
    expect(verified.stdout).toContain('the approved write-up of');
    expect(verified.code).toBe(0);

    // A waiver from another process shows on its checklist item, linked to its event.
    const waived = warroom('carol', 'checklist', 'waive', id, 'postmortem/tickets', '--reason', 'no action needed a ticket');
    expect(waived.stderr).toBe('');
    const seq = waived.stdout.trim();
    await expect.poll(() => page.locator('[data-testid="checklist-row"][data-item="postmortem/tickets"] [data-testid="checklist-waived"]').textContent(), { timeout: 10_000 }).toBe(`waived #${seq}`);

    await page.reload();
    await expect.poll(badge).toBe('Write-up: published');
    expect(await page.getByTestId('writeup-state-draft').innerText()).toBe('Reopen');
    expect(pageErrors).toEqual([]);
  });
});
