import { z } from 'zod';
import { IncidentStatus, Severity } from './incident';

export const IncidentSummary = z.object({
  id: z.string(),
  title: z.string().optional(),
  severity: Severity.optional(),
  status: IncidentStatus.optional(),
  commander: z.string().optional(),
  startedAt: z.string().optional(),
  resolvedAt: z.string().optional(),
  lastEventAt: z.string().optional(),
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
  text: z.string(),
  hosts: z.array(z.string()),
  exitCodes: z.record(z.string(), z.number().int().nullable()).optional(),
});
export type SearchHit = z.infer<typeof SearchHit>;
