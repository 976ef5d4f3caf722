import { GENESIS_HASH, type Incident, type JournalEvent } from '../../shared/model/incident';
import { INCIDENT_EXPORT_VERSION, IncidentExport } from '../../shared/schema/incidentExport';
import { foldState } from '../incident/state';
import { toDetails } from '../incident/details';

/** The whole incident as a JSON document that matches shared/schema/incident-export.v1.schema.json. */
export function renderJson(incident: Incident, events: readonly JournalEvent[], now: Date = new Date()): string {
  const doc: IncidentExport = {
    format: 'warroom.incident-export',
    version: INCIDENT_EXPORT_VERSION,
    exportedAt: now.toISOString(),
    incident,
    chain: { algorithm: 'sha256', canonical: 'warroom-journal-v1', count: events.length, head: events.at(-1)?.hash ?? GENESIS_HASH },
    details: toDetails(foldState(events), events),
    events: [...events],
  };
  return `${JSON.stringify(doc, null, 2)}\n`;
}

/** Checks a document against the schema, for readers of exports. */
export function parseIncidentExport(text: string): IncidentExport {
  return IncidentExport.parse(JSON.parse(text));
}
