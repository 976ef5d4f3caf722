/**
 * The JSON export of a whole incident (`warroom export ID --format json`). Versioned: a change that
 * could break a reader bumps `version` and gets a new published schema file beside this one
 * (incident-export.v<N>.schema.json, generated from this definition and checked by a test).
 */
import { z } from 'zod';
import { Incident, IncidentDetails, JournalEvent } from '../model/incident';
import { SectionVersion, WriteupSection } from '../model/writeup';
import { Action } from '../model/action';

/** 2: adds `writeup` (the write-up document's sections and every version of each). v1's file stays for old readers. */
export const INCIDENT_EXPORT_VERSION = 2;

export const IncidentExport = z
  .object({
    format: z.literal('warroom.incident-export').describe('Identifies the document'),
    version: z.literal(INCIDENT_EXPORT_VERSION).describe('Schema version; readers check it'),
    exportedAt: z.string().describe('UTC ISO-8601 with milliseconds'),
    incident: Incident.describe('The incident folded from its journal at export time'),
    chain: z
      .object({
        algorithm: z.literal('sha256'),
        canonical: z.literal('warroom-journal-v1').describe('The serialisation hashed per event: see shared/schema/README.md'),
        count: z.number().int().nonnegative(),
        head: z.string().regex(/^[0-9a-f]{64}$/).describe('Hash of the last event; anchor it to detect later tampering'),
        withheld: z
          .array(z.number().int().positive())
          .optional()
          .describe('Seqs whose data was replaced by {"redacted": reason} in this document (redacted events and edits to them): their hashes cannot be re-verified from it, the rest of the chain can'),
      })
      .describe('The hash chain over `events`, as verified at export time'),
    details: IncidentDetails.describe('Roles, milestones, clocks, markers, pins, edits, redactions and attachments, folded from the events').optional(),
    writeup: z
      .object({
        sections: z.array(
          WriteupSection.extend({
            history: z.array(SectionVersion).describe('Every saved version, oldest first; each names the version it was edited from (base)'),
          }),
        ),
      })
      .describe('The write-up document, folded from its writeup.saved and writeup.accepted events, with section titles from its template'),
    actions: z
      .array(Action)
      .optional()
      .describe('Action items folded from action.created and action.updated events (redacted ones left out); `from` and `evidence` are event seqs'),
    events: z
      .array(JournalEvent)
      .describe('Every journal event, in seq order, exactly as stored, except that redacted events and edits to them carry {"redacted": reason} as their data (see chain.withheld)'),
  })
  .describe('A Warroom incident: its folded state and its complete, verifiable journal');
export type IncidentExport = z.infer<typeof IncidentExport>;
