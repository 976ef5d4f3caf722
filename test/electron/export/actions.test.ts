/** Action items in every export: the Markdown table (HTML and PDF are printed from it) and the JSON list. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { IncidentService } from '../../../electron/incident/service';
import { incidentExporter } from '../../../electron/export/incident-exporter';
import { parseIncidentExport } from '../../../electron/export/json';
import { renderExport, writeExport } from '../../../electron/export/write';
import type { Incident, JournalEvent } from '../../../shared/model/incident';
import { tempDir } from '../journal/helpers';

let dir: string;
let cleanup: () => void;
let incident: Incident;
let events: JournalEvent[];

beforeAll(async () => {
  ({ dir, cleanup } = tempDir('warroom-export-actions-'));
  const s = await IncidentService.open({ dataDir: dir, actor: 'alice', exporter: incidentExporter });
  try {
    incident = await s.declare({ title: 'Disk full', severity: 'SEV2' });
    const note = await s.note('web-2 disk at 100%');
    const proof = await s.note('df shows 40% free after rotation');
    await s.addAction({ title: 'Rotate <b>logs</b> | daily', type: 'prevent', owner: 'bob', due: '2026-12-15', priority: 'P1', ticket: 'https://t.example/OPS-7?a=1&b=2', from: [note.seq] });
    await s.updateAction({ id: 'A1', status: 'verified', evidence: proof.seq });
    const secret = await s.addAction({ title: 'Change password hunter2', type: 'process', owner: 'eve', due: '2026-12-01', priority: 'P0' });
    await s.redact(secret.event.seq, 'credential');
    await s.addAction({ title: 'Page on disk > 90%', type: 'detect', owner: 'carol', due: '2026-12-20', priority: 'P2' });
    await s.updateAction({ id: 'A3', status: 'not-doing', reason: 'the SLO alert covers it' });
    events = s.active().events;
  } finally {
    await s.close();
  }
});
afterAll(() => cleanup());

const request = (format: 'md' | 'html' | 'json' | 'pdf') => ({ dataDir: dir, incident, events, format });

describe('action items in exports', () => {
  it('are a table in the Markdown write-up, with the events they came from as #seq links, and without redacted ones', async () => {
    const md = await renderExport(request('md'));
    const section = md.slice(md.indexOf('## Action items'), md.indexOf('## Messages sent'));
    expect(section).toContain('| ID | Title | Type | Owner | Due | Priority | Ticket | Status |');
    expect(section).toContain('| A1 | Rotate &lt;b&gt;logs&lt;/b&gt; \\| daily (from [#2](#event-2)) | prevent | bob | 2026-12-15 | P1 | [https://t.example/OPS-7?a=1&amp;b=2](<https://t.example/OPS-7?a=1&b=2>) | verified by [#3](#event-3) |');
    expect(section).toContain('| A3 | Page on disk &gt; 90% | detect | carol | 2026-12-20 | P2 | — | not doing: the SLO alert covers it |');
    expect(section).not.toContain('A2');
    expect(md).not.toContain('hunter2');
  });

  it('are a table in the HTML and the PDF', async () => {
    const html = await renderExport(request('html'));
    expect(html).toMatch(/<th>ID<\/th>\s*<th>Title<\/th>\s*<th>Type<\/th>\s*<th>Owner<\/th>\s*<th>Due<\/th>\s*<th>Priority<\/th>\s*<th>Ticket<\/th>\s*<th>Status<\/th>/);
    expect(html).toContain('<td>Rotate &lt;b&gt;logs&lt;/b&gt; | daily (from <a href="#event-2">#2</a>)</td>');
    expect(html).toContain('<a href="https://t.example/OPS-7?a=1&amp;b=2">');
    expect(html).not.toContain('hunter2');
    const { file } = await writeExport({ ...request('pdf'), out: path.join(dir, 'w.pdf') });
    const text = execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' });
    expect(text).toMatch(/A1\s+Rotate <b>logs<\/b> \| daily/);
    expect(text).toMatch(/verified by #3/);
    expect(text).toMatch(/not doing: the SLO alert covers it/);
  });

  it('are listed in the JSON export', async () => {
    const doc = parseIncidentExport(await renderExport(request('json')));
    expect(doc.actions?.map((a) => [a.id, a.status, a.from, a.evidence ?? null])).toEqual([
      ['A1', 'verified', [2], 3],
      ['A3', 'not-doing', [], null],
    ]);
    expect(JSON.stringify(doc)).not.toContain('hunter2');
  });
});
