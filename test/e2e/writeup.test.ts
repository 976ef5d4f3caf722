/**
 * The write-up in the window, end to end in Debian's Chromium over browser mode on the practice
 * fleet: drafts from the evidence, a section typed with real keys in CodeMirror with its live
 * preview and a blameless-lint mark, saved with Ctrl-S, unsaved text kept across a reload, a save
 * from the CLI meanwhile shown as a conflict with both texts, a citation that highlights its
 * event, a section's history with a diff, and an action item's owner changed and its ticket removed in place.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import type { Browser, Locator, Page } from 'playwright-core';
import { CLI, type WebApp, openWindow } from './harness';
import { declareIncident } from './flow';

describe('the write-up view', () => {
  let app: WebApp;
  let browser: Browser;
  let page: Page;
  const pageErrors: string[] = [];
  const byTestId = (id: string) => page.getByTestId(id);
  const events = (type: string) => page.locator(`[data-testid="timeline-event"][data-type="${type}"]`);
  const section = (id: string): Locator => page.locator(`[data-testid="writeup-section"][data-section="${id}"]`);
  const editorOf = (id: string) => section(id).getByTestId('writeup-editor').locator('.cm-content');
  const shot = (name: string) => page.screenshot({ path: `/tmp/writeup-view-${name}.png` });
  const cli = (...args: string[]) => spawnSync(process.execPath, [CLI, ...args], { env: { ...process.env, WARROOM_HOME: app.home, WARROOM_ACTOR: 'carol' }, encoding: 'utf8' });
  const openWriteup = async () => {
    await byTestId('desk-tab-writeup').click();
    await expect.poll(() => page.locator('[data-testid="writeup-section"]').count()).toBe(14);
  };

  beforeAll(async () => {
    ({ app, browser, page } = await openWindow(pageErrors, ['--practice', '4']));
  });
  afterAll(async () => {
    await browser?.close();
    await app?.stop();
  });

  it('drafts, edits, lints, saves, survives a reload, resolves a conflict and cites', async () => {
    await declareIncident(page, 'Disk full on web-02');
    await byTestId('note-input').fill('web-02 /var at 100%: nginx cannot write its logs');
    await byTestId('note-submit').click();
    const note = events('note');
    await expect.poll(() => note.count()).toBe(1);
    const noteSeq = Number(await note.getAttribute('data-seq'));

    await openWriteup();
    expect(await section('went-wrong').getAttribute('data-state')).toBe('empty');

    // Draft from the evidence: empty sections fill, each statement citing its event.
    await byTestId('writeup-draft-all').click();
    await expect.poll(() => section('timeline').getAttribute('data-state')).toBe('draft');
    await expect.poll(() => section('timeline').getByTestId('writeup-preview').locator(`a[href="#event-${noteSeq}"]`).count()).toBeGreaterThan(0);
    expect(await section('went-wrong').getAttribute('data-state')).toBe('empty');
    await section('timeline').getByTestId('writeup-accept').click();
    await expect.poll(() => section('timeline').getAttribute('data-state')).toBe('accepted');
    await shot('drafted');

    // Type real keys into CodeMirror: live preview, unsaved badge, a lint mark with its suggestion.
    await section('went-wrong').getByTestId('writeup-open').click();
    await editorOf('went-wrong').click();
    await page.keyboard.type('The engineer carelessly restarted **nginx** before the disk was freed, see ');
    const live = section('went-wrong').getByTestId('writeup-live-preview');
    await expect.poll(() => live.locator('strong').innerText()).toBe('nginx');
    await expect.poll(() => section('went-wrong').getByTestId('writeup-unsaved').count()).toBe(1);
    const mark = section('went-wrong').locator('.cm-lintRange-warning.lint-character');
    await expect.poll(() => mark.count()).toBe(1);
    expect((await mark.innerText()).toLowerCase()).toContain('careless');
    await mark.hover();
    await expect.poll(() => page.locator('.cm-tooltip-lint').innerText()).toContain('character');
    await shot('lint-mark');

    // Waive… from the mark on the unsaved text: a lint.waived event, the mark turns to a waived one
    // while the text is still unsaved, and (below) the saved text's lint counts the waiver.
    await page.locator('.cm-tooltip-lint').getByRole('button', { name: 'Waive…' }).click();
    const waive = section('went-wrong').getByTestId('writeup-waive');
    await waive.getByTestId('writeup-waive-reason').fill('quoting the vendor report');
    await shot('waive-unsaved');
    await waive.getByTestId('writeup-waive-submit').click();
    await expect.poll(() => events('lint.waived').count()).toBe(1);
    expect(await events('lint.waived').innerText()).toContain('section went-wrong');
    await expect.poll(() => waive.count()).toBe(0);
    await expect.poll(() => section('went-wrong').locator('.cm-lintRange-info.lint-character').count()).toBe(1);
    expect(await mark.count()).toBe(0);
    expect(await section('went-wrong').getByTestId('writeup-unsaved').count()).toBe(1);
    await editorOf('went-wrong').click();
    await page.keyboard.press('Control+End');

    // Cite: pick the note on the timeline, insert its #seq at the cursor.
    await note.locator('.event-text').click();
    await expect.poll(() => note.getAttribute('aria-selected')).toBe('true');
    await section('went-wrong').getByTestId('writeup-cite').click();
    await page.keyboard.type('.');
    await expect.poll(() => editorOf('went-wrong').innerText()).toContain(`see #${noteSeq}.`);
    await expect.poll(() => live.locator(`a[href="#event-${noteSeq}"]`).count()).toBe(1);

    // Ctrl-S saves with the version it was edited from.
    await page.keyboard.press('Control+s');
    await shot('cited');
    await expect.poll(() => section('went-wrong').getAttribute('data-state')).toBe('person');
    await expect.poll(() => section('went-wrong').getByTestId('writeup-unsaved').count()).toBe(0);
    expect(await events('writeup.saved').count()).toBeGreaterThan(1);
    // The waiver given before the save covers the saved words.
    const lint = cli('writeup', 'lint', '--json');
    const careless = (JSON.parse(lint.stdout) as { findings: Array<{ rule: string; where: { section?: string }; waived?: { reason: string } }> }).findings.find(
      (f) => f.rule === 'character' && f.where.section === 'went-wrong',
    );
    expect(careless?.waived?.reason).toBe('quoting the vendor report');

    // Unsaved text survives a reload.
    await editorOf('went-wrong').click();
    await page.keyboard.press('Control+End');
    await page.keyboard.type(' Mine after the save.');
    await expect.poll(() => section('went-wrong').getByTestId('writeup-unsaved').count()).toBe(1);
    await page.reload();
    await openWriteup();
    await expect.poll(() => section('went-wrong').getByTestId('writeup-unsaved').count()).toBe(1);
    await expect.poll(() => editorOf('went-wrong').innerText()).toContain('Mine after the save.');

    // Someone saves the section from a terminal meanwhile: both texts, and the choice is ours.
    const set = cli('writeup', 'set', 'went-wrong', 'Theirs: the disk filled because logrotate was off. <img src=x onerror="window.pwned=1"> [x](javascript:window.pwned=2)');
    expect(set.status, set.stderr).toBe(0);
    const conflict = section('went-wrong').getByTestId('writeup-conflict');
    await expect.poll(() => conflict.count(), { timeout: 15_000 }).toBe(1);
    expect(await conflict.getByTestId('conflict-theirs').innerText()).toContain('logrotate was off');
    expect(await conflict.getByTestId('conflict-yours').innerText()).toContain('Mine after the save.');
    await conflict.scrollIntoViewIfNeeded();
    await shot('conflict');
    await conflict.getByTestId('conflict-merge-start').click();
    await conflict.getByTestId('conflict-merge-save').click();
    await expect.poll(() => conflict.count()).toBe(0);
    await expect.poll(() => section('went-wrong').getByTestId('writeup-unsaved').count()).toBe(0);
    const merged = cli('writeup', 'show', '--json');
    expect(merged.status, merged.stderr).toBe(0);
    const text = (JSON.parse(merged.stdout) as { sections: Array<{ id: string; text: string }> }).sections.find((s) => s.id === 'went-wrong')?.text;
    expect(text).toContain('logrotate was off');
    expect(text).toContain('Mine after the save.');
    // Their raw HTML and script link stay text in the preview.
    const preview = section('went-wrong').getByTestId('writeup-live-preview');
    await expect.poll(() => preview.innerText()).toContain('<img src=x onerror="window.pwned=1">');
    expect(await preview.locator('img, script, a[href^="javascript"]').count()).toBe(0);
    expect(await page.evaluate(() => (window as unknown as { pwned?: number }).pwned)).toBeUndefined();

    // A citation in the preview highlights its event on the timeline.
    await section('went-wrong').getByTestId('writeup-live-preview').locator(`a[href="#event-${noteSeq}"]`).click();
    await expect.poll(() => note.getAttribute('data-focused')).toBe('true');
    await shot('cite-focus');

    // History and a diff, one click away.
    await section('went-wrong').getByTestId('writeup-history-toggle').click();
    await expect.poll(() => section('went-wrong').getByTestId('writeup-version').count()).toBe(3);
    await expect.poll(() => section('went-wrong').getByTestId('writeup-diff').innerText()).toContain('+ ');
    await section('went-wrong').getByTestId('writeup-diff').scrollIntoViewIfNeeded();
    await shot('history');
    expect(pageErrors).toEqual([]);
  }, 180_000);

  it("edits an action item's owner in place", async () => {
    await byTestId('desk-tab-actions').click();
    await byTestId('action-new').click();
    const form = byTestId('actions-panel').getByTestId('action-form');
    await form.getByTestId('action-title').fill('Turn logrotate on for every web host');
    await form.getByTestId('action-owner').fill('bob');
    await form.getByTestId('action-ticket').fill('https://tickets.example/OPS-77');
    await form.getByTestId('action-submit').click();
    const item = page.locator('[data-testid="action-item"][data-action="A1"]');
    await expect.poll(() => item.count()).toBe(1);
    expect(await item.locator('a.ticket').getAttribute('href')).toBe('https://tickets.example/OPS-77');
    await item.getByTestId('action-edit-open').click();
    await item.getByTestId('action-edit-owner').fill('dave');
    await item.getByTestId('action-edit-priority').selectOption('P0');
    await shot('action-edit');
    await item.getByTestId('action-edit-save').click();
    await expect.poll(() => item.innerText()).toContain('owner dave');
    expect(await item.innerText()).toContain('P0');
    await expect.poll(() => events('action.updated').count()).toBe(1);
    // An empty owner is refused in the form, naming the field.
    await item.getByTestId('action-edit-open').click();
    await item.getByTestId('action-edit-owner').fill('  ');
    await item.getByTestId('action-edit-save').click();
    await expect.poll(() => item.getByTestId('action-edit-problem').innerText()).toContain('owner');
    expect(await events('action.updated').count()).toBe(1);
    await item.getByRole('button', { name: 'Cancel' }).click();

    // Clearing the ticket field removes the ticket: one event that says so.
    await item.getByTestId('action-edit-open').click();
    await item.getByTestId('action-edit-ticket').fill('');
    await item.getByTestId('action-edit-save').click();
    await expect.poll(() => events('action.updated').count()).toBe(2);
    await expect.poll(() => item.locator('a.ticket').count()).toBe(0);
    expect(await events('action.updated').last().innerText()).toContain('ticket removed');
    await shot('action-ticket-removed');
    expect(pageErrors).toEqual([]);
  });
});
