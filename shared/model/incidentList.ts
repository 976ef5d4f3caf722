import { z } from 'zod';
import { IncidentStatus, Severity } from './incident';

export const IncidentSummary = z.object({
  id: z.string(),
  title: z.string().optional(),
  severity: Severity.optional(),
  status: IncidentStatus.optional(),
  commander: z.string().optional(),
  startedAt: z.string().optional(),
  /** When it was resolved (the resolved milestone, else the last change to "resolved"); absent while open. */
  resolvedAt: z.string().optional(),
  lastEventAt: z.string().optional(),
  /** Start to resolution, or to the last event while still open. */
  durationMs: z.number().optional(),
  eventCount: z.number().int().nonnegative(),
  active: z.boolean(),
  /** Why the journal could not be read; the other fields are then absent. */
  error: z.string().optional(),
});
export type IncidentSummary = z.infer<typeof IncidentSummary>;

export const SearchHit = z.object({
  incidentId: z.string(),
  incidentTitle: z.string(),
  seq: z.number().int(),
  ts: z.string(),
  actor: z.string(),
  kind: z.enum(['title', 'note', 'command', 'host']),
  /** The matching text (a note, a command line or a title). */
  text: z.string(),
  hosts: z.array(z.string()),
  /** Exit codes per host when the command was a completed run. */
  exitCodes: z.record(z.string(), z.number().int().nullable()).optional(),
});
export type SearchHit = z.infer<typeof SearchHit>;
