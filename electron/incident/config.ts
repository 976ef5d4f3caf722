/**
 * Severity descriptions and incident types, from `incidents.yaml` in the data directory, with
 * sensible defaults (after PagerDuty's and Atlassian's severity levels). Example:
 *
 *   severities:
 *     SEV1: Critical. Customers cannot use the product; all hands.
 *   types: [outage, degradation, security, data-loss]
 *   checklists:            # the team's own lists, in the built-ins' shape (shared/model/checklist.ts)
 *     - id: handover
 *       title: Handover
 *       items:
 *         - id: deputy
 *           label: Name a deputy
 *           due: { SEV1: 30m, SEV2: 1h }
 *           rule: { event: role.assigned, where: { role: deputy } }
 *
 * A list with a built-in's id (respond, writeup, postmortem) replaces that built-in.
 *   writeup:              # section titles per incident type; the rest keep the default titles
 *     security:
 *       impact: Exposure and impact
 *
 *   postmortem:
 *     meetingWithin: { SEV1: 3d, SEV2: 5bd }   # after resolution: calendar days (d) or business days (bd)
 */
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { parseDocument } from 'yaml';
import { z } from 'zod';
import { Severity } from '../../shared/model/incident';
import { ChecklistDef, mergeChecklists } from '../../shared/model/checklist';
import { BUILT_IN_CHECKLISTS } from '../../shared/model/checklistBuiltins';
import { DEFAULT_TEMPLATE, SectionId, type SectionTemplate } from '../../shared/model/writeup';
import { errnoCode } from '../journal/errors';
import { UserError } from '../core/errors';

export interface IncidentConfig {
  severities: Record<Severity, string>;
  /** Allowed incident types; empty means any type is accepted. */
  types: string[];
  /** The built-in checklists merged with the team's. */
  checklists: ChecklistDef[];
  /** Write-up section titles by incident type (lower case), over DEFAULT_TEMPLATE. */
  writeup: Record<string, Partial<SectionTemplate>>;
  /** How soon after resolution the post-mortem meeting should be, by severity (`3d`, `5bd`). */
  meetingWithin: Partial<Record<Severity, MeetingSpan>>;
  /** The file read, if there was one. */
  file?: string;
}

/** Calendar days (`3d`) or business days, Monday to Friday (`5bd`). */
export const MeetingSpan = z.string().regex(/^[1-9]\d{0,2}(d|bd)$/, 'a meeting limit is days (3d) or business days (5bd)');
export type MeetingSpan = z.infer<typeof MeetingSpan>;

/** After Google SRE and PagerDuty practice: the meeting while memories are fresh. */
export const DEFAULT_MEETING_WITHIN: Partial<Record<Severity, MeetingSpan>> = { SEV1: '3d', SEV2: '5bd' };

export const DEFAULT_SEVERITIES: Record<Severity, string> = {
  SEV1: 'Critical: the product is down or data is at risk for many customers. All hands, executives informed.',
  SEV2: 'Major: a core feature is broken or badly degraded for many customers.',
  SEV3: 'Minor: a feature is degraded for some customers, or a workaround exists.',
  SEV4: 'Low: little or no customer impact; handle in working hours.',
};

export const DEFAULT_TYPES = ['outage', 'degradation', 'security', 'data', 'capacity', 'dependency', 'other'];

const FileSchema = z
  .object({
    severities: z.partialRecord(Severity, z.string().min(1).max(500)).optional(),
    types: z.array(z.string().regex(/^[a-z0-9][a-z0-9 _-]{0,99}$/i, 'a type is letters, digits, space, dash or underscore')).optional(),
    checklists: z
      .array(ChecklistDef)
      .max(50)
      .superRefine((lists, ctx) => {
        const seen = new Set<string>();
        lists.forEach((c, i) => {
          if (seen.has(c.id)) ctx.addIssue({ code: 'custom', message: `duplicate checklist id ${c.id}`, path: [i, 'id'] });
          seen.add(c.id);
        });
      })
      .optional(),
    writeup: z.record(z.string(), z.partialRecord(SectionId, z.string().trim().min(1).max(200)).nullable()).optional(),
    postmortem: z.object({ meetingWithin: z.partialRecord(Severity, MeetingSpan).optional() }).strict().optional(),
  })
  .strict();

