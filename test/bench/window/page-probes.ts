/**
 * Measurements taken inside a page, the same for Warroom's window and the floor page: both mark
 * their panes `[data-testid="terminal"][data-host=...]` and run xterm in screen-reader mode, whose
 * row text xterm refreshes when it renders the rows.
 */
import type { Page } from 'playwright-core';

const pane = (alias: string) => `[data-testid="terminal"][data-host="${alias}"]`;

export interface LongTasks {
  count: number;
  /** The longest, in ms (0 when none). */
  max: number;
}

export interface Frames extends LongTasks {
  intervals: number[];
}

/** requestAnimationFrame deltas for `ms`, and the long tasks (> 50 ms) seen meanwhile. */
export function sampleFrames(page: Page, ms: number): Promise<Frames> {
  return page.evaluate(
    (duration) =>
      new Promise<Frames>((resolve) => {
        let count = 0;
        let max = 0;
        const observer = new PerformanceObserver((list) => {
          for (const e of list.getEntries()) {
            count += 1;
            max = Math.max(max, e.duration);
          }
        });
        try {
          observer.observe({ type: 'longtask', buffered: false });
        } catch {
          /* no long-task timing here: counted as none */
        }
        const intervals: number[] = [];
        let last = performance.now();
        const end = last + duration;
        const tick = (t: number) => {
          intervals.push(t - last);
          last = t;
          if (t < end) requestAnimationFrame(tick);
          else {
            observer.disconnect();
            resolve({ intervals, count, max });
          }
        };
        requestAnimationFrame(tick);
      }),
    ms,
  );
}

/**
 * Starts keeping the page's long tasks in `window.benchLongTasks` (also usable as an init script, to
 * catch those of the page's own start); `takeLongTasks` reads and clears them.
 */
export function recordLongTasks(): void {
  const w = window as unknown as { benchLongTasks?: number[] };
  if (w.benchLongTasks) return;
  const tasks: number[] = [];
  w.benchLongTasks = tasks;
  try {
    new PerformanceObserver((list) => list.getEntries().forEach((e) => tasks.push(e.duration))).observe({ type: 'longtask', buffered: true });
  } catch {
    /* no long-task timing here: counted as none */
  }
}

export function takeLongTasks(page: Page): Promise<LongTasks> {
  return page.evaluate(() => {
    const tasks = (window as unknown as { benchLongTasks?: number[] }).benchLongTasks ?? [];
    const out = { count: tasks.length, max: tasks.reduce((a, b) => Math.max(a, b), 0) };
    tasks.length = 0;
    return out;
  });
}

/**
 * Times one key typed into `alias`'s pane: from the page's keydown to the frame after xterm drew the
 * echo (the pane's row text shows `expected`). Resolves with ms, or NaN after 10 s.
 */
export async function keyToPaint(page: Page, alias: string, key: string, expected: string): Promise<number> {
  await page.evaluate(
    ({ selector, want }) => {
      const tree = document.querySelector(`${selector} .xterm-accessibility-tree`);
      const w = window as unknown as { keyProbe?: Promise<number> };
      w.keyProbe = new Promise<number>((resolve) => {
        if (!tree) return resolve(Number.NaN);
        let t0 = Number.NaN;
        document.addEventListener('keydown', () => (t0 = performance.now()), { capture: true, once: true });
        const text = () => (tree.textContent ?? '').replace(/\u00a0/g, ' ');
        const timer = setTimeout(() => {
          observer.disconnect();
          resolve(Number.NaN);
        }, 10_000);
        const observer = new MutationObserver(() => {
          if (Number.isNaN(t0) || !text().includes(want)) return;
          observer.disconnect();
          clearTimeout(timer);
          requestAnimationFrame(() => resolve(performance.now() - t0));
        });
        observer.observe(tree, { subtree: true, childList: true, characterData: true });
      });
    },
    { selector: pane(alias), want: expected },
  );
  await page.keyboard.press(key);
  return page.evaluate(() => (window as unknown as { keyProbe: Promise<number> }).keyProbe);
}

/** Focuses a pane's keyboard input, scrolling it into view as a click would. */
export async function focusPane(page: Page, alias: string): Promise<void> {
  const el = page.locator(`${pane(alias)} textarea.xterm-helper-textarea`);
  await page.locator(pane(alias)).scrollIntoViewIfNeeded();
  await el.focus();
}

/**
 * Pastes a line into a pane and presses Enter. A paste event, not typed keys: a 3,000-character line
 * typed key by key takes seconds, and xterm ignores inserted text in screen-reader mode.
 */
export async function typeLine(page: Page, alias: string, line: string): Promise<void> {
  await focusPane(page, alias);
  await page.locator(`${pane(alias)} textarea.xterm-helper-textarea`).evaluate((textarea, text) => {
    const data = new DataTransfer();
    data.setData('text/plain', text);
    textarea.dispatchEvent(new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true }));
  }, line);
  await page.keyboard.press('Enter');
}

/** The pane's row text as xterm last drew it (on-screen panes only). */
export function paneText(page: Page, alias: string): Promise<string> {
  return page
    .locator(`${pane(alias)} .xterm-accessibility-tree`)
    .evaluate((el) => (el as HTMLElement).innerText.replace(/\u00a0/g, ' '))
    .catch(() => '');
}
