/**
 * The window's fleet controls against REAL OpenSSH in Debian's Chromium (browser mode): pane states
 * through an sshd killed and restarted, reconnect by hand, run on targets with the collated result,
 * an unknown host key, and a PAM password asked in the window (a test user created and removed here).
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { startSshdFleet, type SshdFleet } from '../fixtures/sshd-fleet';
import { declareIncident } from './flow';
import { launchChromium, screenshot, startWeb, type WebApp } from './harness';

const USER = `wrwin${process.pid % 100000}`;
const PASSWORD = `pw-${process.pid}-Window`;
const PAM = 'UsePAM yes\nPasswordAuthentication yes\nKbdInteractiveAuthentication yes';
const NAMES = ['fl-alpha', 'fl-bravo', 'fl-charlie'];

/** Every file under a directory, for "the secret is nowhere on disk". */
function filesUnder(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    return statSync(full).isDirectory() ? filesUnder(full) : [full];
  });
}

describe('fleet controls in the window, against real sshd', () => {
  let fleet: SshdFleet;
  let pam: SshdFleet;
  let app: WebApp;
  let browser: Browser;
  let page: Page;
  let freshKnownHosts: string;
  let userCreated = false;

  const pane = (alias: string) => page.locator(`[data-testid="terminal"][data-host="${alias}"]`);
  const stateOf = (alias: string) => pane(alias).getAttribute('data-state').catch(() => null);
  const waitReady = (alias: string, timeout = 60_000) => expect.poll(() => stateOf(alias), { timeout }).toBe('ready');
  const events = (type: string, alias: string) => page.locator(`[data-testid="timeline-event"][data-type="${type}"]`).filter({ hasText: alias });

  /** Selects exactly these hosts in the picker and connects them. */
  async function connectOnly(aliases: readonly string[]): Promise<void> {
    for (const row of await page.getByTestId('host').all()) {
      const alias = await row.getAttribute('data-host');
      await row.locator('input[type="checkbox"]').setChecked(alias !== null && aliases.includes(alias));
    }
    await page.getByTestId('connect-selected').click();
  }

  beforeAll(async () => {
    execFileSync('useradd', ['-m', '-d', `/tmp/${USER}-home`, '-s', '/bin/sh', USER]);
    userCreated = true;
    execFileSync('chpasswd', { input: `${USER}:${PASSWORD}\n` });
    fleet = await startSshdFleet({ count: 3, hostnames: NAMES, firstAddress: 70 });
    pam = await startSshdFleet({ count: 2, hostnames: ['fl-pam1', 'fl-pam2'], firstAddress: 74, extraConfig: PAM });
    // One more alias for a fleet host, with an empty known_hosts file: its key is unknown.
    freshKnownHosts = path.join(fleet.dir, 'fresh_known_hosts');
    writeFileSync(freshKnownHosts, '');
    const first = fleet.hosts[0]!;
    const config = path.join(fleet.dir, 'window_ssh_config');
    writeFileSync(
      config,
      `${readFileSync(fleet.sshConfigPath, 'utf8')}
Host fl-fresh
  HostName ${first.address}
  Port ${first.port}
  User ${fleet.user}
  IdentityFile ${fleet.clientKey}
  UserKnownHostsFile ${freshKnownHosts}
  GlobalKnownHostsFile /dev/null
  StrictHostKeyChecking ask
${pam.hosts
  .map(
    (h) => `
Host ${h.alias}
  HostName ${h.address}
  Port ${h.port}
  User ${USER}
  IdentitiesOnly yes
  UserKnownHostsFile ${pam.knownHostsPath}
  GlobalKnownHostsFile /dev/null
`,
  )
  .join('')}`,
    );
    app = await startWeb(['--ssh-config', config, '--screen-reader'], { SSH_AUTH_SOCK: '' });
    browser = await launchChromium();
    page = await browser.newPage({ viewport: { width: 1600, height: 1000 } });
    await page.goto(app.url);
  });

  afterEach(async (ctx) => {
    // What the window showed when a step failed: the first thing to look at.
    if (ctx.task.result?.state === 'fail' && page) await screenshot(page, `fleet-failed-${ctx.task.name.slice(0, 30).replace(/\W+/g, '-')}`);
  });

  afterAll(async () => {
    await browser?.close();
    await app?.stop();
    await fleet?.stop();
    await pam?.stop();
    if (userCreated) {
      try {
        execFileSync('userdel', ['-r', '-f', USER], { stdio: 'pipe' });
      } catch {
        /* already gone */
      }
    }
  });

  it('connects three real hosts under a declared incident', async () => {
    await declareIncident(page, 'Fleet window drill', 'SEV3');
    await connectOnly(NAMES);
    for (const alias of NAMES) await waitReady(alias);
    for (const alias of NAMES) expect(await pane(alias).getByTestId('terminal-state').innerText()).toBe('ready');
  });

  it('runs a command on the broadcast targets and shows the collated result, exit codes, and the run on the timeline', async () => {
    const panel = page.getByTestId('run-panel');
    await expect.poll(() => panel.getByTestId('run-targets').innerText()).toContain(NAMES.join(', '));

    // In flight, every host is listed as pending.
    await panel.getByTestId('run-command').fill('sleep 3; hostname');
    await panel.getByTestId('run-submit').click();
    await expect.poll(() => panel.getByTestId('run-pending').innerText().catch(() => ''), { timeout: 10_000 }).toContain('waiting for 3');
    await expect.poll(() => panel.getByTestId('run-output').getAttribute('data-status'), { timeout: 60_000 }).toBe('done');
    const collated = await panel.getByTestId('run-result').innerText();
    for (const name of NAMES) expect(collated).toContain(name);
    // As dshbak -c groups it: each host printed something different, so each is a group of its own.
    expect((await panel.getByTestId('run-group').all()).length).toBe(3);
    for (const name of NAMES) {
      await expect.poll(() => panel.locator(`[data-testid="run-host"][data-host="${name}"]`).getAttribute('data-exit')).toBe('0');
    }
    expect(await panel.locator('.run-result').evaluate((el) => getComputedStyle(el).fontFamily)).toMatch(/mono/i);
    await screenshot(page, 'fleet-run-hostname');

    // A destructive command to several hosts waits for a second, explicit click.
    await panel.getByTestId('run-command').fill('rm -rf /tmp/wr-fleet-window-nothing');
    await panel.getByTestId('run-submit').click();
    await expect.poll(() => panel.getByTestId('run-guard').innerText()).toContain('runs on 3 hosts');
    expect(await panel.getByTestId('run-output').getAttribute('data-status')).toBe('done');
    expect(await panel.locator('.run-line').innerText()).toBe('$ sleep 3; hostname');
    await screenshot(page, 'fleet-run-guard');
    await panel.getByRole('button', { name: 'Cancel' }).click();
    expect(await panel.getByTestId('run-guard').count()).toBe(0);

    const failing = `[ "$(hostname)" != "${NAMES[1]}" ] || { echo "refusing on $(hostname)" >&2; exit 7; }`;
    await panel.getByTestId('run-command').fill(failing);
    await panel.getByTestId('run-submit').click();
    await expect.poll(() => panel.getByTestId('run-output').getAttribute('data-status'), { timeout: 60_000 }).toBe('done');
    await expect.poll(() => panel.getByTestId('run-summary').innerText()).toContain('1 of 3 not exit 0');
    const bravo = panel.locator(`[data-testid="run-host"][data-host="${NAMES[1]}"]`);
    expect(await bravo.getAttribute('data-exit')).toBe('7');
    expect(await bravo.getAttribute('data-status')).toBe('exit');
    // stderr is not part of the collated (stdout) text; it is on the host's own row.
    expect(await bravo.getByTestId('run-stderr').innerText()).toContain(`refusing on ${NAMES[1]}`);
    expect(await panel.getByTestId('run-result').innerText()).not.toContain('refusing');
    // What the timeline keeps of the host (stdout and stderr together), folded on its row.
    const tail = bravo.getByTestId('run-tail');
    expect(await tail.evaluate((el) => (el as HTMLDetailsElement).open)).toBe(false);
    await tail.locator('summary').click();
    expect(await tail.locator('pre').innerText()).toBe(`refusing on ${NAMES[1]}\n`);
    expect(await panel.locator(`[data-testid="run-host"][data-host="${NAMES[0]}"]`).getAttribute('data-exit')).toBe('0');
    await screenshot(page, 'fleet-run-failing');

    const runs = page.locator('[data-testid="timeline-event"][data-type="command.run"]');
    await expect.poll(() => runs.count(), { timeout: 10_000 }).toBe(2);
    expect(await runs.first().innerText()).toContain('hostname');
    await expect.poll(() => runs.last().innerText()).toContain(`${NAMES[1]}: exit 7`);
    // The run's event keeps each host's output tail, folded, as text; a host that printed nothing has none.
    const kept = runs.last().locator(`[data-testid="timeline-output"][data-host="${NAMES[1]}"]`);
    expect(await runs.last().getByTestId('timeline-output').count()).toBe(1);
    expect(await kept.evaluate((el) => (el as HTMLDetailsElement).open)).toBe(false);
    await kept.locator('summary').click();
    expect(await kept.locator('pre').innerText()).toBe(`refusing on ${NAMES[1]}\n`);
    expect(await kept.locator('summary').innerText()).toMatch(/all of it in runs\/[0-9a-f-]{36}\/fl-bravo\.out/);
    // The first run's tails are each host's name.
    const first = runs.first().locator(`[data-testid="timeline-output"][data-host="${NAMES[2]}"]`);
    await first.locator('summary').click();
    expect(await first.locator('pre').innerText()).toBe(`${NAMES[2]}\n`);
    await screenshot(page, 'fleet-run-timeline-output');
  });

  it('reconnects one pane by hand, and the timeline says so', async () => {
    const alias = NAMES[2]!;
    const before = await events('session.reconnected', alias).count();
    await pane(alias).getByTestId('reconnect').click();
    await expect.poll(() => events('session.reconnected', alias).count(), { timeout: 60_000 }).toBe(before + 1);
    await waitReady(alias);
    await expect.poll(() => events('session.disconnected', alias).count()).toBeGreaterThanOrEqual(1);
  });

  it('shows reconnecting (attempt n) while a host is down, and ready again once its sshd is back', async () => {
    const alias = NAMES[0]!;
    await fleet.stopHost(alias);
    await expect.poll(() => pane(alias).getByTestId('terminal-state').innerText(), { timeout: 30_000 }).toMatch(/^reconnecting \(attempt [2-9]\)/);
    expect(await pane(alias).getByTestId('reconnect-notice').innerText()).toMatch(/reconnecting \(attempt \d+\): .*fl-alpha/);
    const attempt = Number(await pane(alias).getByTestId('terminal-state').getAttribute('data-attempt'));
    expect(attempt).toBeGreaterThanOrEqual(2);
    await expect.poll(() => page.getByTestId('reconnect-all').innerText()).toContain('Reconnect all (1)');
    await screenshot(page, 'fleet-reconnecting');
    await fleet.startHost(alias);
    await waitReady(alias, 90_000);
    await expect.poll(() => events('session.disconnected', alias).count(), { timeout: 10_000 }).toBeGreaterThanOrEqual(1);
    await expect.poll(() => events('session.reconnected', alias).count(), { timeout: 10_000 }).toBeGreaterThanOrEqual(1);
    await expect.poll(() => page.getByTestId('reconnect-all').count()).toBe(0);
    await screenshot(page, 'fleet-reconnected');
  });

  it('"Reconnect all" brings back a restarted host without waiting for the backoff', async () => {
    const alias = NAMES[1]!;
    await fleet.stopHost(alias);
    await expect.poll(() => stateOf(alias), { timeout: 30_000 }).toBe('reconnecting');
    await fleet.startHost(alias);
    const before = await events('session.reconnected', alias).count();
    await page.getByTestId('reconnect-all').click();
    await waitReady(alias);
    await expect.poll(() => events('session.reconnected', alias).count(), { timeout: 10_000 }).toBe(before + 1);
  });

  it('asks about an unknown host key beside the grid, and "accept and save" connects and writes it', async () => {
    await connectOnly(['fl-fresh']);
    const prompt = page.locator('[data-testid="hostkey-prompt"][data-host="fl-fresh"]');
    await prompt.waitFor({ timeout: 30_000 });
    expect(await prompt.getByTestId('hostkey-fingerprint').innerText()).toMatch(/^SHA256:/);
    await screenshot(page, 'fleet-hostkey-prompt');
    await prompt.getByTestId('hostkey-accept-save').click();
    await waitReady('fl-fresh');
    expect(readFileSync(freshKnownHosts, 'utf8')).toContain(fleet.hosts[0]!.hostKeyPub.split(' ')[1]);
  });

  it('asks for a PAM password in the window once for both hosts, never echoes or records it', async () => {
    const aliases = pam.hosts.map((h) => h.alias);
    await connectOnly(aliases);
    const prompt = page.getByTestId('auth-prompt').first();
    await prompt.waitFor({ timeout: 30_000 });
    // Both hosts ask the same question: one card with their count.
    await expect.poll(() => page.getByTestId('auth-prompt').count(), { timeout: 20_000 }).toBe(1);
    await expect.poll(() => prompt.getAttribute('data-count'), { timeout: 20_000 }).toBe('2');
    expect(await prompt.getByTestId('auth-hosts').innerText()).toContain('2 hosts ask');
    const input = prompt.getByTestId('auth-input');
    expect(await input.count()).toBe(1);
    expect(await input.getAttribute('type')).toBe('password');
    // Typed key by key, as a person would: no global shortcut may swallow or echo the keys.
    await input.click();
    await input.pressSequentially(PASSWORD);
    expect(await input.inputValue()).toBe(PASSWORD);
    await prompt.getByTestId('auth-for-all').check();
    await screenshot(page, 'fleet-auth-prompt');
    expect(await page.locator('body').innerText()).not.toContain(PASSWORD);
    await prompt.getByTestId('auth-submit').click();
    for (const alias of aliases) await waitReady(alias);
    await expect.poll(() => page.getByTestId('auth-prompt').count()).toBe(0);

    // The shells really belong to the user who typed the password.
    const panel = page.getByTestId('run-panel');
    await panel.getByTestId('run-source').selectOption('selected');
    await panel.getByTestId('run-command').fill('whoami');
    await panel.getByTestId('run-submit').click();
    // The run opens its own connections, so PAM asks again: the window shows it while hosts are pending.
    const again = page.getByTestId('auth-prompt').first();
    await again.waitFor({ timeout: 30_000 });
    await expect.poll(() => panel.getByTestId('run-pending').innerText()).toContain('waiting for 2');
    await again.getByTestId('auth-input').fill(PASSWORD);
    await again.getByTestId('auth-for-all').check();
    await again.getByTestId('auth-submit').click();
    await expect.poll(() => panel.getByTestId('run-output').getAttribute('data-status'), { timeout: 60_000 }).toBe('done');
    for (const alias of aliases) expect(await panel.locator(`[data-testid="run-host"][data-host="${alias}"]`).getAttribute('data-exit')).toBe('0');
    expect(await panel.getByTestId('run-result').innerText()).toContain(USER);
    await screenshot(page, 'fleet-auth-connected');

    expect(await page.locator('body').innerText()).not.toContain(PASSWORD);
    expect(await page.content()).not.toContain(PASSWORD);
    const timeline = await page.locator('[data-testid="timeline-event"]').allInnerTexts();
    expect(timeline.join('\n')).toContain('fl-pam1');
    expect(timeline.join('\n')).not.toContain(PASSWORD);
    const files = filesUnder(app.home);
    const journals = files.filter((f) => f.endsWith('.jsonl'));
    expect(journals.length).toBeGreaterThan(0);
    for (const f of files) expect(readFileSync(f).includes(PASSWORD), `${f} holds the password`).toBe(false);
    expect(app.output()).not.toContain(PASSWORD);
  });
  it('a declined password leaves that host out of the run, with the reason on its row', async () => {
    const panel = page.getByTestId('run-panel');
    for (const row of await page.getByTestId('host').all()) {
      await row.locator('input[type="checkbox"]').setChecked((await row.getAttribute('data-host')) === 'fl-pam1');
    }
    await panel.getByTestId('run-source').selectOption('selected');
    await panel.getByTestId('run-command').fill('true');
    await panel.getByTestId('run-submit').click();
    const prompt = page.locator('[data-testid="auth-prompt"][data-host="fl-pam1"]');
    await prompt.waitFor({ timeout: 30_000 });
    await prompt.getByTestId('auth-decline').click();
    // Declining keyboard-interactive leaves password authentication, which asks in its turn: decline
    // whatever is asked until the run gives up on the host.
    const settle = async () => {
      const open = page.getByTestId('auth-prompt');
      if ((await open.count()) > 0) await open.first().getByTestId('auth-decline').click({ timeout: 2000 }).catch(() => undefined);
      return panel.getByTestId('run-output').getAttribute('data-status');
    };
    await expect.poll(settle, { timeout: 60_000 }).toBe('done');
    const row = panel.locator('[data-testid="run-host"][data-host="fl-pam1"]');
    expect(await row.getAttribute('data-status')).toBe('failed');
    expect(await row.getByTestId('run-reason').innerText()).toMatch(/^auth: /);
    await screenshot(page, 'fleet-auth-declined');
  });
});
