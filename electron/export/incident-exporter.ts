/**
 * export/ in the shape the incident service asks for. The app hands this to IncidentService.open,
 * so incident/ never imports export/ (which reads incident/); the type check here is what keeps
 * the service's formats a subset of the ones export/ can write.
 */
import type { IncidentExporter } from '../incident/service';
import { writeExport } from './write';

export const incidentExporter: IncidentExporter = {
  write: (req) => writeExport(req),
};
