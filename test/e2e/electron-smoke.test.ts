/**
 * The desktop window itself, through Playwright's Electron driver. It needs an Electron binary; on
 * machines that cannot download one (like CI here) it reports itself as skipped and says why.
 */
import { describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { _electron as electron, type ElectronApplication } from 'playwright-core';
import { ROOT } from './harness';

/** The binary the electron package recorded; require('electron') would try to download a missing one. */
function electronBinary(): { path?: string; why?: string } {
  const pkg = path.join(ROOT, 'node_modules', 'electron');
  const pathFile = path.join(pkg, 'path.txt');
  if (!existsSync(pathFile)) {
    return { why: `no Electron binary: ${pathFile} is missing, as the package was installed with ELECTRON_SKIP_BINARY_DOWNLOAD=1 (no download is possible here)` };
  }
  const bin = path.join(process.env.ELECTRON_OVERRIDE_DIST_PATH ?? path.join(pkg, 'dist'), readFileSync(pathFile, 'utf8').trim());
  return existsSync(bin) ? { path: bin } : { why: `no Electron binary at ${bin}` };
}

/** The desktop app on two practice hosts, with a data folder of its own; `env` adds to the process's. */
function launch(binary: string, env: Record<string, string> = {}): Promise<ElectronApplication> {
  const home = mkdtempSync(path.join(os.tmpdir(), 'warroom-electron-'));
  return electron.launch({
    executablePath: binary,
    args: [path.join(ROOT, 'dist', 'electron', 'main.cjs'), '--practice', '2', ...(process.getuid?.() === 0 ? ['--no-sandbox'] : [])],
    env: { ...process.env, WARROOM_HOME: home, ...env },
  });
}

/** The window's one bridge, typed for the few requests these tests make. */
type Bridge = { warroom: { request(name: string, input: object): Promise<unknown> } };

describe('Electron window', () => {
  const binary = electronBinary();
  /** The binary's path, or undefined after marking the test skipped with the reason. */
  const binaryOrSkip = (ctx: { skip(note?: string): void }): string | undefined => {
    if (binary.path) return binary.path;
    const why = `Electron smoke test skipped: ${binary.why}`;
    console.warn(why);
    ctx.skip(why);
    return undefined;
  };

  it('opens a locked-down window exposing only window.warroom', async (ctx) => {
    const bin = binaryOrSkip(ctx);
    if (!bin) return;
    const app = await launch(bin);
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

  // Issue #8: the desktop app prints PDF with Electron's own webContents.printToPDF. No Chromium is
  // reachable here (WARROOM_CHROMIUM names a missing file), so a PDF can only come from Electron.
  it('exports the write-up as PDF with Electron itself, no Chromium needed', async (ctx) => {
    const bin = binaryOrSkip(ctx);
    if (!bin) return;
    const app = await launch(bin, { WARROOM_CHROMIUM: path.join(os.tmpdir(), 'no-such-chromium') });
    try {
      const page = await app.firstWindow();
      await page.waitForLoadState('domcontentloaded');
      const title = 'Checkout 502s after the cache deploy';
      const reply = await page.evaluate(async (t) => {
        const bridge = (window as unknown as Bridge).warroom;
        await bridge.request('incident.declare', { title: t, severity: 'SEV2' });
        return bridge.request('export.file', { format: 'pdf' });
      }, title);
      const file = (reply as { path: string }).path;
      expect(readFileSync(file).subarray(0, 5).toString('latin1')).toBe('%PDF-');
      const text = execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' });
      expect(text).toContain(title);
    } finally {
      await app.close();
    }
  });
});
