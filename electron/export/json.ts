import { GENESIS_HASH, type Incident, type JournalEvent } from '../../shared/model/incident';
import { INCIDENT_EXPORT_VERSION, IncidentExport } from '../../shared/schema/incidentExport';
import { foldState } from '../incident/state';
import { toDetails } from '../incident/details';
import { redactWriteup } from './describe';
import { DEFAULT_TEMPLATE, type SectionTemplate } from '../../shared/model/writeup';
import { sectionVersions, writeupSections } from '../../shared/writeup/document';
import { exportedActions } from './actions';

export interface JsonExportOptions {
  now?: Date;
  /** Section titles for this incident's type (default: DEFAULT_TEMPLATE). */
  template?: SectionTemplate;
}

/**
 * The whole incident as a JSON document that matches shared/schema/incident-export.v2.schema.json.
 * Redacted events (and edits to them) carry {"redacted": reason} instead of their data, as in every
 * other export: a redaction hides content wherever it is shown. Their seqs are listed in
 * chain.withheld; the rest of the chain re-verifies from the document.
 */
export function renderJson(incident: Incident, events: readonly JournalEvent[], opts: JsonExportOptions = {}): string {
  const state = foldState(events);
  const withheld: number[] = [];
  const out = events.map((e) => {
    const edited = e.type === 'event.edited' && typeof e.data.ref === 'number' ? state.redactions.get(e.data.ref) : undefined;
    const redaction = state.redactions.get(e.seq) ?? edited;
    if (!redaction) return e;
    withheld.push(e.seq);
    return { ...e, data: { redacted: redaction.reason } };
  });
  const details = toDetails(state, events);
  details.edits = details.edits.filter((edit) => !state.redactions.has(edit.ref));
  const written = redactWriteup(events, state);
  const versions = sectionVersions(written);
  const doc: IncidentExport = {
    format: 'warroom.incident-export',
    version: INCIDENT_EXPORT_VERSION,
    exportedAt: (opts.now ?? new Date()).toISOString(),
    incident,
    chain: {
      algorithm: 'sha256',
      canonical: 'warroom-journal-v1',
      count: events.length,
      head: events.at(-1)?.hash ?? GENESIS_HASH,
      withheld,
    },
    details,
    writeup: { sections: writeupSections(written, opts.template ?? DEFAULT_TEMPLATE).map((s) => ({ ...s, history: versions[s.id] })) },
    actions: exportedActions(events, state),
    events: out,
  };
  return `${JSON.stringify(doc, null, 2)}\n`;
}

/** Checks a document against the schema, for readers of exports. */
export function parseIncidentExport(text: string): IncidentExport {
  return IncidentExport.parse(JSON.parse(text));
}
