/**
 * A `yes` flood through the window (issue 10 §4): `warroom web --practice 64` (the built CLI, in a
 * process of its own) in Debian's Chromium, `yes` broadcast to 50 hosts, keys typed into a quiet
 * pane while they flood (keydown to the echo drawn), then one broadcast Ctrl-C: the time until every
 * one of the 50 buffers ends in its prompt, and the server's RSS before, during and after.
 * The `flood` part measures the same without a browser (a WebSocket client standing in for xterm).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { CHROMIUM, CHROMIUM_ARGS } from '../fixtures/chromium';
import { rssOf, startTracked, stopTracked } from './proc';
import { info, percentile, row, within, type PartResult, type Row, type Verdict } from './report';
import { focusPane, keyToPaint } from './window/page-probes';

const CLI = path.resolve('dist/cli/warroom.cjs');
const HOSTS = 64;
const FLOOD_HOSTS = Number(process.env.FLOOD_WINDOW_HOSTS ?? 50);
const FLOOD_S = Number(process.env.FLOOD_WINDOW_S ?? 60);
const KEY_GAP_MS = 250;
const AFTER_MS = 5000;
const MB = 2 ** 20;
const TYPED = 'qxzjvkqxzjvk';
const PROMPT = /^sre@[a-z]+-\d+:~\$$/;
const pad = (n: number) => String(n).padStart(2, '0');
/** --practice 64: 32 web, 16 db, 8 cache, 8 lb (electron/practice/layout.ts). */
const ALIASES = [
  ...Array.from({ length: 32 }, (_, i) => `web-${pad(i + 1)}`),
  ...Array.from({ length: 16 }, (_, i) => `db-${pad(i + 1)}`),
  ...Array.from({ length: 8 }, (_, i) => `cache-${pad(i + 1)}`),
  ...Array.from({ length: 8 }, (_, i) => `lb-${pad(i + 1)}`),
];
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function startWarroomWeb(home: string) {
  const child = startTracked(process.execPath, [CLI, 'web', '--port', '0', '--practice', String(HOSTS), '--screen-reader'], {
    env: { ...process.env, WARROOM_HOME: home },
  });
  let out = '';
  child.stderr?.on('data', (d: Buffer) => (out += d.toString()));
  const url = await within(
    60_000,
    'warroom web start',
    new Promise<string>((resolve, reject) => {
      child.once('exit', (code) => reject(new Error(`warroom web exited ${code}: ${out.trim()}`)));
      child.stdout?.on('data', (d: Buffer) => {
        out += d.toString();
        const m = /(http:\/\/127\.0\.0\.1:\d+\/\?token=[A-Za-z0-9_-]+)/.exec(out);
        if (m) resolve(m[1] as string);
      });
    }),
  );
  return { child, url };
}

async function lastLines(page: Page, aliases: readonly string[]): Promise<string[]> {
  return page.evaluate((a) => (window as unknown as { warroomProbe: { tails(x: readonly string[], n: number): string[][] } }).warroomProbe.tails(a, 1).map((t) => t[0] ?? ''), aliases);
}

async function waitFor(what: string, check: () => Promise<boolean>, timeoutMs: number): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > end) throw new Error(`${what}: not within ${timeoutMs / 1000} s`);
    await sleep(100);
  }
}

async function setBroadcast(page: Page, on: boolean): Promise<void> {
  const toggle = page.getByTestId('broadcast-toggle');
  if (((await toggle.getAttribute('aria-pressed')) === 'true') !== on) await toggle.click();
}

/** The skipped notes of the panes (their headers say "skipped 12.4 MB"), in MB, summed. */
async function skippedMb(page: Page): Promise<{ panes: number; mb: number }> {
  const notes = await page.locator('[data-testid="terminal-flow"]').allInnerTexts();
  let mb = 0;
  let panes = 0;
  const unit: Record<string, number> = { B: 1 / MB, KB: 1 / 1024, MB: 1, GB: 1024 };
  for (const text of notes) {
    const m = /skipped ([\d.]+) ([KMG]?B)/.exec(text);
    if (!m) continue;
    panes += 1;
    mb += Number(m[1]) * (unit[m[2] as string] ?? 0);
  }
  return { panes, mb };
}

