/**
 * The write-up document in every export, from a real journal through the real exporter: sections
 * as written (drafts marked, unwritten ones said once), citations linked to timeline anchors, the
 * timeline in time order with what happened before the declaration apart, no export lines, JSON
 * v2 against its published schema. Each export is rendered in Chromium and kept as a screenshot
 * in test/artifacts/ for a person to look at.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import Ajv2020 from 'ajv/dist/2020';
import { IncidentService } from '../../../electron/incident/service';
import { incidentExporter } from '../../../electron/export/incident-exporter';
import { writeExport } from '../../../electron/export/write';
import { findChromium } from '../../../electron/export/pdf';
import { saveSection } from '../../../electron/incident/writeup';
import { Journal } from '../../../electron/journal/journal';
import { IncidentStore } from '../../../electron/incident/store';
import { journalFile } from '../../../electron/core/data-layout';
import { parseIncidentExport } from '../../../electron/export/json';
import type { Incident, JournalEvent } from '../../../shared/model/incident';

const artifacts = path.resolve(__dirname, '../../artifacts');

/** A full-page-ish screenshot of a file in headless Chromium. */
function screenshot(file: string, png: string): void {
  const chromium = findChromium();
  if (!chromium) throw new Error('no Chromium');
  const profile = mkdtempSync(path.join(os.tmpdir(), 'warroom-shot-'));
  try {
    execFileSync(chromium, ['--headless', '--disable-gpu', '--no-first-run', `--user-data-dir=${profile}`, ...(process.getuid?.() === 0 ? ['--no-sandbox'] : []), `--screenshot=${png}`, '--window-size=1000,2400', pathToFileURL(file).href], { stdio: 'ignore', timeout: 60_000 });
  } finally {
    rmSync(profile, { recursive: true, force: true });
  }
  expect(statSync(png).size).toBeGreaterThan(10_000);
}

