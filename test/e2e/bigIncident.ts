/**
 * Big incidents for the e2e tests, written through the journal API in a separate process (the e2e
 * project does not import Node-side code): test/electron/incident/fixtures/write-big-incident.ts,
 * bundled once per test file.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { execFileSync } from 'node:child_process';
import { afterAll } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { ROOT, bundle } from '../fixtures/bundle';
import { launchChromium, startWeb, type WebApp } from './harness';

const bundleDir = mkdtempSync(path.join(os.tmpdir(), 'warroom-e2e-big-writer-'));
afterAll(() => rmSync(bundleDir, { recursive: true, force: true }));
let writer: string | undefined;

/**
 * An incident of `events` events in `home`, made active. `extra`: a line to alter under a forged
 * checkpoint, or `panels` for the fixture's PANEL_DRAFTS right after the declaration.
 */
export async function writeBigIncident(home: string, events: number, extra?: number | 'panels'): Promise<void> {
  writer ??= await bundle(path.join(ROOT, 'test/electron/incident/fixtures/write-big-incident.ts'), path.join(bundleDir, 'write-big-incident.cjs'));
  execFileSync(process.execPath, [writer, home, String(events), ...(extra === undefined ? [] : [String(extra)])], { stdio: ['ignore', 'pipe', 'inherit'] });
}

/** The window on browser mode over `home`, a page with its errors collected, not yet navigated. */
export async function startBigWindow(home: string, pageErrors: string[]): Promise<{ app: WebApp; browser: Browser; page: Page }> {
  const app = await startWeb([], { WARROOM_HOME: home });
  const browser = await launchChromium();
  const page = await browser.newPage({ viewport: { width: 1600, height: 1000 } });
  page.setDefaultTimeout(30_000);
  page.on('pageerror', (err) => pageErrors.push(err.message));
  return { app, browser, page };
}
