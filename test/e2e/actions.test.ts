/**
 * Action items in the window, end to end in Debian's Chromium over browser mode: one is created
 * from a timeline event, a bad one is refused naming the field, it is verified with evidence, and
 * the exported write-up lists it.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { Browser, Locator, Page } from 'playwright-core';
import { ARTIFACTS, screenshot, type WebApp, openWindow } from './harness';
import { declareIncident } from './flow';

describe('action items in the window', () => {
  let app: WebApp;
  let browser: Browser;
  let page: Page;
  const pageErrors: string[] = [];
  const byTestId = (id: string) => page.getByTestId(id);
  const events = (type: string) => page.locator(`[data-testid="timeline-event"][data-type="${type}"]`);
  const noteRow = (text: string): Locator => events('note').filter({ hasText: text });
  const addNote = async (text: string): Promise<number> => {
    await byTestId('note-input').fill(text);
    await byTestId('note-submit').click();
    await expect.poll(() => noteRow(text).count(), { timeout: 10_000 }).toBe(1);
    return Number(await noteRow(text).getAttribute('data-seq'));
  };
  const item = (id: string) => page.locator(`[data-testid="action-item"][data-action="${id}"]`);

  beforeAll(async () => {
    ({ app, browser, page } = await openWindow(pageErrors));
  });
  afterAll(async () => {
    await browser?.close();
    await app?.stop();
  });

  it('creates an action from a timeline event, verifies it with evidence, and exports it', async () => {
    await declareIncident(page, 'Disk full on web-02');
    const cause = await addNote('web-02 /var at 100%: logs not rotated');
    const proof = await addNote('df on web-02: 40% free after logrotate');

    // From the event's ⋯ menu: the form carries the event's seq.
    const row = noteRow('logs not rotated');
    await row.getByTestId('event-actions-toggle').click();
    await row.getByTestId('event-new-action').click();
    const form = row.getByTestId('action-form');
    await form.getByTestId('action-title').fill('Rotate <b>logs</b> daily on every web host');
    await form.getByTestId('action-type').selectOption('prevent');
    await form.getByTestId('action-priority').selectOption('P1');
    await form.getByTestId('action-owner').fill('bob');
    await form.getByTestId('action-due').fill('2026-12-15');
    await form.getByTestId('action-ticket').fill('https://tickets.example/OPS-42');
    await row.screenshot({ path: path.join(ARTIFACTS, 'actions-event-form.png') });
    await form.getByTestId('action-submit').click();
    await expect.poll(() => events('action.created').count()).toBe(1);
    expect(await events('action.created').innerText()).toContain(`from #${cause}`);

    await byTestId('desk-tab-actions').click();
    await expect.poll(() => item('A1').count()).toBe(1);
    expect(await item('A1').innerText()).toContain('Rotate <b>logs</b> daily on every web host');
    expect(await item('A1').getByTestId('action-cite').first().innerText()).toBe(`#${cause}`);

    // A bad ticket is refused in the form, naming the field, and nothing reaches the journal.
    await byTestId('action-new').click();
    const panelForm = byTestId('actions-panel').getByTestId('action-form');
    await panelForm.getByTestId('action-title').fill('Alert on disk usage');
    await panelForm.getByTestId('action-owner').fill('carol');
    await panelForm.getByTestId('action-ticket').fill('javascript:alert(1)');
    await panelForm.getByTestId('action-submit').click();
    await expect.poll(() => panelForm.getByTestId('action-problem').innerText()).toContain('ticket:');
    expect(await events('action.created').count()).toBe(1);
    await panelForm.getByTestId('action-ticket').fill('');
    await panelForm.getByTestId('action-due').fill('2020-01-01');
    await panelForm.getByTestId('action-type').selectOption('detect');
    await panelForm.getByTestId('action-submit').click();
    await expect.poll(() => item('A2').count()).toBe(1);
    expect(await item('A2').getAttribute('data-overdue')).toBe('true');
    await byTestId('actions-filter-overdue').check();
    await expect.poll(() => page.locator('[data-testid="action-item"]').count()).toBe(1);
    await byTestId('actions-filter-overdue').uncheck();

    // Verified needs evidence; the save stays disabled until a seq is given.
    await item('A1').getByTestId('action-status').selectOption('verified');
    expect(await item('A1').getByTestId('action-status-save').isDisabled()).toBe(true);
    await item('A1').getByTestId('action-evidence').fill(`#${proof}`);
    await item('A1').getByTestId('action-status-save').click();
    await expect.poll(() => item('A1').getAttribute('data-status')).toBe('verified');
    expect(await item('A1').getByTestId('action-status-text').innerText()).toBe(`verified by #${proof}`);
    await expect.poll(() => events('action.updated').count()).toBe(1);

    await byTestId('actions-filter-status').selectOption('verified');
    await expect.poll(() => page.locator('[data-testid="action-item"]').count()).toBe(1);
    await byTestId('actions-filter-status').selectOption('');
    await byTestId('incident-desk').screenshot({ path: path.join(ARTIFACTS, 'actions-panel.png') });
    await screenshot(page, 'actions-window');

    await byTestId('export-markdown').click();
    await expect.poll(() => byTestId('export-path').count()).toBe(1);
    const markdown = readFileSync(await byTestId('export-path').innerText(), 'utf8');
    const section = markdown.slice(markdown.indexOf('## Action items'), markdown.indexOf('## Messages sent'));
    expect(section).toContain(`| A1 | Rotate &lt;b&gt;logs&lt;/b&gt; daily on every web host (from [#${cause}](#event-${cause})) | prevent | bob | 2026-12-15 | P1 |`);
    expect(section).toContain(`| verified by [#${proof}](#event-${proof}) |`);
    expect(section).toContain('| A2 | Alert on disk usage | detect | carol | 2020-01-01 |');

    // Every incident's actions, from their journals: shown with the incident, not changed from here.
    await byTestId('actions-scope').selectOption('all');
    await expect.poll(() => page.locator('[data-testid="action-item"]').count()).toBe(2);
    const incidentId = await byTestId('incident-id').innerText();
    expect(await page.locator('[data-testid="action-item"]').evaluateAll((rows) => rows.map((r) => `${r.getAttribute('data-incident')}/${r.getAttribute('data-action')}`))).toEqual([
      expect.stringMatching(/-disk-full-on-web-02-\w+\/A1$/),
      expect.stringMatching(/-disk-full-on-web-02-\w+\/A2$/),
    ]);
    expect(incidentId).toContain((await page.locator('[data-testid="action-item"]').first().getAttribute('data-incident')) ?? 'none');
    expect(await byTestId('actions-panel').getByTestId('action-status').count()).toBe(0);
    await byTestId('incident-desk').screenshot({ path: path.join(ARTIFACTS, 'actions-all.png') });
    await byTestId('actions-scope').selectOption('incident');

    // The panel folds the journal, not page state: a reload shows the same actions.
    await page.reload();
    await byTestId('desk-tab-actions').click();
    await expect.poll(() => item('A1').getAttribute('data-status'), { timeout: 15_000 }).toBe('verified');
    expect(await item('A2').getAttribute('data-status')).toBe('open');
    expect(pageErrors).toEqual([]);
  });
});
