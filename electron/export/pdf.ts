/**
 * PDF from the HTML write-up, printed by a local Chromium in headless mode: offline, and the same
 * engine the window uses. Where no Chromium is installed, the error says what to do instead.
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';

const CANDIDATES = ['/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome', '/usr/bin/google-chrome-stable', '/Applications/Google Chrome.app/Contents/MacOS/Google Chrome'];

/**
 * Prints an HTML file to a PDF file. The CLI and browser mode use a local Chromium (`printPdf`);
 * the desktop app passes its own, Electron's `webContents.printToPDF` (electron/main.ts), so the
 * user needs no browser installed.
 */
export type PdfPrinter = (htmlFile: string, pdfFile: string) => Promise<void>;

export function findChromium(env: NodeJS.ProcessEnv = process.env): string | undefined {
  const override = env.WARROOM_CHROMIUM;
  if (override) return existsSync(override) ? override : undefined;
  return CANDIDATES.find((c) => existsSync(c));
}

export const printPdf: PdfPrinter = (htmlFile, pdfFile) => printWithChromium(htmlFile, pdfFile);

async function printWithChromium(htmlFile: string, pdfFile: string, timeoutMs = 60_000): Promise<void> {
  const chromium = findChromium();
  if (!chromium) {
    throw new Error('PDF export needs Chromium (apt-get install chromium, or set WARROOM_CHROMIUM); the HTML export prints to PDF from any browser');
  }
  // A private profile: nothing from the user's browser, and nothing left behind.
  const profile = mkdtempSync(path.join(os.tmpdir(), 'warroom-pdf-'));
  const args = [
    '--headless',
    '--disable-gpu',
    '--disable-background-networking',
    '--disable-component-update',
    '--no-first-run',
    '--disable-sync',
    `--user-data-dir=${profile}`,
    '--no-pdf-header-footer',
    `--print-to-pdf=${pdfFile}`,
    ...(process.getuid?.() === 0 ? ['--no-sandbox'] : []),
    pathToFileURL(htmlFile).href,
  ];
  try {
    await new Promise<void>((resolve, reject) => {
      const child = spawn(chromium, args, { stdio: ['ignore', 'ignore', 'pipe'] });
      let stderr = '';
      child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
      const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
      child.on('error', reject);
      child.on('exit', (code, signal) => {
        clearTimeout(timer);
        if (code === 0 && existsSync(pdfFile)) resolve();
        else reject(new Error(`${chromium} could not print ${htmlFile} (${signal ?? `exit ${code}`}): ${stderr.trim().split('\n').slice(-3).join(' ')}`));
      });
    });
  } finally {
    rmSync(profile, { recursive: true, force: true });
  }
}
