/**
 * Starts the real `warroom web` (the built CLI) and drives it with Debian's Chromium. Every process
 * started here is stopped by PID in `close()`, even after a failed test.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync, existsSync, mkdirSync, readdirSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { CHROMIUM, CHROMIUM_ARGS } from '../fixtures/chromium';

export { CHROMIUM, CHROMIUM_ARGS };

export const ROOT = path.resolve(__dirname, '..', '..');
export const CLI = path.join(ROOT, 'dist', 'cli', 'warroom.cjs');
export const ARTIFACTS = path.join(ROOT, 'test', 'artifacts');

export interface WebApp {
  url: string;
  origin: string;
  token: string;
  home: string;
  child: ChildProcess;
  output(): string;
  stop(): Promise<void>;
}

/** Runs `warroom web --port 0 ARGS` with a private WARROOM_HOME and waits for its URL line. */
export async function startWeb(args: string[], env: Record<string, string> = {}): Promise<WebApp> {
  if (!existsSync(CLI)) throw new Error(`${CLI} is missing: run npm run build first`);
  const home = env.WARROOM_HOME ?? mkdtempSync(path.join(os.tmpdir(), 'warroom-e2e-'));
  const child = spawn(process.execPath, [CLI, 'web', '--port', '0', ...args], {
    env: { ...process.env, WARROOM_HOME: home, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  child.stdout!.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr!.on('data', (d: Buffer) => (out += d.toString()));
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`warroom web printed no URL in 60 s:\n${out}`)), 60_000);
    const check = () => {
      const m = /(http:\/\/127\.0\.0\.1:\d+\/\?token=[A-Za-z0-9_-]+)/.exec(out);
      if (m) {
        clearTimeout(timer);
        resolve(m[1]!);
      }
    };
    child.stdout!.on('data', check);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`warroom web exited with ${code}:\n${out}`));
    });
  });
  const parsed = new URL(url);
  return {
    url,
    origin: parsed.origin,
    token: parsed.searchParams.get('token')!,
    home,
    child,
    output: () => out,
    stop: async () => {
      if (child.exitCode === null && child.signalCode === null) {
        const exited = new Promise((r) => child.once('exit', r));
        child.kill('SIGTERM');
        const timer = setTimeout(() => child.kill('SIGKILL'), 5000);
        await exited;
        clearTimeout(timer);
      }
      if (!env.WARROOM_HOME) rmSync(home, { recursive: true, force: true });
    },
  };
}

export async function launchChromium(): Promise<Browser> {
  return chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS, headless: true });
}

/** The text xterm exposes to screen readers for one pane: what a user would hear. */
/**
 * A pane's text. xterm refreshes its accessibility tree only for panes on screen, and the grid
 * pages rather than squeezing panes, so the pane is first scrolled into view (a no-op when it is
 * already); callers poll, so the refresh that follows is read on a later try.
 */
export async function terminalText(page: Page, alias: string): Promise<string> {
  const pane = page.locator(`[data-testid="terminal"][data-host="${alias}"]`);
  await pane.evaluate((e) => e.scrollIntoView({ block: 'nearest' }), undefined, { timeout: 2_000 }).catch(() => undefined);
  return pane
    .locator('.xterm-accessibility-tree')
    .innerText({ timeout: 5_000 })
    .catch(() => '');
}

export async function screenshot(page: Page, name: string): Promise<string> {
  mkdirSync(ARTIFACTS, { recursive: true });
  const file = path.join(ARTIFACTS, `${name}.png`);
  await page.screenshot({ path: file, fullPage: false });
  return file;
}

/** Every Markdown write-up exported under a Warroom data directory. */
export function exportedMarkdown(home: string): string[] {
  const found: string[] = [];
  const walk = (dir: string) => {
    if (!existsSync(dir)) return;
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (entry.name.endsWith('.md') && path.basename(dir) === 'exports') found.push(full);
    }
  };
  walk(home);
  return found;
}

export interface WindowOptions {
  /** 1600×1000 unless a test needs another screen. */
  viewport?: { width: number; height: number };
  /** Each step's timeout: 15 s, more where one step waits on 64 hosts. */
  timeout?: number;
}

/**
 * A fresh `warroom web` and a page on it; page errors go into `pageErrors`, and a step that cannot
 * happen fails on its own line, well inside the test's timeout.
 */
export async function openWindow(pageErrors: string[], args: string[] = [], opts: WindowOptions = {}): Promise<{ app: WebApp; browser: Browser; page: Page }> {
  const app = await startWeb(args);
  const browser = await launchChromium();
  const page = await browser.newPage({ viewport: opts.viewport ?? { width: 1600, height: 1000 } });
  page.setDefaultTimeout(opts.timeout ?? 15_000);
  page.on('pageerror', (err) => pageErrors.push(err.message));
  await page.goto(app.url);
  return { app, browser, page };
}
