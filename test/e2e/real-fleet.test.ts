/**
 * The same flow against real OpenSSH: three sshd processes on 127.0.0.x, each in its own UTS
 * namespace with its own hostname, reached through an ssh config file.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { startSshdFleet, type SshdFleet } from '../fixtures/sshd-fleet';
import { exportedMarkdown, launchChromium, screenshot, startWeb, type WebApp } from './harness';
import { broadcastLine, connectAll, declareIncident, expectOwnHostnames } from './flow';

describe('real sshd fleet in the browser', () => {
  let fleet: SshdFleet;
  let app: WebApp;
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    fleet = await startSshdFleet({ count: 3, hostnames: ['alpha-db', 'bravo-web', 'charlie-cache'], firstAddress: 40 });
    app = await startWeb(['--ssh-config', fleet.sshConfigPath, '--screen-reader'], { SSH_AUTH_SOCK: '' });
    browser = await launchChromium();
    page = await browser.newPage({ viewport: { width: 1600, height: 1000 } });
    await page.goto(app.url);
  });
  afterAll(async () => {
    await browser?.close();
    await app?.stop();
    await fleet?.stop();
  });

  it('does not start the practice fleet when hosts are configured', () => {
    expect(app.output()).not.toContain('practice fleet');
  });

  it('broadcasts to every real host, each pane showing its own hostname, and records it', async () => {
    const aliases = fleet.hosts.map((h) => h.alias);
    await declareIncident(page, 'Real fleet drill', 'SEV3');
    await connectAll(page, aliases);
    await broadcastLine(page, aliases, 'echo $(hostname)');
    await expectOwnHostnames(page, new Map(fleet.hosts.map((h) => [h.alias, h.hostname])));
    await screenshot(page, 'real-fleet-broadcast');

    const event = page.locator('[data-testid="timeline-event"][data-type="command.broadcast"]').last();
    await expect.poll(() => event.innerText(), { timeout: 10_000 }).toContain('echo $(hostname)');
    await page.getByTestId('export-markdown').click();
    await expect.poll(() => exportedMarkdown(app.home).length, { timeout: 10_000 }).toBe(1);
    const markdown = readFileSync(exportedMarkdown(app.home)[0]!, 'utf8');
    expect(markdown).toContain('echo $(hostname)');
    for (const alias of aliases) expect(markdown).toContain(alias);
  });
});
