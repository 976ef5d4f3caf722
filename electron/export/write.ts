/** Writes an incident's export in any format to its exports/ folder (or where asked). */
import { promises as fs } from 'node:fs';
import path from 'node:path';
import type { Incident, JournalEvent } from '../../shared/model/incident';
import { exportsDir } from '../core/data-layout';
import { PRIVATE_FILE, mkdirPrivate, ownPrivateDir, writeFileAtomic } from '../journal/files';
import { renderHtml } from './html';
import { renderJson } from './json';
import { renderMarkdown } from './markdown';
import { printPdf, type PdfPrinter } from './pdf';
import { listRecordings } from './recordings';
import { loadIncidentConfig, sectionTemplate } from '../incident/config';

export const EXPORT_FORMATS = ['md', 'html', 'pdf', 'json'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];


export interface ExportRequest {
  dataDir: string;
  incident: Incident;
  events: readonly JournalEvent[];
  format: ExportFormat;
  /** Default: exports/<id>.<format> in the incident folder. */
  out?: string;
  /** Who prints a PDF (default: a local Chromium). */
  printer?: PdfPrinter;
}

/** The export's text (none for PDF), without writing it anywhere. */
export async function renderExport(req: Omit<ExportRequest, 'out'>): Promise<string> {
  const { incident, events } = req;
  const template = sectionTemplate(await loadIncidentConfig(req.dataDir), incident.kind);
  if (req.format === 'json') return renderJson(incident, events, { template });
  const markdown = renderMarkdown(incident, events, { recordings: await listRecordings(req.dataDir, incident.id), template });
  if (req.format === 'md') return markdown;
  return renderHtml(markdown, `${incident.id}: ${incident.title}`);
}

export async function writeExport(req: ExportRequest): Promise<{ file: string; text?: string }> {
  const dir = exportsDir(req.dataDir, req.incident.id);
  const file = path.resolve(req.out ?? path.join(dir, `${req.incident.id}.${req.format}`));
  // The exports folder is ours; a folder given with --out is the user's, so only new ones are made private.
  if (req.out === undefined) await ownPrivateDir(dir);
  else await mkdirPrivate(path.dirname(file));
  if (req.format === 'pdf') {
    // The PDF is printed from the HTML write-up, which is kept beside it (links to attachments and
    // recordings resolve from the exports folder).
    const html = await renderExport({ ...req, format: 'html' });
    const htmlFile = file.replace(/\.pdf$/i, '') + '.html';
    await writeFileAtomic(htmlFile, html);
    await (req.printer ?? printPdf)(htmlFile, file);
    // The printer creates the PDF with the umask's mode.
    await fs.chmod(file, PRIVATE_FILE);
    return { file };
  }
  const text = await renderExport(req);
  await writeFileAtomic(file, text);
  return { file, text };
}
