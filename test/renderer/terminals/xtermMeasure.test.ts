/**
 * The shared measurements of renderer/terminals/xtermMeasure.ts on real xterm terminals in Debian's
 * Chromium, against the same terminals measured by xterm alone (the page opened with `#own`).
 */
import path from 'node:path';
import { build } from 'esbuild';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { CHROMIUM, CHROMIUM_ARGS } from '../../fixtures/chromium';
import { isA11yManager, isWidthCache } from '../../../renderer/terminals/xtermMeasure';

const ROOT = path.resolve(__dirname, '..', '..', '..');
/** Wide characters and a tab: rows whose text is not one cell per character get a scale other than 1. */
const TEXT = 'sre@web-01:~$ df -h /\r\nFilesystem Size Used Avail Use% Mounted on\r\n/dev/vda1 9.8G 9.8G 0 100% /\r\n日本語 ✓ ok\r\n\tend\r\n';

interface MeasureApi {
  patches(): { widthCache: boolean; rowAlignment: boolean; measured: number; shared: number };
  open(fontSize: number, screenReader: boolean, text: string): Promise<number>;
  widths(i: number): Record<string, number>;
  rows(i: number): Array<{ text: string; transform: string }>;
}

let browser: Browser;
let script = '';
let css = '';

async function newPage(hash: '' | '#own'): Promise<Page> {
  const page = await browser.newPage({ viewport: { width: 900, height: 900 } });
  // about:blank has no hash to read: the page is given one before its script runs.
  await page.goto(`data:text/html,<!doctype html><meta charset="utf-8"><title>measure</title>`);
  await page.evaluate((h) => history.replaceState(null, '', h || '#share'), hash);
  await page.addStyleTag({ content: css });
  await page.addScriptTag({ content: script });
  return page;
}

const call = <T>(page: Page, fn: (m: MeasureApi, arg: unknown) => T | Promise<T>, arg?: unknown): Promise<T> =>
  page.evaluate(({ body, a }) => new Function('m', 'a', `return (${body})(m, a)`)((window as unknown as { measure: MeasureApi }).measure, a) as T, { body: fn.toString(), a: arg });

beforeAll(async () => {
  const bundle = await build({ entryPoints: [path.join(ROOT, 'test/renderer/terminals/xtermMeasurePage.ts')], bundle: true, write: false, format: 'iife', target: 'chrome120', logLevel: 'warning' });
  script = bundle.outputFiles[0]?.text ?? '';
  css = readFileSync(path.join(ROOT, 'node_modules/@xterm/xterm/css/xterm.css'), 'utf8');
  browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS, headless: true });
}, 120_000);

afterAll(async () => {
  await browser?.close();
});

describe('xtermMeasure in Chromium', () => {
  it('terminals with the same font share their character widths, and measure what xterm measures alone', async () => {
    const shared = await newPage('');
    const own = await newPage('#own');
    // The first terminal measures as xterm does (its first width, before the patch, too).
    const a = await call(shared, (m, t) => m.open(13, false, t as string), TEXT);
    const b = await call(shared, (m, t) => m.open(13, false, t as string), TEXT);
    const afterFirst = await call(shared, (m) => m.patches());
    expect(afterFirst.widthCache).toBe(true);
    const b2 = await call(shared, (m, t) => m.open(13, false, t as string), TEXT);
    const afterSecond = await call(shared, (m) => m.patches());
    // The third terminal measured nothing of its own: every width came from the others'.
    expect(afterSecond.measured).toBe(afterFirst.measured);
    expect(afterSecond.shared).toBeGreaterThan(afterFirst.shared);
    // Another font size is another font: measured again.
    const c = await call(shared, (m, t) => m.open(16, false, t as string), TEXT);
    expect((await call(shared, (m) => m.patches())).measured).toBeGreaterThan(afterSecond.measured);

    const alone = await call(own, (m, t) => m.open(13, false, t as string), TEXT);
    const aloneBig = await call(own, (m, t) => m.open(16, false, t as string), TEXT);
    const ownWidths = await call(own, (m, i) => m.widths(i as number), alone);
    expect(Object.keys(ownWidths).length).toBeGreaterThan(10);
    expect(await call(shared, (m, i) => m.widths(i as number), a)).toEqual(ownWidths);
    expect(await call(shared, (m, i) => m.widths(i as number), b)).toEqual(ownWidths);
    expect(await call(shared, (m, i) => m.widths(i as number), b2)).toEqual(ownWidths);
    expect(await call(shared, (m, i) => m.widths(i as number), c)).toEqual(await call(own, (m, i) => m.widths(i as number), aloneBig));
    await shared.close();
    await own.close();
  }, 120_000);

  it("aligns every terminal's screen-reader rows in one frame, to the scale xterm gives them alone", async () => {
    const shared = await newPage('');
    const own = await newPage('#own');
    const first = await call(shared, (m, t) => m.open(13, true, t as string), TEXT);
    const second = await call(shared, (m, t) => m.open(13, true, t as string), TEXT);
    expect((await call(shared, (m) => m.patches())).rowAlignment).toBe(true);
    const alone = await call(own, (m, t) => m.open(13, true, t as string), TEXT);
    const want = await call(own, (m, i) => m.rows(i as number), alone);
    // The wide characters' row is scaled (its text is narrower or wider than its cells).
    expect(want.some((r) => r.text.includes('日本語') && r.transform.startsWith('scaleX('))).toBe(true);
    const scale = (t: string) => Number(/scaleX\(([^)]+)\)/.exec(t)?.[1] ?? '1');
    for (const i of [first, second]) {
      const got = await call(shared, (m, n) => m.rows(n as number), i);
      expect(got.map((r) => r.text)).toEqual(want.map((r) => r.text));
      got.forEach((r, k) => expect(scale(r.transform)).toBeCloseTo(scale(want[k]?.transform ?? ''), 6));
    }
    await shared.close();
    await own.close();
  }, 120_000);
});

describe('xtermMeasure guards', () => {
  it("leave parts that are not xterm 6's alone", () => {
    class WidthCache {
      _font = 'monospace';
      _fontSize = 13;
      _weight = 'normal';
      _weightBold = 'bold';
      _measure(c: string, variant: number): number {
        return c.length + variant;
      }
    }
    expect(isWidthCache(new WidthCache())).toBe(true);
    // A renamed field, a measure with another signature: xterm changed, and keeps its own code.
    expect(isWidthCache(Object.assign(new WidthCache(), { _fontSize: '13' }))).toBe(false);
    class Changed extends WidthCache {
      override _measure(c: string): number {
        return c.length;
      }
    }
    expect(isWidthCache(new Changed())).toBe(false);
    expect(isWidthCache(undefined)).toBe(false);

    class Manager {
      _rowColumns = new WeakMap<object, number[]>();
      _renderService = { dimensions: { css: { cell: { width: 7 } } } };
      _alignRowWidth(element: unknown): void {
        void element;
      }
    }
    expect(isA11yManager(new Manager())).toBe(true);
    expect(isA11yManager(Object.assign(new Manager(), { _rowColumns: new Map() }))).toBe(false);
    expect(isA11yManager(Object.assign(new Manager(), { _renderService: {} }))).toBe(false);
    expect(isA11yManager(null)).toBe(false);
  });
});
