/**
 * export/ in the shape the incident service asks for. The app hands this to IncidentService.open,
 * so incident/ never imports export/ (which reads incident/); the type check here is what keeps
 * the service's formats a subset of the ones export/ can write.
 */
import type { IncidentExporter } from '../incident/service';
import type { PdfPrinter } from './pdf';
import { writeExport } from './write';

export const incidentExporter: IncidentExporter = {
  write: (req) => writeExport(req),
};

/** The same, printing PDFs with the given printer (the desktop app's Electron printer). */
export function exporterPrinting(printer: PdfPrinter | undefined): IncidentExporter {
  return printer ? { write: (req) => writeExport({ ...req, printer }) } : incidentExporter;
}
