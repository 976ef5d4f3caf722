/**
 * The desktop window itself, through Playwright's Electron driver. It needs an Electron binary; on
 * machines that cannot download one (like CI here) it reports itself as skipped and says why.
 */
import { describe, expect, it } from 'vitest';
import { existsSync, mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createRequire } from 'node:module';
import { _electron as electron } from 'playwright-core';
import { ROOT } from './harness';

function electronBinary(): { path?: string; why?: string } {
  try {
    const req = createRequire(path.join(ROOT, 'package.json'));
    const bin = req('electron') as unknown;
    if (typeof bin === 'string' && existsSync(bin)) return { path: bin };
    return { why: `the electron package is installed but its binary is missing (${String(bin)}): it was installed with ELECTRON_SKIP_BINARY_DOWNLOAD=1` };
  } catch (err) {
    return { why: `no Electron binary: ${err instanceof Error ? err.message.split('\n')[0] : String(err)}` };
  }
}

describe('Electron window', () => {
  const binary = electronBinary();
  it('opens a locked-down window exposing only window.warroom', async (ctx) => {
    if (!binary.path) {
      const why = `Electron smoke test skipped: ${binary.why}`;
      console.warn(why);
      ctx.skip(why);
      return;
    }
    const home = mkdtempSync(path.join(os.tmpdir(), 'warroom-electron-'));
    const app = await electron.launch({
      executablePath: binary.path,
      args: [path.join(ROOT, 'dist', 'electron', 'main.cjs'), '--practice', '2', ...(process.getuid?.() === 0 ? ['--no-sandbox'] : [])],
      env: { ...process.env, WARROOM_HOME: home },
    });
    try {
      const page = await app.firstWindow();
      await page.waitForLoadState('domcontentloaded');
      expect(page.url()).toMatch(/^app:\/\/warroom\//);
      expect(await page.evaluate(() => typeof (window as unknown as { warroom?: { request?: unknown } }).warroom?.request)).toBe('function');
      expect(await page.evaluate(() => typeof (window as unknown as { require?: unknown }).require)).toBe('undefined');
      expect(await page.evaluate(() => typeof (window as unknown as { process?: unknown }).process)).toBe('undefined');
      const info = await page.evaluate(() =>
        (window as unknown as { warroom: { request(n: string, i: object): Promise<{ mode: string }> } }).warroom.request('app.info', {}),
      );
      expect(info.mode).toBe('electron');
      const csp = await page.evaluate(async () => (await fetch(location.href)).headers.get('content-security-policy'));
      expect(csp).toContain("script-src 'self'");
      await page.evaluate(() => {
        location.href = 'https://example.com/';
      });
      await page.waitForTimeout(500);
      expect(page.url()).toMatch(/^app:\/\/warroom\//);
      // New windows are denied: window.open yields nothing.
      expect(await page.evaluate(() => window.open('https://example.com/') === null)).toBe(true);
      expect(app.windows()).toHaveLength(1);
    } finally {
      await app.close();
    }
  });
});
