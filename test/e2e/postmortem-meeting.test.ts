/**
 * The post-mortem meeting in Debian's Chromium on the practice fleet: a command on web-02, the
 * incident resolved and the meeting scheduled (by `warroom` in another process), then the
 * facilitator view: start with the commander and the owner present, notes on their steps, "move
 * on", a replay of web-02's terminal at the command showing its output in a read-only xterm, end,
 * survey; the checklist item ticks and the write-up export carries the meeting.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import type { Browser, Page } from 'playwright-core';
import { CLI, launchChromium, screenshot, startWeb, terminalText, type WebApp } from './harness';
import { declareIncident } from './flow';

describe('the post-mortem meeting in the browser', () => {
  let app: WebApp;
  let browser: Browser;
  let page: Page;
  const pageErrors: string[] = [];
  let commander = '';
  const warroom = (...args: string[]) => {
    const r = spawnSync(process.execPath, [CLI, ...args], { env: { ...process.env, WARROOM_HOME: app.home, WARROOM_ACTOR: 'bob' }, encoding: 'utf8' });
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    return r.stdout;
  };
  /** Rows joined: a line wrapped at the pane's width reads whole again. */
  const unwrapped = (text: string) => text.replace(/\n/g, '');
  const replayText = async () => unwrapped(await page.locator('[data-testid="replay-terminal"] .xterm-accessibility-tree').innerText().catch(() => ''));
  const notes = (step: string) => page.locator(`[data-testid="agenda-step"][data-step="${step}"] [data-testid="meeting-note"]`).allInnerTexts();

  beforeAll(async () => {
    app = await startWeb(['--screen-reader']);
    browser = await launchChromium();
    page = await browser.newPage({ viewport: { width: 1600, height: 1000 } });
    page.setDefaultTimeout(15_000);
    page.on('pageerror', (err) => pageErrors.push(err.message));
    await page.goto(app.url);
  });
  afterAll(async () => {
    await browser?.close();
    await app?.stop();
  });

  // Connecting under a loaded machine can take a while; every wait below polls for its condition.
  it('runs a command on web-02, then the incident is resolved and the meeting scheduled elsewhere', { timeout: 180_000 }, async () => {
    await declareIncident(page, 'Checkout 502s from web-02', 'SEV2');
    // web-02 alone: the drill's faulty host, and one session keeps a loaded machine quick.
    await page.locator('[data-testid="host"][data-host="web-02"] input[type="checkbox"]').check();
    await page.getByTestId('connect-selected').click();
    await expect.poll(() => page.locator('[data-testid="terminal"][data-host="web-02"]').getAttribute('data-state'), { timeout: 60_000 }).toBe('ready');
    await page.locator('[data-testid="terminal"][data-host="web-02"] textarea.xterm-helper-textarea').focus();
    await page.keyboard.type('systemctl status nginx', { delay: 5 });
    await page.keyboard.press('Enter');
    await expect.poll(async () => unwrapped(await terminalText(page, 'web-02')), { timeout: 30_000 }).toContain('Failed to start nginx.service');
    await expect.poll(() => page.locator('[data-testid="timeline-event"][data-type="command.broadcast"]').count(), { timeout: 10_000 }).toBe(1);
    warroom('incident', 'status', 'resolved', '--reason', 'nginx restarted');
    warroom('postmortem', 'schedule', '--at', new Date(Date.now() + 86_400_000).toISOString(), '--attendees', 'alice@example.com,Bob <bob@example.com>');
    await expect.poll(() => page.locator('[data-testid="timeline-event"][data-type="postmortem.scheduled"]').count(), { timeout: 10_000 }).toBe(1);
  });

  it('starts the meeting with the commander and the owner present, a countdown on the current step', async () => {
    await page.getByTestId('postmortem-toggle').click();
    const view = page.getByTestId('postmortem');
    expect(await page.getByTestId('meeting-attendees').inputValue()).toBe('alice@example.com, Bob <bob@example.com>');
    expect(await page.getByTestId('meeting-start').isDisabled()).toBe(true);
    // The commander is the window's actor (who declared): add them to the invited.
    commander = /IC (\S+)/.exec(await page.getByTestId('incident-header').innerText())![1]!;
    await page.getByTestId('meeting-attendees').fill(`${commander}, alice@example.com, Bob <bob@example.com>`);
    await page.getByTestId('meeting-owner').fill('bob');
    await page.getByTestId('meeting-start').click();
    await expect.poll(() => view.locator('[data-testid="agenda-step"][aria-current="step"]').getAttribute('data-step')).toBe('intro');
    expect(await page.getByTestId('presence-commander').innerText()).toBe(`✓ commander ${commander}`);
    expect(await page.getByTestId('presence-owner').innerText()).toBe('✓ owner bob');
    expect(await page.getByTestId('countdown').innerText()).toMatch(/^[0-3]:\d\d$/);
  });

  it('keeps notes under their step, and moves on once', async () => {
    await page.getByTestId('meeting-note-input').fill('We look at the system, not at people.');
    await page.getByTestId('meeting-note-add').click();
    await expect.poll(() => notes('intro')).toEqual([expect.stringContaining('We look at the system, not at people.')]);
    await page.getByTestId('meeting-move-on').click();
    await expect.poll(() => page.locator('[data-testid="agenda-step"][aria-current="step"]').getAttribute('data-step')).toBe('timeline');
    expect(await page.locator('[data-testid="timeline-event"][data-type="postmortem.step"]').count()).toBe(1);
    await page.getByTestId('meeting-note-input').fill('<img src=x onerror=alert(1)> nginx had failed before anyone looked');
    await page.getByTestId('meeting-note-add').click();
    await expect.poll(() => notes('timeline')).toEqual([expect.stringContaining('<img src=x onerror=alert(1)> nginx had failed')]);
    expect(await notes('intro')).toHaveLength(1);
  });

  it('replays web-02 at the command, its output in a read-only terminal, the command listed beside it', async () => {
    const moment = page.locator('[data-testid="key-moment"]').filter({ hasText: 'systemctl status nginx' });
    await moment.getByTestId('replay-at').click();
    await expect.poll(() => page.getByTestId('replay-host').locator('option').allInnerTexts()).toContainEqual(expect.stringMatching(/^web-02 /));
    await page.getByTestId('replay-host').selectOption({ label: (await page.getByTestId('replay-host').locator('option').allInnerTexts()).find((t) => t.startsWith('web-02 '))! });
    expect(await page.getByTestId('replay-seal').innerText()).toBe('live recording, not sealed yet');
    expect(await page.getByTestId('replay-commands').innerText()).toContain('systemctl status nginx');
    await page.getByTestId('replay-speed').selectOption('8');
    await page.getByTestId('replay-play').click();
    await expect.poll(replayText, { timeout: 30_000 }).toContain('Failed to start nginx.service');
    await page.getByTestId('replay').scrollIntoViewIfNeeded();
    await screenshot(page, 'postmortem-replay');
    // Typing into the replay reaches no session: web-02's live terminal does not get it.
    await page.locator('[data-testid="replay-terminal"]').click();
    await page.keyboard.type('echo typed-into-replay', { delay: 5 });
    await page.keyboard.press('Enter');
    expect(await page.locator('[data-testid="timeline-event"][data-type="command.broadcast"]').count()).toBe(1);
    expect(await terminalText(page, 'web-02')).not.toContain('typed-into-replay');
  });

  it('reviews the action items at their step: one marked not-doing with a reason from the facilitator view', async () => {
    warroom('action', 'add', '--title', 'Alert on disk use above 90% on the web hosts', '--owner', 'alice', '--due', '2030-01-15', '--priority', 'P2', '--type', 'detect');
    for (const step of ['factors', 'went-well', 'actions']) {
      await page.getByTestId('meeting-move-on').click();
      await expect.poll(() => page.locator('[data-testid="agenda-step"][aria-current="step"]').getAttribute('data-step')).toBe(step);
    }
    const review = page.getByTestId('meeting-actions');
    const item = review.getByTestId('action-item');
    await expect.poll(() => item.count(), { timeout: 10_000 }).toBe(1);
    await item.getByTestId('action-status').selectOption('not-doing');
    await item.getByTestId('action-reason').fill('the new disk quota alert covers it');
    await item.getByTestId('action-status-save').click();
    await expect.poll(() => item.getAttribute('data-status'), { timeout: 10_000 }).toBe('not-doing');
    await screenshot(page, 'postmortem-actions-step');
    const listed = JSON.parse(warroom('action', 'list', '--json')) as Array<{ status: string; reason?: string }>;
    expect(listed.map((a) => a.status)).toEqual(['not-doing']);
  });

  it('ends the meeting, takes the survey, ticks the checklist item, and exports the meeting', async () => {
    await page.getByTestId('meeting-end').click();
    await expect.poll(() => page.getByTestId('meeting-ended').count()).toBe(1);
    expect(await notes('timeline')).toHaveLength(1);
    await page.getByTestId('survey-blameless').selectOption('5');
    await page.getByTestId('survey-factors').selectOption('4');
    await page.getByTestId('survey-confidence').selectOption('3');
    await page.getByTestId('survey-comment').fill('The replay settled what web-02 printed.');
    await page.getByTestId('survey-submit').click();
    await expect.poll(() => page.getByTestId('survey-summary').innerText()).toContain('1 answer, mean of 5: blameless 5, factors 4, confidence 3');
    warroom('postmortem', 'survey', '--blameless', '4', '--factors', '4', '--confidence', '4');
    await expect.poll(() => page.getByTestId('survey-summary').innerText(), { timeout: 10_000 }).toContain('2 answers, mean of 5: blameless 4.5, factors 4, confidence 3.5');
    await expect.poll(() => page.locator('[data-testid="checklist-row"][data-item="postmortem/held"] [data-testid="checklist-item"]').isChecked()).toBe(true);
    await screenshot(page, 'postmortem-survey');

    const id = (JSON.parse(warroom('incidents', '--json')) as Array<{ id: string }>)[0]!.id;
    const md = warroom('export', id, '--out', '-');
    const part = md.slice(md.indexOf('## Post-mortem meeting'), md.indexOf('## Appendix'));
    expect(part).toContain(`- Attendees: ${commander}, alice@example.com, Bob &lt;bob@example.com&gt;`);
    expect(part).toMatch(/\*Timeline review\*\n\n- &lt;img src=x onerror=alert\(1\)&gt; nginx had failed before anyone looked \(\S+, /);
    expect(part).toContain(`- ${commander}: 5/4/3: The replay settled what web-02 printed.`);
    expect(pageErrors).toEqual([]);
  });
});
