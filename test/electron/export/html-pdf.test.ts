/**
 * The HTML and PDF write-ups, through the real service and the real CLI: hostile text from notes
 * and commands stays text, and the PDF (printed by Debian's Chromium) holds the write-up.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { IncidentService } from '../../../electron/incident/index';
import { findChromium, printPdf } from '../../../electron/export/pdf';
import { buildCli, runCli } from '../cli/cli';
import { exporterPrinting, incidentExporter } from '../../../electron/export/incident-exporter';

/** A 5,000-character word (a token, a base64 blob) and a long command line: every character must print. */
const LONG_WORD = Array.from({ length: 5000 }, (_, i) => 'abcdefghijklmnopqrstuvwxyz0123456789'[(i * 7) % 36]).join('');
const LONG_COMMAND = `kubectl -n payments patch deployment checkout --type=json -p='${JSON.stringify(Array.from({ length: 40 }, (_, i) => ({ op: 'replace', path: `/spec/template/spec/containers/0/env/${i}/value`, value: `v${i}` })))}'`;
const squeeze = (text: string) => text.replace(/\s+/g, '');

const HOSTILE = '<img src=x onerror=alert(1)> [click](javascript:alert(2)) <script>alert(3)</script>';

describe('HTML and PDF export', () => {
  let home: string;
  let id: string;
  beforeAll(async () => {
    home = mkdtempSync(path.join(os.tmpdir(), 'warroom-html-'));
    const service = await IncidentService.open({ dataDir: home, actor: 'alice', exporter: incidentExporter });
    try {
      id = (await service.declare({ title: 'Checkout <b>502s</b>', severity: 'SEV1' })).id;
      await service.note(HOSTILE);
      await service.record({ type: 'command.broadcast', actor: 'alice', data: { line: 'df -h | grep "/var"', hosts: ['web-01', 'web-02'] } });
      await service.note(`token ${LONG_WORD} seen in the logs`);
      await service.record({ type: 'command.broadcast', actor: 'alice', data: { line: LONG_COMMAND, hosts: ['web-01'] } });
      const { file } = await service.exportAs('html');
      expect(file.endsWith(`${id}.html`)).toBe(true);
      expect(service.active().events.some((e) => e.type === 'export')).toBe(false);
    } finally {
      await service.close();
    }
  });
  afterAll(() => rmSync(home, { recursive: true, force: true }));

  it('renders user and terminal text as text, with a CSP that forbids scripts', () => {
    const html = readFileSync(path.join(home, 'incidents', id, 'exports', `${id}.html`), 'utf8');
    expect(html).toContain(`<meta http-equiv="Content-Security-Policy" content="default-src 'none';`);
    expect(html).not.toMatch(/<script|<img|<[^>]*\sonerror=|href="javascript:/i);
    expect(html).toContain('&lt;img src=x onerror=alert(1)&gt;');
    expect(html).toContain('Checkout &lt;b&gt;502s&lt;/b&gt;');
    expect(html).toContain('df -h | grep &quot;/var&quot;');
    expect(html).toMatch(/<table>/);
  });

  it('prints the write-up to PDF from the CLI, and the PDF holds its text', async (ctx) => {
    if (!findChromium()) {
      console.warn('PDF export test skipped: no Chromium on this machine');
      ctx.skip('no Chromium');
      return;
    }
    const dir = mkdtempSync(path.join(os.tmpdir(), 'warroom-cli-'));
    try {
      const cli = await buildCli(dir);
      const out = path.join(dir, 'writeup.pdf');
      const r = await runCli(cli, ['export', id, '--format', 'pdf', '--out', out], { WARROOM_HOME: home });
      expect(r.code, r.stderr).toBe(0);
      expect(r.stdout.trim()).toBe(out);
      expect(readFileSync(out).subarray(0, 5).toString()).toBe('%PDF-');
      const text = execFileSync('pdftotext', ['-layout', out, '-'], { encoding: 'utf8' });
      expect(text).toContain('Checkout <b>502s</b>');
      expect(text).toContain('df -h | grep "/var"');
      expect(text).toContain('<img src=x onerror=alert(1)>');
      // The page is kept for looking at: test/artifacts/writeup-1.png
      const artifacts = path.resolve(__dirname, '../../artifacts');
      execFileSync('mkdir', ['-p', artifacts]);
      execFileSync('pdftoppm', ['-png', '-r', '60', '-f', '1', '-l', '1', out, path.join(artifacts, 'writeup')]);
      expect(existsSync(path.join(artifacts, 'writeup-1.png'))).toBe(true);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('keeps every character of a 5,000-character word and of a long command in the PDF', async (ctx) => {
    if (!findChromium()) {
      ctx.skip('no Chromium');
      return;
    }
    const service = await IncidentService.open({ dataDir: home, actor: 'alice', exporter: incidentExporter });
    let file = '';
    try {
      file = (await service.exportAs('pdf')).file;
    } finally {
      await service.close();
    }
    const text = squeeze(execFileSync('pdftotext', [file, '-'], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 }));
    expect(text).toContain(LONG_WORD);
    expect(text).toContain(squeeze(LONG_COMMAND));
  });
});

describe('the PDF printer port', () => {
  it("prints through the printer the app gives (the desktop app's printToPDF), from the HTML kept beside it", async () => {
    const home = mkdtempSync(path.join(os.tmpdir(), 'warroom-printer-'));
    const printed: Array<{ html: string; pdf: string }> = [];
    // The desktop printer cannot run here (no Electron); this one prints with the same local
    // Chromium the CLI uses when there is one, so the port is exercised end to end either way.
    const printer = async (html: string, pdf: string) => {
      printed.push({ html, pdf });
      if (findChromium()) await printPdf(html, pdf);
      else writeFileSync(pdf, '%PDF-1.4\n');
    };
    const service = await IncidentService.open({ dataDir: home, actor: 'alice', exporter: exporterPrinting(printer) });
    try {
      const id = (await service.declare({ title: 'Printer port', severity: 'SEV3' })).id;
      const { file } = await service.exportAs('pdf');
      expect(printed).toEqual([{ html: path.join(home, 'incidents', id, 'exports', `${id}.html`), pdf: file }]);
      expect(readFileSync(file).subarray(0, 5).toString()).toBe('%PDF-');
      expect(statSync(file).mode & 0o777).toBe(0o600);
    } finally {
      await service.close();
      rmSync(home, { recursive: true, force: true });
    }
  }, 120_000);
});