export async function floodWindowBench(log: (line: string) => void): Promise<PartResult> {
  const home = mkdtempSync(path.join(os.tmpdir(), 'wr-bench-flood-window-'));
  let web: Awaited<ReturnType<typeof startWarroomWeb>> | undefined;
  let browser: Browser | undefined;
  const rows: Row[] = [];
  const verdicts: Verdict[] = [];
  const notes: string[] = [];
  try {
    web = await startWarroomWeb(home);
    const pid = web.child.pid as number;
    browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS, headless: true });
    const page = await browser.newPage({ viewport: { width: 1600, height: 1000 } });
    page.setDefaultTimeout(60_000);
    await page.goto(`${web.url}&probe`);
    await page.getByTestId('connect-all').click();
    await waitFor('64 sessions ready', async () => (await page.locator('[data-testid="terminal"][data-state="ready"]').count()) === HOSTS, 180_000);
    await waitFor('64 prompts', async () => (await lastLines(page, ALIASES)).every((l) => PROMPT.test(l)), 180_000);

    const targets = ALIASES.slice(0, FLOOD_HOSTS);
    const spared = ALIASES.slice(FLOOD_HOSTS);
    const quiet = spared.at(-1) ?? ALIASES.at(-1)!;
    await setBroadcast(page, true);
    await page.locator('[data-testid="broadcast-group"][data-group=""]').click();
    // A click on the element itself: Playwright's uncheck scrolls the paged grid under its own click.
    for (const alias of spared) {
      await page.locator(`[data-testid="terminal"][data-host="${alias}"] [data-testid="broadcast-include"]`).evaluate((el) => {
        if ((el as HTMLInputElement).checked) (el as HTMLInputElement).click();
      });
    }
    await waitFor(`broadcast to ${FLOOD_HOSTS}`, async () => (await page.getByTestId('broadcast-count').innerText()).includes(`Broadcast to ${FLOOD_HOSTS} of ${HOSTS}`), 15_000);
    const rssStart = rssOf(pid);
    await focusPane(page, targets[0] as string);
    await page.keyboard.type('yes');
    await page.keyboard.press('Enter');
    await setBroadcast(page, false);
    await waitFor('the flood on every target', async () => (await lastLines(page, targets)).every((l) => l === 'y'), 60_000);

    const rssSamples: number[] = [];
    const keys: number[] = [];
    await focusPane(page, quiet);
    const started = Date.now();
    let typed = '';
    while (Date.now() - started < FLOOD_S * 1000) {
      rssSamples.push(rssOf(pid));
      if (typed.length >= 20) {
        await page.keyboard.press('Control+u');
        typed = '';
        await sleep(KEY_GAP_MS);
      }
      const key = TYPED[typed.length % TYPED.length] as string;
      typed += key;
      const ms = await keyToPaint(page, quiet, key, `$ ${typed}`);
      keys.push(Number.isNaN(ms) ? 10_000 : ms);
      await sleep(KEY_GAP_MS);
    }
    await page.keyboard.press('Control+u');
    const rssEnd = rssOf(pid);

    await setBroadcast(page, true);
    await focusPane(page, targets[0] as string);
    await page.evaluate(() => document.addEventListener('keydown', () => ((window as unknown as { ctrlC: number }).ctrlC = performance.now()), { capture: true, once: true }));
    await page.keyboard.press('Control+c');
    // In the page, every animation frame: the first and the last buffer to end in its prompt.
    await page.waitForFunction(
      ({ aliases, prompt }) => {
        const w = window as unknown as { warroomProbe: { tails(a: readonly string[], n: number): string[][] }; firstPromptAt?: number; promptsAt?: number };
        const re = new RegExp(prompt);
        const shown = w.warroomProbe.tails(aliases, 1).filter((t) => re.test(t[0] ?? '')).length;
        if (shown > 0) w.firstPromptAt ??= performance.now();
        if (shown < aliases.length) return false;
        w.promptsAt = performance.now();
        return true;
      },
      { aliases: targets, prompt: PROMPT.source },
      { polling: 'raf', timeout: 120_000 },
    );
    const { ctrlC, first } = await page.evaluate(() => {
      const w = window as unknown as { promptsAt: number; firstPromptAt: number; ctrlC: number };
      return { ctrlC: w.promptsAt - w.ctrlC, first: w.firstPromptAt - w.ctrlC };
    });
    await setBroadcast(page, false);
    const skipped = await skippedMb(page);
    await page.screenshot({ path: path.join(os.tmpdir(), 'flood-window-after-ctrl-c.png') });
    await sleep(AFTER_MS);
    const rssAfter = rssOf(pid);

    const k = [...keys].sort((a, b) => a - b);
    log(
      `flood-window: ${FLOOD_HOSTS} hosts: Ctrl-C to the first prompt ${first.toFixed(0)} ms, to every prompt ${ctrlC.toFixed(0)} ms; ` +
        `${skipped.panes} panes say skipped, ${skipped.mb.toFixed(1)} MB; echo p50 ${percentile(k, 50).toFixed(1)} max ${(k.at(-1) ?? NaN).toFixed(1)} ms over ${k.length} keys; ` +
        `RSS ${(rssStart / MB).toFixed(0)} → ${(rssEnd / MB).toFixed(0)} MB (peak ${(Math.max(...rssSamples, rssEnd) / MB).toFixed(0)}), ${(rssAfter / MB).toFixed(0)} MB ${AFTER_MS / 1000} s after`,
    );
    rows.push(row(`flood-window: Ctrl-C on a ${FLOOD_HOSTS}-host \`yes\` flood to the last prompt in the window`, ctrlC, 'ms', 'target', 1000));
    rows.push(info(`flood-window: Ctrl-C to the first prompt in the window`, first, 'ms'));
    rows.push(info(`flood-window: panes saying what was skipped`, skipped.panes, 'panes'));
    rows.push(info(`flood-window: skipped after Ctrl-C, as the panes say`, skipped.mb, 'MB'));
    rows.push(row(`flood-window: keystroke to paint in a quiet pane while ${FLOOD_HOSTS} flood, p50`, percentile(k, 50), 'ms', 'target', 50));
    rows.push(info(`flood-window: keystroke to paint in a quiet pane while ${FLOOD_HOSTS} flood, max`, k.at(-1) ?? NaN, 'ms'));
    rows.push(info(`flood-window: server RSS before the flood`, rssStart / MB, 'MB'));
    rows.push(info(`flood-window: server RSS after ${FLOOD_S} s of flood`, rssEnd / MB, 'MB'));
    rows.push(info(`flood-window: server RSS peak during the flood`, Math.max(...rssSamples, rssEnd) / MB, 'MB'));
    rows.push(info(`flood-window: server RSS ${AFTER_MS / 1000} s after the last prompt`, rssAfter / MB, 'MB'));
    verdicts.push({ what: `Ctrl-C on a ${FLOOD_HOSTS}-host \`yes\` flood shows every prompt in the window within 1 s`, met: ctrlC <= 1000, detail: `${ctrlC.toFixed(0)} ms (first ${first.toFixed(0)} ms)` });
    verdicts.push({
      what: `the window echoes a key in a quiet pane within 50 ms (p50) while ${FLOOD_HOSTS} hosts flood`,
      met: percentile(k, 50) <= 50,
      detail: `p50 ${percentile(k, 50).toFixed(1)}, max ${(k.at(-1) ?? NaN).toFixed(1)} ms over ${k.length} keys`,
    });
    notes.push(`flood-window: ${HOSTS} practice hosts in \`warroom web\`, Chromium ${browser.version()} headless, screen-reader mode; prompts read from the window's buffers (?probe); RSS is the web process's, practice servers included.`);
    if (FLOOD_S !== 60) notes.push(`flood-window: the flood ran ${FLOOD_S} s (FLOOD_WINDOW_S), not 60 s.`);
    return { rows, verdicts, notes };
  } catch (e) {
    for (const [i, p] of (browser?.contexts().flatMap((c) => c.pages()) ?? []).entries()) {
      await p.screenshot({ path: path.join(os.tmpdir(), `flood-window-failed-${i}.png`) }).catch(() => undefined);
    }
    throw e;
  } finally {
    await browser?.close().catch(() => undefined);
    if (web) await stopTracked(web.child);
    rmSync(home, { recursive: true, force: true });
  }
}