describe('the write-up in exports', () => {
  let home: string;
  let incident: Incident;
  let events: JournalEvent[];
  let seq: Record<string, number>;

  beforeAll(async () => {
    home = mkdtempSync(path.join(os.tmpdir(), 'warroom-wexport-'));
    const service = await IncidentService.open({ dataDir: home, actor: 'alice', exporter: incidentExporter });
    try {
      // A session connected before anyone declared: held, then recorded with its own earlier time.
      await service.record({ type: 'session.connected', actor: 'alice', data: { alias: 'web-02', hostname: '10.0.0.2' } });
      await new Promise((r) => setTimeout(r, 15));
      incident = await service.declare({ title: 'Checkout 502s <b>on web</b>', severity: 'SEV2' });
      const note = await service.note('nginx on web-02 is down');
      const run = await service.record({ type: 'command.run', actor: 'alice', data: { line: 'systemctl restart nginx', results: [{ host: 'web-02', exitCode: 0 }] } });
      if (!run) throw new Error('run not recorded');
      await service.exportAs('md');
      const journal = await Journal.open(journalFile(home, incident.id));
      try {
        // What older versions journalled on every export: left out of the write-up's timeline.
        await journal.append({ type: 'export', actor: 'alice', data: { format: 'markdown', path: '/tmp/old.md' } });
        await saveSection(journal, incident.id, { section: 'summary', text: `Checkout returned 502s until nginx was restarted on web-02 (#${note.seq}, #${run.seq}).\n\nNot a citation: \`#${note.seq}\`; not an event: #999.`, base: null }, 'alice');
        await saveSection(journal, incident.id, { section: 'impact', text: `Drafted: web-02 failed (#${run.seq}).`, base: null, origin: 'draft' }, 'warroom');
      } finally {
        await journal.close();
      }
      seq = { note: note.seq, run: run.seq };
      ({ incident, events } = await new IncidentStore(home).read(incident.id));
    } finally {
      await service.close();
    }
    mkdirSync(artifacts, { recursive: true });
  });
  afterAll(() => rmSync(home, { recursive: true, force: true }));

  it('Markdown: sections as written, drafts marked, citations linked, the timeline in time order without exports', async () => {
    const { file, text = '' } = await writeExport({ dataDir: home, incident, events, format: 'md' });
    expect(text).toContain(`## Summary\n\nCheckout returned 502s until nginx was restarted on web-02 ([#${seq.note}](#event-${seq.note}), [#${seq.run}](#event-${seq.run})).`);
    expect(text).toContain(`Not a citation: \`#${seq.note}\`; not an event: #999.`);
    expect(text).toContain(`## Impact\n\n> **Draft**: built from the evidence (version #`);
    expect(text).toContain('## Where we got lucky\n\n_Not written._\n');
    expect(text).toMatch(/^---\nid: "[^"]+"\ntitle: "Checkout 502s \\x3cb\\x3eon web\\x3c\/b\\x3e"\n/);

    const timeline = text.slice(text.indexOf('### Journal timeline'), text.indexOf('### Commands run'));
    const entries = timeline.split('\n').filter((l) => l.startsWith('- '));
    expect(entries.map((l) => /#(\d+) · /.exec(l)?.[1])).toEqual(['2', '1', String(seq.note), String(seq.run)]);
    expect(timeline.indexOf('**Before the declaration**')).toBeLessThan(timeline.indexOf('**Connected**'));
    expect(timeline.indexOf('**From the declaration**')).toBeLessThan(timeline.indexOf('**Declared**'));
    expect(timeline).not.toMatch(/\*\*Export\*\*|\*\*Writeup\*\*/);
    const raw = file.replace(/\.md$/, '.md.txt');
    copyFileSync(file, raw);
    screenshot(raw, path.join(artifacts, 'writeup-md.png'));
  });

  it('HTML: the timeline entries carry id="event-N", citations link to them, the front matter is not shown', async () => {
    const { file, text = '' } = await writeExport({ dataDir: home, incident, events, format: 'html' });
    expect(text).toContain(`<li><a id="event-${seq.run}"></a>`);
    expect(text).toContain(`<a href="#event-${seq.run}">#${seq.run}</a>`);
    expect(text).not.toContain('journal:');
    expect(text).not.toContain('href="#event-999"');
    expect(text).toContain('Checkout 502s &lt;b&gt;on web&lt;/b&gt;');
    screenshot(file, path.join(artifacts, 'writeup-html.png'));
  });

  it('PDF: printed by Chromium from the HTML; page 1 kept as an image', async () => {
    const { file } = await writeExport({ dataDir: home, incident, events, format: 'pdf' });
    const text = execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' });
    expect(text).toContain('Checkout returned 502s until nginx was restarted on web-02');
    expect(text).toContain('Not written.');
    execFileSync('pdftoppm', ['-png', '-r', '70', '-f', '1', '-l', '2', file, path.join(artifacts, 'writeup-pdf')]);
    expect(existsSync(path.join(artifacts, 'writeup-pdf-1.png'))).toBe(true);
  });

  it('JSON v2: the sections with every version, valid against the published v2 schema', async () => {
    const { file, text = '' } = await writeExport({ dataDir: home, incident, events, format: 'json' });
    const doc = parseIncidentExport(text);
    expect(doc.version).toBe(2);
    const summary = doc.writeup.sections.find((s) => s.id === 'summary');
    expect(summary).toMatchObject({ state: 'person', citations: [seq.note, seq.run, 999], unknownCitations: [999], history: [{ base: null, origin: 'person', actor: 'alice' }] });
    expect(doc.writeup.sections.find((s) => s.id === 'impact')).toMatchObject({ state: 'draft', title: 'Impact' });
    const schema = JSON.parse(readFileSync(path.resolve(__dirname, '../../../shared/schema/incident-export.v2.schema.json'), 'utf8')) as object;
    const validate = new Ajv2020({ strict: false }).compile(schema);
    expect(validate(JSON.parse(text)), JSON.stringify(validate.errors)).toBe(true);
    screenshot(file, path.join(artifacts, 'writeup-json.png'));
  });
});
