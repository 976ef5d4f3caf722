/**
 * WebGL only where a GPU draws it: in a Chromium whose WebGL is software (SwiftShader, as here),
 * every pane uses xterm's DOM renderer, since each software context cost the main thread hundreds
 * of ms (the `window` bench saw a 7 s frame on one wheel step over the grid of 64). The panes still
 * draw their text. Debian's Chromium over browser mode on `--practice 4`.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { launchChromium, screenshot, startWeb, type WebApp } from './harness';
import { connectAll } from './flow';

// --practice 4: 2 web, 1 db, 1 lb (electron/practice/layout.ts).
const ALIASES = ['web-01', 'web-02', 'db-01', 'lb-01'];

describe('WebGL and the GPU', () => {
  let app: WebApp;
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    app = await startWeb(['--practice', '4']);
    browser = await launchChromium();
    page = await browser.newPage({ viewport: { width: 1600, height: 1000 } });
    // Generous: this test shares two cores with full CI runs.
    page.setDefaultTimeout(60_000);
    await page.goto(app.url.replace('?', '?probe&'));
  }, 120_000);
  afterAll(async () => {
    await browser?.close();
    await app?.stop();
  });

  it('draws every pane with the DOM renderer when WebGL is software, with WebGL otherwise', async () => {
    const renderer = await page.evaluate(() => {
      const gl = document.createElement('canvas').getContext('webgl2');
      const info = gl?.getExtension('WEBGL_debug_renderer_info');
      return gl ? String(gl.getParameter(info ? info.UNMASKED_RENDERER_WEBGL : gl.RENDERER)) : 'none';
    });
    await connectAll(page, ALIASES);
    const webgl = () => page.evaluate(() => (window as unknown as { warroomProbe: { webgl(): string[] } }).warroomProbe.webgl());
    const canvases = () => page.locator('[data-testid="terminal"] canvas').count();
    // The two software renderers a Linux Chromium falls back to (renderer/terminals/webglBudget.ts knows more).
    if (renderer === 'none' || /swiftshader|llvmpipe/i.test(renderer)) {
      // The budget is settled after the panes came on screen (registry rebalance): give it time to act.
      await page.waitForFunction(() => document.querySelectorAll('[data-testid="terminal"] .xterm-rows').length === 4);
      await page.evaluate(() => new Promise((r) => setTimeout(r, 500)));
      expect(await webgl()).toEqual([]);
      expect(await canvases()).toBe(0);
      // Drawn all the same: the DOM renderer's rows hold each host's prompt.
      for (const alias of ALIASES) {
        const rows = page.locator(`[data-testid="terminal"][data-host="${alias}"] .xterm-rows`);
        // xterm draws panes on screen only; the grid pages, so bring each one in first.
        await rows.scrollIntoViewIfNeeded();
        await expect.poll(() => rows.innerText(), { timeout: 30_000 }).toContain(`sre@${alias}:~$`);
      }
    } else {
      await expect.poll(webgl, { timeout: 10_000 }).toHaveLength(ALIASES.length);
    }
    await screenshot(page, 'webgl-renderer');
  }, 240_000);
});
