/** The incident flow a commander runs in the window, shared by the practice and real-sshd e2e tests. */
import { expect } from 'vitest';
import type { Page } from 'playwright-core';
import { terminalText } from './harness';

export async function connectAll(page: Page, aliases: readonly string[]): Promise<void> {
  await page.getByTestId('connect-all').click();
  for (const alias of aliases) {
    await expect
      .poll(() => page.locator(`[data-testid="terminal"][data-host="${alias}"]`).getAttribute('data-state'), { timeout: 60_000 })
      .toBe('ready');
  }
}

export async function declareIncident(page: Page, title: string, severity = 'SEV2'): Promise<void> {
  await page.getByTestId('declare-incident').click();
  await page.getByTestId('incident-title').fill(title);
  await page.getByTestId('incident-severity').selectOption(severity);
  await page.getByTestId('incident-submit').click();
  await expect.poll(() => page.locator('[data-testid="timeline-event"][data-type="incident.declared"]').count(), { timeout: 10_000 }).toBe(1);
}

/** Turns broadcast on, types a line into the first terminal, and checks it reached every host. */
export async function broadcastLine(page: Page, aliases: readonly string[], line: string): Promise<void> {
  const toggle = page.getByTestId('broadcast-toggle');
  if ((await toggle.getAttribute('aria-pressed')) !== 'true') await toggle.click();
  await expect.poll(() => page.getByTestId('broadcast-count').innerText()).toContain(String(aliases.length));
  const first = page.locator(`[data-testid="terminal"][data-host="${aliases[0]}"] textarea.xterm-helper-textarea`);
  await first.focus();
  await page.keyboard.type(line, { delay: 5 });
  await page.keyboard.press('Enter');
}

/** Each pane must show its own host's name as output, on a line of its own. */
export async function expectOwnHostnames(page: Page, aliasToHostname: ReadonlyMap<string, string>): Promise<void> {
  for (const [alias, hostname] of aliasToHostname) {
    await expect
      .poll(async () => (await terminalText(page, alias)).split('\n').map((l) => l.trim()), { timeout: 30_000 })
      .toContain(hostname);
    for (const [other, otherName] of aliasToHostname) {
      if (other === alias) continue;
      const lines = (await terminalText(page, alias)).split('\n').map((l) => l.trim());
      expect(lines, `${alias} shows ${otherName}'s name`).not.toContain(otherName);
    }
  }
}
