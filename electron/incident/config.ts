/**
 * Severity descriptions and incident types, from `incidents.yaml` in the data directory, with
 * sensible defaults (after PagerDuty's and Atlassian's severity levels). Example:
 *
 *   severities:
 *     SEV1: Critical. Customers cannot use the product; all hands.
 *   types: [outage, degradation, security, data-loss]
 *   writeup:              # section titles per incident type; the rest keep the default titles
 *     security:
 *       impact: Exposure and impact
 */
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { parseDocument } from 'yaml';
import { z } from 'zod';
import { Severity } from '../../shared/model/incident';
import { DEFAULT_TEMPLATE, SectionId, type SectionTemplate } from '../../shared/model/writeup';
import { errnoCode } from '../journal/errors';
import { UserError } from '../core/errors';

export interface IncidentConfig {
  severities: Record<Severity, string>;
  /** Allowed incident types; empty means any type is accepted. */
  types: string[];
  /** Write-up section titles by incident type (lower case), over DEFAULT_TEMPLATE. */
  writeup: Record<string, Partial<SectionTemplate>>;
  /** The file read, if there was one. */
  file?: string;
}

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
    writeup: z.record(z.string(), z.partialRecord(SectionId, z.string().trim().min(1).max(200)).nullable()).optional(),
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
    if (errnoCode(err) === 'ENOENT') return { severities: { ...DEFAULT_SEVERITIES }, types: [...DEFAULT_TYPES], writeup: {} };
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
    const issue = parsed.error.issues[0];
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
    writeup: Object.fromEntries(Object.entries(parsed.data.writeup ?? {}).map(([kind, titles]) => [kind.trim().toLowerCase(), titles ?? {}])),
    file,
  };
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