export function incidentConfigFile(dataDir: string): string {
  return path.join(dataDir, 'incidents.yaml');
}

export async function loadIncidentConfig(dataDir: string): Promise<IncidentConfig> {
  const file = incidentConfigFile(dataDir);
  let text: string;
  try {
    text = await fs.readFile(file, 'utf8');
  } catch (err) {
    if (errnoCode(err) === 'ENOENT') return { severities: { ...DEFAULT_SEVERITIES }, types: [...DEFAULT_TYPES], checklists: [...BUILT_IN_CHECKLISTS], writeup: {}, meetingWithin: { ...DEFAULT_MEETING_WITHIN } };
    throw err;
  }
  const doc = parseDocument(text, { prettyErrors: true });
  const yamlError = doc.errors[0];
  if (yamlError) {
    const line = yamlError.linePos?.[0]?.line;
    throw new UserError(`${file}${line ? `:${line}` : ''}: ${yamlError.message.split('\n')[0]}`);
  }
  const parsed = FileSchema.safeParse(doc.toJS() ?? {});
  if (!parsed.success) {
    const issue = explain(parsed.error.issues);
    // An unknown key is reported on its parent; point at the key itself.
    const at = [...(issue?.path ?? []), ...(issue?.code === 'unrecognized_keys' ? issue.keys.slice(0, 1) : [])].map(String);
    const where = at.length ? ` at ${at.join('.')}` : '';
    const node = doc.getIn(at, true);
    const range = node && typeof node === 'object' && 'range' in node ? (node as { range?: [number, number, number] }).range : undefined;
    const line = range ? text.slice(0, range[0]).split('\n').length : undefined;
    throw new UserError(`${file}${line ? `:${line}` : ''}${where}: ${issue?.message ?? 'invalid'}`);
  }
  return {
    severities: { ...DEFAULT_SEVERITIES, ...parsed.data.severities },
    types: parsed.data.types ?? [...DEFAULT_TYPES],
    checklists: mergeChecklists(BUILT_IN_CHECKLISTS, parsed.data.checklists ?? []),
    writeup: Object.fromEntries(Object.entries(parsed.data.writeup ?? {}).map(([kind, titles]) => [kind.trim().toLowerCase(), titles ?? {}])),
    meetingWithin: { ...DEFAULT_MEETING_WITHIN, ...parsed.data.postmortem?.meetingWithin },
    file,
  };
}

type Issue = z.core.$ZodIssue;

const missing = (i: Issue): boolean =>
  i.path.length <= 1 && (i.message.endsWith('received undefined') || (i.code === 'invalid_union' && i.errors.every((b) => b.every(missing))));

/**
 * The issue worth showing, with its full path. A rule or condition is a union, and zod reports a
 * union that no branch fits as "Invalid input"; the branch meant is the one whose own required keys
 * are all there, and within it an unknown key (a typo) says the most.
 */
function explain(issues: readonly Issue[], prefix: PropertyKey[] = []): Issue | undefined {
  const first = issues.find((i) => i.code === 'unrecognized_keys') ?? issues[0];
  if (!first || first.code !== 'invalid_union' || first.errors.length === 0) return first && { ...first, path: [...prefix, ...first.path] };
  const branches = first.errors.map((b) => ({ b, score: b.filter(missing).length }));
  const best = branches.reduce((a, c) => (c.score < a.score ? c : a));
  return explain(best.b, [...prefix, ...first.path]) ?? { ...first, path: [...prefix, ...first.path] };
}

/** Checks a type against the configured list; returns it normalised (lower case). */
export function checkKind(config: IncidentConfig, kind: string): string {
  const k = kind.trim().toLowerCase();
  if (config.types.length > 0 && !config.types.map((t) => t.toLowerCase()).includes(k)) {
    throw new UserError(`unknown incident type ${JSON.stringify(kind)}: one of ${config.types.join(', ')}${config.file ? ` (from ${config.file})` : ''}`);
  }
  return k;
}

/** The write-up's section titles for an incident of this type: its own template over the default. */
export function sectionTemplate(config: IncidentConfig, kind: string | undefined): SectionTemplate {
  const own = kind ? config.writeup[kind.trim().toLowerCase()] : undefined;
  return { ...DEFAULT_TEMPLATE, ...own };
}
