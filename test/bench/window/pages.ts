/**
 * The two pages the `window` benchmark measures side by side (Warroom's window and the floor page),
 * the fleet they both reach (`warroom web --practice 64`), and the time-bound steps every part is
 * made of: on this 2-core machine a step that hangs must fail with its name, not hang the run.
 */
import path from 'node:path';
import type { ChildProcess } from 'node:child_process';
import type { Browser, Page } from 'playwright-core';
import { startWarroomWebChild } from '../proc';
import { within } from '../report';

export const CLI = path.resolve('dist/cli/warroom.cjs');
export const HOSTS = 64;
/**
 * Wide enough for 4 columns of the window's smallest panes (78 cells) once both side columns are
 * folded, high enough for 4 rows: 16 panes on screen, as the issue's measurement asks.
 */
export const VIEWPORT = { width: 2660, height: 1330 };
export const WANT_VISIBLE = 16;
export const PROMPT = /^sre@[a-z]+-\d+:~\$$/;

const pad = (n: number) => String(n).padStart(2, '0');
/** --practice 64: 32 web, 16 db, 8 cache, 8 lb (electron/practice/layout.ts). */
export const ALIASES = [
  ...Array.from({ length: 32 }, (_, i) => `web-${pad(i + 1)}`),
  ...Array.from({ length: 16 }, (_, i) => `db-${pad(i + 1)}`),
  ...Array.from({ length: 8 }, (_, i) => `cache-${pad(i + 1)}`),
  ...Array.from({ length: 8 }, (_, i) => `lb-${pad(i + 1)}`),
];

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
export type Log = (line: string) => void;

export interface Side {
  name: 'warroom' | 'floor';
  page: Page;
  /** Aliases of the panes on screen, in grid order. */
  visible: string[];
}

/** One named step with a time limit; logs how long it took, so a slow run shows where the time went. */
export async function step<T>(log: Log, what: string, ms: number, work: () => Promise<T>): Promise<T> {
  const started = Date.now();
  const result = await within(ms, `window: ${what}`, work());
  log(`window: ${what} (${((Date.now() - started) / 1000).toFixed(1)} s)`);
  return result;
}

/** Polls `check` every 100 ms; fails naming `what` after `timeoutMs`. */
export async function waitFor(what: string, check: () => Promise<boolean>, timeoutMs: number): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > end) throw new Error(`${what}: not within ${timeoutMs / 1000} s`);
    await sleep(100);
  }
}

/** `warroom web --practice 64 --screen-reader` in its own process; resolves with its URL. */
export function startWarroomWeb(home: string): Promise<{ child: ChildProcess; url: string }> {
  return startWarroomWebChild(home, ['--practice', String(HOSTS), '--screen-reader'], 60_000);
}

export async function openSide(browser: Browser, name: Side['name'], url: string, beforeLoad?: () => void): Promise<Side> {
  const page = await browser.newPage({ viewport: VIEWPORT });
  // Generous: after 640,000 lines of output the window is busy for a while on a loaded machine.
  page.setDefaultTimeout(90_000);
  if (beforeLoad) await page.addInitScript(beforeLoad);
  await page.goto(url);
  return { name, page, visible: [] };
}

/** Panes at least half on screen, in grid order. */
export function visiblePanes(page: Page): Promise<string[]> {
  return page.evaluate(() =>
    Array.from(document.querySelectorAll<HTMLElement>('[data-testid="terminal"]'))
      .filter((el) => {
        const r = el.getBoundingClientRect();
        const h = Math.min(r.bottom, innerHeight) - Math.max(r.top, 0);
        const w = Math.min(r.right, innerWidth) - Math.max(r.left, 0);
        return h > r.height / 2 && w > r.width / 2;
      })
      .map((el) => el.dataset.host ?? ''),
  );
}

/** Each host's last non-blank line in the window's buffers (renderer/app/benchProbe.ts). */
export function lastLines(page: Page, aliases: readonly string[]): Promise<string[]> {
  return page.evaluate(
    (a) => (window as unknown as { warroomProbe: { tails(x: readonly string[], n: number): string[][] } }).warroomProbe.tails(a, 1).map((t) => t[0] ?? ''),
    aliases,
  );
}

/** Waits for a prompt as the last line of every host's buffer, naming the hosts still without one. */
export async function waitForPrompts(page: Page, aliases: readonly string[], timeoutMs: number): Promise<void> {
  let missing: string[] = [];
  await waitFor(
    `prompts on ${aliases.length} hosts`,
    async () => {
      const lines = await lastLines(page, aliases);
      missing = aliases.filter((_, i) => !PROMPT.test(lines[i] ?? ''));
      return missing.length === 0;
    },
    timeoutMs,
  ).catch((e: unknown) => {
    throw new Error(`${e instanceof Error ? e.message : String(e)}: no prompt in ${missing.slice(0, 12).join(', ')}${missing.length > 12 ? ` and ${missing.length - 12} more` : ''}`);
  });
}

export async function setBroadcast(page: Page, on: boolean): Promise<void> {
  const toggle = page.getByTestId('broadcast-toggle');
  if (((await toggle.getAttribute('aria-pressed')) === 'true') !== on) await toggle.click();
}
