/**
 * The blameless lint runs in the window, not only in Node: shared/writeup/lint bundled by Vite for
 * the browser (as the window's build does) and run in Debian's Chromium. The Node side's bundle
 * (esbuild, CommonJS) is exercised by the CLI tests through the built binary.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { build } from 'vite';
import type { Browser } from 'playwright-core';
import { ROOT, launchChromium } from './harness';

let dir: string;
let browser: Browser;
beforeAll(async () => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'warroom-lint-bundle-'));
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('the lint in the browser', () => {
  it('bundles with Vite and lints in Chromium as it does in Node', async () => {
    await build({
      configFile: false,
      logLevel: 'silent',
      root: ROOT,
      build: {
        outDir: dir,
        emptyOutDir: true,
        minify: false,
        lib: { entry: path.join(ROOT, 'shared/writeup/lint/lint.ts'), name: 'warroomLint', formats: ['iife'], fileName: () => 'lint.js' },
      },
    });
    const page = await browser.newPage();
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await page.setContent('<!doctype html><title>lint</title>');
    await page.addScriptTag({ content: readFileSync(path.join(dir, 'lint.js'), 'utf8') });
    const found = await page.evaluate(() => {
      const lint = (globalThis as unknown as { warroomLint: { lintText(t: string, o: { people: string[] }): Array<{ rule: string; words: string; start: number }> } }).warroomLint;
      return lint.lintText('Alice should have checked. It was human error. We ran `git blame` &amp; "operator error".', { people: ['Alice'] });
    });
    expect(errors).toEqual([]);
    expect(found.map((f) => [f.rule, f.words, f.start])).toEqual([
      ['counterfactual', 'should have', 6],
      ['human-error', 'human error', 34],
    ]);
  });
});
