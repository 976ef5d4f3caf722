import { z } from 'zod';

/** The write-up's sections, in document order (writeup-events.md; titles come from a template). */
export const SectionId = z.enum([
  'summary',
  'impact',
  'trigger',
  'detection',
  'response',
  'recovery',
  'timeline',
  'factors',
  'went-well',
  'went-wrong',
  'lucky',
  'actions',
  'messages',
  'supporting',
]);
export type SectionId = z.infer<typeof SectionId>;

/** A section's title for each id: the default below, or an incident type's own (electron/incident/config.ts). */
export type SectionTemplate = Record<SectionId, string>;

/** After Google SRE's example post-mortem and PagerDuty's template, in design.md's order. */
export const DEFAULT_TEMPLATE: SectionTemplate = {
  summary: 'Summary',
  impact: 'Impact',
  trigger: 'Lead-up and trigger',
  detection: 'Detection',
  response: 'Response',
  recovery: 'Recovery',
  timeline: 'Timeline',
  factors: 'Contributing factors',
  'went-well': 'What went well',
  'went-wrong': 'What went wrong',
  lucky: 'Where we got lucky',
  actions: 'Action items',
  messages: 'Messages sent',
  supporting: 'Supporting material',
};

/** The most one section may hold: 256 KiB of UTF-8. */
export const MAX_SECTION_BYTES = 256 * 1024;

/** Section text as the journal and the contract accept it. */
export const SectionText = z
  .string()
  .max(MAX_SECTION_BYTES)
  .refine((t) => utf8Bytes(t) <= MAX_SECTION_BYTES, `a section holds at most ${MAX_SECTION_BYTES / 1024} KiB`);

/** UTF-8 length without TextEncoder or Buffer (shared/ has neither type on both sides); a lone surrogate counts 3 like U+FFFD. */
export function utf8Bytes(text: string): number {
  let n = 0;
  for (const ch of text) {
    const c = ch.codePointAt(0) ?? 0;
    n += c < 0x80 ? 1 : c < 0x800 ? 2 : c < 0x10000 ? 3 : 4;
  }
  return n;
}

/** Who wrote a version: a person, or the draft builder from the evidence. */
export const SectionOrigin = z.enum(['person', 'draft']);
export type SectionOrigin = z.infer<typeof SectionOrigin>;

/**
 * A section as it stands: `empty` nobody wrote it (or the last version is blank), `draft` built
 * from the evidence and not yet accepted, `accepted` a draft a person accepted as is, `person` a
 * person wrote or edited it.
 */
export const SectionState = z.enum(['empty', 'draft', 'accepted', 'person']);
export type SectionState = z.infer<typeof SectionState>;

const Seq = z.number().int().positive();

/** One saved version of a section: a `writeup.saved` event. */
export const SectionVersion = z.object({
  seq: Seq,
  ts: z.string(),
  actor: z.string(),
  text: z.string(),
  base: Seq.nullable(),
  origin: SectionOrigin,
});
export type SectionVersion = z.infer<typeof SectionVersion>;

export const WriteupSection = z.object({
  id: SectionId,
  title: z.string(),
  text: z.string(),
  state: SectionState,
  /** The current version's seq: what the next save names as its base. Null before the first save. */
  version: Seq.nullable(),
  /** Who saved the current version, and when. */
  actor: z.string().optional(),
  ts: z.string().optional(),
  /** `#seq` citations in the text, in order of first appearance. */
  citations: z.array(Seq),
  /** Cited seqs that are not events of this incident. */
  unknownCitations: z.array(Seq),
  /** How many versions the section has. */
  versions: z.number().int().nonnegative(),
});
export type WriteupSection = z.infer<typeof WriteupSection>;

/**
 * A save whose base is not the section's current version. Nothing was written; the user chooses
 * or merges. `theirs.seq` is null if the section was never saved (the stale base named a version
 * that does not belong to it).
 */
export const SaveConflict = z.object({
  section: SectionId,
  theirs: z.object({ seq: Seq.nullable(), text: z.string(), actor: z.string().optional(), ts: z.string().optional() }),
  yours: z.object({ base: Seq.nullable(), text: z.string() }),
});
export type SaveConflict = z.infer<typeof SaveConflict>;

/** One run of a line diff between two versions (the `diff` package's line mode). */
export const DiffPart = z.object({ value: z.string(), added: z.boolean(), removed: z.boolean() });
export type DiffPart = z.infer<typeof DiffPart>;
/** Where the write-up is in its review (shared/model/review.ts folds and checks the changes). */
export const WriteupState = z.enum(['draft', 'in-review', 'approved', 'published']);
export type WriteupState = z.infer<typeof WriteupState>;
