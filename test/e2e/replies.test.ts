/**
 * Terminal replies in the real window over real OpenSSH and bash: when a host's output asks the
 * terminal something (cursor position, background colour), the pane that showed it answers that
 * host alone, even under broadcast; the answer is not journalled as typed; and a reload, which
 * repaints the panes from scrollback holding the same queries, answers nothing.
 *
 * Each host reads its answer and then waits a second for another: a reply fanned out to every host
 * shows up there as a second answer. An answer that nothing reads lands in bash's command line, so
 * the next command would not run as typed.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { startSshdFleet, type SshdFleet } from '../fixtures/sshd-fleet';
import { launchChromium, screenshot, startWeb, terminalText, type WebApp } from './harness';
import { broadcastLine, connectAll, declareIncident } from './flow';

const CPR = `printf '\\e[6n'; IFS= read -rs -d R -t 20 r1; IFS= read -rs -d R -t 1 r2; echo "cpr$((1+1)):\${r1#*[}:\${r2#*[}:"`;
const BG = `printf '\\e]11;?\\a'; IFS= read -rs -d '\\' -t 20 c1; IFS= read -rs -d '\\' -t 1 c2; c1=\${c1#*;} c2=\${c2#*;}; echo "bg$((1+1)):\${c1%?}:\${c2%?}:"`;
const CLEAN = 'echo "ok-$((6*7))"';
const CLEAN_AFTER_RELOAD = 'echo "ok-$((7*7))"';

/** The lines journalled as typed, in order, from every journal file under the data directory. */
function typedLines(home: string): string[] {
  const lines: string[] = [];
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (entry.name === 'journal.jsonl') {
        for (const raw of readFileSync(full, 'utf8').split('\n')) {
          if (!raw.trim()) continue;
          const event = JSON.parse(raw) as { type: string; data: { line?: string } };
          if (event.type === 'command.broadcast') lines.push(event.data.line ?? '');
        }
      }
    }
  };
  walk(home);
  return lines;
}

describe('terminal replies in the browser', () => {
  let fleet: SshdFleet;
  let app: WebApp;
  let browser: Browser;
  let page: Page;
  let aliases: string[];

  const everyPane = async (match: RegExp) => {
    for (const alias of aliases) await expect.poll(() => terminalText(page, alias), { timeout: 30_000 }).toMatch(match);
  };

  beforeAll(async () => {
    fleet = await startSshdFleet({ count: 3, hostnames: ['ask-one', 'ask-two', 'ask-three'], firstAddress: 96 });
    aliases = fleet.hosts.map((h) => h.alias);
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

  it('answers each host once, under broadcast, and journals only what was typed', async () => {
    await declareIncident(page, 'Terminal queries drill', 'SEV3');
    await connectAll(page, aliases);

    await broadcastLine(page, aliases, CPR);
    await everyPane(/cpr2:\d+;\d+::/);
    await broadcastLine(page, aliases, BG);
    await everyPane(/bg2:rgb:[0-9a-f]{4}\/[0-9a-f]{4}\/[0-9a-f]{4}::/);
    await broadcastLine(page, aliases, CLEAN);
    await everyPane(/ok-42/);
    for (const alias of aliases) expect(await terminalText(page, alias)).not.toMatch(/command not found|No such file/);
    await screenshot(page, 'replies-broadcast');

    await expect.poll(() => typedLines(app.home), { timeout: 10_000 }).toEqual([CPR, BG, CLEAN]);
  });

  it('sends no answers for queries repainted from scrollback after a reload', async () => {
    await page.reload();
    // The repaint holds the queries printed above: it must have happened before the next line is typed.
    for (const alias of aliases) await connectedAgain(alias);
    await everyPane(/bg2:rgb:/);

    await broadcastLine(page, aliases, CLEAN_AFTER_RELOAD);
    await everyPane(/ok-49/);
    for (const alias of aliases) expect(await terminalText(page, alias)).not.toMatch(/command not found|No such file/);
    await screenshot(page, 'replies-after-reload');

    await expect.poll(() => typedLines(app.home), { timeout: 10_000 }).toEqual([CPR, BG, CLEAN, CLEAN_AFTER_RELOAD]);
  });

  async function connectedAgain(alias: string): Promise<void> {
    await expect
      .poll(() => page.locator(`[data-testid="terminal"][data-host="${alias}"]`).getAttribute('data-state'), { timeout: 30_000 })
      .toBe('ready');
  }
});
