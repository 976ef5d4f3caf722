/**
 * The incident window (#4) end to end in Debian's Chromium over browser mode: header controls,
 * roles and handoffs, milestones with clocks, order errors and suggestions, per-event markers,
 * pins, edits, redactions and attachments, filters, the incident list and search across incidents,
 * and all of it again after a reload (it comes from the journal, not the page).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Locator, Page } from 'playwright-core';
import { screenshot, type WebApp, openWindow } from './harness';
import { broadcastLine, connectAll, declareIncident } from './flow';

const ALIASES = ['web-01', 'web-02', 'web-03', 'web-04', 'db-01', 'db-02', 'cache-01', 'lb-01'];
const FULL_UTC = /\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2} UTC/;
const FULL_LOCAL = /\(\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2} local\)/;
const PROMOTE = 'pg_ctl promote -D /var/lib/postgresql/16/main';

describe('incident window in the browser', () => {
  let app: WebApp;
  let browser: Browser;
  let page: Page;
  const pageErrors: string[] = [];

  const byTestId = (id: string) => page.getByTestId(id);
  const events = (type: string) => page.locator(`[data-testid="timeline-event"][data-type="${type}"]`);
  const milestone = (m: string) => page.locator(`[data-testid="milestone-row"][data-milestone="${m}"]`);
  const suggestion = (m: string) => page.locator(`[data-testid="milestone-suggestion"][data-milestone="${m}"]`);
  const errorsShown = () => page.locator('.errors .msg').allInnerTexts();
  const openTab = async (tab: 'roles' | 'milestones' | 'incidents') => {
    const button = byTestId(`desk-tab-${tab}`);
    if ((await button.getAttribute('aria-selected')) !== 'true') await button.click();
  };
  const noteRow = (text: string): Locator => events('note').filter({ hasText: text });
  const addNote = async (text: string) => {
    await byTestId('note-input').fill(text);
    await byTestId('note-submit').click();
    await expect.poll(() => noteRow(text).count(), { timeout: 10_000 }).toBe(1);
  };
  const openActions = async (row: Locator) => {
    const toggle = row.getByTestId('event-actions-toggle');
    if ((await toggle.getAttribute('aria-expanded')) !== 'true') await toggle.click();
  };

  beforeAll(async () => {
    ({ app, browser, page } = await openWindow(pageErrors));
  });
  afterAll(async () => {
    await browser?.close();
    await app?.stop();
  });

  it('declares, then changes status, severity and title from the header', async () => {
    // Before any incident the desk offers only the list and search.
    await openTab('incidents');
    await expect.poll(() => byTestId('incident-desk').innerText()).toContain('No incidents yet.');
    expect(await byTestId('incident-status').count()).toBe(0);
    await screenshot(page, 'incident-none');
    await declareIncident(page, 'Primary database unreachable', 'SEV3');
    await expect.poll(() => byTestId('incident-status').inputValue()).toBe('investigating');

    await byTestId('incident-status').selectOption('identified');
    await expect.poll(() => events('incident.status').count()).toBe(1);
    expect(await events('incident.status').innerText()).toContain('investigating → identified');
    await expect.poll(() => byTestId('incident-status').inputValue()).toBe('identified');

    await byTestId('incident-severity-select').selectOption('SEV1');
    await expect.poll(() => events('incident.severity').count()).toBe(1);
    expect(await events('incident.severity').innerText()).toContain('SEV3 → SEV1');
    await expect.poll(() => page.locator('.topbar .sev').innerText()).toBe('SEV1');

    await byTestId('incident-rename').click();
    await byTestId('incident-rename-input').fill('Primary database down: failover');
    await byTestId('incident-rename-save').click();
    await expect.poll(() => byTestId('incident-active-title').innerText()).toBe('Primary database down: failover');
    expect(await events('incident.title').innerText()).toContain('was: Primary database unreachable');
  });

  it('assigns the commander and hands off, with who, to whom and when', async () => {
    await openTab('roles');
    await byTestId('role-input-commander').fill('alice');
    await byTestId('role-assign-commander').click();
    await expect.poll(() => byTestId('role-holders-commander').innerText()).toContain('alice');
    await byTestId('role-input-commander').fill('bob');
    await byTestId('role-assign-commander').click();
    await expect.poll(() => byTestId('role-holders-commander').innerText()).toContain('bob');
    expect(await byTestId('role-holders-commander').innerText()).not.toContain('alice');

    await byTestId('role-input-sme').fill('carol (postgres)');
    await byTestId('role-assign-sme').click();
    await expect.poll(() => byTestId('role-holders-sme').innerText()).toContain('carol (postgres)');

    const handoff = page.locator('[data-testid="role-handoff"][data-role="commander"]').filter({ hasText: 'alice → bob' });
    await expect.poll(() => handoff.count()).toBe(1);
    const text = await handoff.innerText();
    expect(text).toMatch(FULL_UTC);
    expect(text).toMatch(FULL_LOCAL);
    await screenshot(page, 'incident-roles');
  });

  it('suggests milestones from a broadcast command; one is confirmed, one dismissed', async () => {
    await connectAll(page, ALIASES);
    await broadcastLine(page, ALIASES, PROMOTE);
    await expect.poll(() => events('command.broadcast').filter({ hasText: PROMOTE }).count(), { timeout: 15_000 }).toBe(1);

    // The first command suggests "acknowledged"; a promote is a failover, so "mitigated" too.
    await expect.poll(() => suggestion('acknowledged').count(), { timeout: 10_000 }).toBe(1);
    await expect.poll(() => suggestion('mitigated').count()).toBe(1);
    expect(await suggestion('mitigated').innerText()).toContain(PROMOTE);
    await screenshot(page, 'incident-suggestions');

    await suggestion('acknowledged').getByTestId('suggestion-confirm').click();
    await expect.poll(() => suggestion('acknowledged').count()).toBe(0);
    await openTab('milestones');
    await expect.poll(() => milestone('acknowledged').getAttribute('data-set')).toBe('true');

    await suggestion('mitigated').getByTestId('suggestion-dismiss').click();
    await expect.poll(() => suggestion('mitigated').count()).toBe(0);
    await expect.poll(() => events('milestone.dismissed').count()).toBe(1);
    expect(await milestone('mitigated').getAttribute('data-set')).toBe('false');
  });

  it('shows a milestone out of order as an error, and clears it when corrected', async () => {
    // Detected "now" is after the acknowledgement: out of order.
    await byTestId('milestone-now-detected').click();
    await expect.poll(() => milestone('detected').getAttribute('data-set')).toBe('true');
    await expect.poll(() => byTestId('milestone-problem').count()).toBeGreaterThan(0);
    expect(await byTestId('milestone-problem').first().innerText()).toMatch(/acknowledged \(.+\) is before detected/);
    await screenshot(page, 'incident-milestone-error');

    // Corrected to a UTC time between the start and the acknowledgement.
    const started = Date.parse((await milestone('started').locator('time').getAttribute('datetime'))!);
    const acknowledged = Date.parse((await milestone('acknowledged').locator('time').getAttribute('datetime'))!);
    const detectedAt = Math.ceil((started + 1) / 1000) * 1000;
    expect(detectedAt).toBeLessThanOrEqual(acknowledged);
    await byTestId('milestone-edit-detected').click();
    const iso = new Date(detectedAt).toISOString();
    await byTestId('milestone-time-detected').fill(`${iso.slice(0, 10)} ${iso.slice(11, 19)}`);
    await byTestId('milestone-save-detected').click();
    await expect.poll(() => milestone('detected').locator('time').getAttribute('datetime')).toBe(iso);
    await expect.poll(() => byTestId('milestone-problem').count()).toBe(0);

    // A typo in the time is refused in the form, and nothing is recorded.
    const before = await page.locator('[data-testid="timeline-event"]').count();
    await byTestId('milestone-edit-identified').click();
    await byTestId('milestone-time-identified').fill('2026-02-30 10:00');
    await byTestId('milestone-save-identified').click();
    await expect.poll(() => milestone('identified').locator('.field-error').innerText()).toContain('not a real date');
    expect(await page.locator('[data-testid="timeline-event"]').count()).toBe(before);
  });

  it('runs the clocks: fixed once both ends are set, live while the end is missing', async () => {
    const ttd = byTestId('clock-ttd');
    expect(await ttd.getAttribute('data-running')).toBe('false');
    expect(await ttd.innerText()).toMatch(/TTD \d+(m \d{2})?s/);
    expect(await byTestId('clock-tta').getAttribute('data-running')).toBe('false');
    const ttr = byTestId('clock-ttr');
    expect(await ttr.getAttribute('data-running')).toBe('true');
    const first = await ttr.innerText();
    await expect.poll(() => ttr.innerText(), { timeout: 5000 }).not.toBe(first);

    // Resolving suggests the resolved milestone; confirming it stops the TTR clock.
    await byTestId('incident-status').selectOption('resolved');
    await expect.poll(() => suggestion('resolved').count(), { timeout: 10_000 }).toBe(1);
    await suggestion('resolved').getByTestId('suggestion-confirm').click();
    await expect.poll(() => ttr.getAttribute('data-running')).toBe('false');
    await screenshot(page, 'incident-clocks-resolved');

    // A resolved incident can be reopened.
    await byTestId('incident-reopen').click();
    await expect.poll(() => byTestId('incident-status').inputValue()).toBe('investigating');
  });

  it('marks, pins, edits and redacts events, keeping the originals on request', async () => {
    await addNote('web-02 disk is full at /var');
    await addNote('db password is hunter2');
    const note = noteRow('web-02 disk is full');
    await openActions(note);
    await note.locator('[data-testid="event-marker"][data-marker="diagnosis"]').click();
    await expect.poll(() => note.locator('[data-testid="event-marker"][data-marker="diagnosis"]').getAttribute('aria-pressed')).toBe('true');
    await note.getByTestId('event-pin').click();
    await expect.poll(() => note.getByTestId('event-pin').getAttribute('aria-pressed')).toBe('true');
    await expect.poll(() => note.locator('.event-marks').innerText()).toContain('pinned');

    await note.getByTestId('event-edit').click();
    await note.getByTestId('event-edit-text').fill('web-02 disk is full at /var/log (nginx logs)');
    await note.getByTestId('event-edit-reason').fill('the path was wrong');
    await note.getByTestId('event-edit-save').click();
    await expect.poll(() => note.locator('.event-text').first().innerText()).toBe('web-02 disk is full at /var/log (nginx logs)');
    await note.getByTestId('event-show-original').click();
    const original = await note.getByTestId('event-original').innerText();
    expect(original).toContain('web-02 disk is full at /var');
    expect(original).toContain('the path was wrong');
    expect(original).toMatch(FULL_UTC);

    await note.locator('input[data-testid="event-attach"]').setInputFiles({ name: 'disk-graph.png', mimeType: 'image/png', buffer: Buffer.from('not really a png, but bytes') });
    await expect.poll(() => note.getByTestId('event-attachment').innerText(), { timeout: 10_000 }).toContain('disk-graph.png');

    // A file for the whole incident, not one event: its own event on the timeline.
    await byTestId('incident-attach').setInputFiles({ name: 'error-rate.csv', mimeType: 'text/csv', buffer: Buffer.from('ts,rate\n1,0.5\n') });
    await expect.poll(() => events('attachment').filter({ hasText: 'error-rate.csv' }).count(), { timeout: 10_000 }).toBe(1);

    const secret = noteRow('hunter2');
    await openActions(secret);
    await secret.getByTestId('event-redact').click();
    await secret.getByTestId('event-redact-reason').fill('a password was pasted');
    await secret.getByTestId('event-redact-save').click();
    const redacted = events('note').filter({ hasText: '[redacted]' });
    await expect.poll(() => redacted.count()).toBe(1);
    expect(await redacted.innerText()).toContain('a password was pasted');
    expect(await redacted.locator('.event-text').first().innerText()).not.toContain('hunter2');
    await screenshot(page, 'incident-event-actions');
  });

  it('filters the timeline by marker, pin, actor and type', async () => {
    const shown = page.locator('[data-testid="timeline-event"]');
    const all = await shown.count();
    await byTestId('timeline-marker').selectOption('diagnosis');
    await expect.poll(() => shown.count()).toBe(1);
    expect(await shown.innerText()).toContain('/var/log');
    await byTestId('timeline-marker').selectOption('');

    await page.locator('[data-testid="timeline-filter"][data-kind="pinned"]').click();
    await expect.poll(() => shown.count()).toBe(1);
    await page.locator('[data-testid="timeline-filter"][data-kind="commands"]').click();
    await expect.poll(() => shown.count()).toBe(1);
    expect(await shown.innerText()).toContain(PROMOTE);
    await screenshot(page, 'incident-filtered');
    await page.locator('[data-testid="timeline-filter"][data-kind="all"]').click();

    const actors = (await byTestId('timeline-actor').locator('option').allInnerTexts()).filter((a) => a !== 'any actor');
    expect(actors.length).toBeGreaterThan(0);
    await byTestId('timeline-actor').selectOption(actors[0]!);
    await expect.poll(() => shown.count()).toBeGreaterThan(0);
    await byTestId('timeline-actor').selectOption('');
    await expect.poll(() => shown.count()).toBe(all);
  });

  it('searches across two incidents and switches the active one from the list', async () => {
    // While the active incident is being worked, no second one can be declared over it: the button says why.
    const declare = byTestId('declare-incident');
    expect(await declare.isDisabled()).toBe(true);
    expect(await declare.getAttribute('title')).toBe('"Primary database down: failover" is investigating: resolve it before declaring another incident');
    await screenshot(page, 'incident-declare-blocked');
    await byTestId('incident-status').selectOption('resolved');
    await expect.poll(() => declare.isDisabled()).toBe(false);
    await declareIncident(page, 'Replica lag on db-02', 'SEV2');
    await expect.poll(() => declare.isDisabled()).toBe(true);
    await expect.poll(() => byTestId('incident-active-title').innerText()).toBe('Replica lag on db-02');
    await broadcastLine(page, ALIASES, PROMOTE);
    await expect.poll(() => events('command.broadcast').filter({ hasText: PROMOTE }).count(), { timeout: 15_000 }).toBe(1);

    await openTab('incidents');
    await byTestId('incident-search').fill('pg_ctl promote');
    await byTestId('incident-search-submit').click();
    const hits = page.locator('[data-testid="search-hit"][data-kind="command"]');
    await expect.poll(() => hits.count(), { timeout: 10_000 }).toBe(2);
    const incidentsHit = new Set(await hits.evaluateAll((els) => els.map((e) => e.getAttribute('data-incident'))));
    expect(incidentsHit.size).toBe(2);
    // Newest first: the last one to run it is on top, with its hosts and a full date.
    const newest = await hits.first().innerText();
    expect(newest).toContain('Replica lag on db-02');
    expect(newest).toContain(PROMOTE);
    expect(newest).toMatch(FULL_UTC);
    for (const alias of ALIASES) expect(await hits.first().getByTestId('search-hit-hosts').innerText()).toContain(alias);

    const rows = page.locator('[data-testid="incident-row"]');
    await expect.poll(() => rows.count()).toBe(2);
    const first = rows.filter({ hasText: 'Primary database down: failover' });
    expect(await first.innerText()).toMatch(/resolved/);
    expect(await first.innerText()).toMatch(FULL_UTC);
    await screenshot(page, 'incident-search');

    await first.getByTestId('incident-activate').click();
    await expect.poll(() => byTestId('incident-active-title').innerText()).toBe('Primary database down: failover');
    await expect.poll(() => noteRow('/var/log').count()).toBe(1);
    await byTestId('incident-reopen').click();
    await expect.poll(() => byTestId('incident-status').inputValue()).toBe('investigating');
  });

  it('keeps everything after a reload: it comes from the journal', async () => {
    await page.reload();
    await expect.poll(() => byTestId('incident-active-title').innerText(), { timeout: 15_000 }).toBe('Primary database down: failover');
    expect(await byTestId('incident-status').inputValue()).toBe('investigating');
    expect(await byTestId('incident-severity-select').inputValue()).toBe('SEV1');

    await openTab('milestones');
    for (const m of ['started', 'detected', 'acknowledged', 'resolved']) await expect.poll(() => milestone(m).getAttribute('data-set')).toBe('true');
    expect(await milestone('mitigated').getAttribute('data-set')).toBe('false');
    expect(await byTestId('milestone-problem').count()).toBe(0);
    expect(await suggestion('mitigated').count()).toBe(0);

    await openTab('roles');
    await expect.poll(() => byTestId('role-holders-commander').innerText()).toContain('bob');
    expect(await page.locator('[data-testid="role-handoff"]').filter({ hasText: 'alice → bob' }).count()).toBe(1);

    const note = noteRow('/var/log');
    expect(await note.locator('.event-marks').innerText()).toContain('diagnosis');
    expect(await note.getByTestId('event-attachment').innerText()).toContain('disk-graph.png');
    await note.getByTestId('event-show-original').click();
    expect(await note.getByTestId('event-original').innerText()).toContain('web-02 disk is full at /var');
    expect(await events('note').filter({ hasText: '[redacted]' }).count()).toBe(1);
    expect(await page.locator('[data-testid="timeline-event"]').filter({ hasText: 'hunter2' }).count()).toBe(0);
    await screenshot(page, 'incident-after-reload');

    expect(await errorsShown()).toEqual([]);
    expect(pageErrors).toEqual([]);
  });
});
