/** What the blameless lint reports, as zod schemas so the contract can carry it unchanged. */
import { z } from 'zod';
import { SectionId } from '../../model/writeup';

export const RuleId = z.enum(['human-error', 'counterfactual', 'character', 'person-subject', 'blame-question', 'not-actionable']);
export type RuleId = z.infer<typeof RuleId>;

/** A section of the write-up, or a note by its seq: the same shape the `lint.waived` event records. */
export const LintWhere = z.union([z.object({ section: SectionId }).strict(), z.object({ seq: z.number().int().positive() }).strict()]);
export type LintWhere = z.infer<typeof LintWhere>;

/** One match in one text. Offsets are UTF-16 indices into that text (JavaScript string indices); line and column are 1-based. */
export const TextFinding = z.object({
  rule: RuleId,
  words: z.string(),
  start: z.number().int().nonnegative(),
  end: z.number().int().nonnegative(),
  line: z.number().int().positive(),
  column: z.number().int().positive(),
  suggestion: z.string(),
});
export type TextFinding = z.infer<typeof TextFinding>;

export const Finding = TextFinding.extend({
  where: LintWhere,
  /** Set when a `lint.waived` event covers this finding. */
  waived: z.object({ seq: z.number().int().positive(), actor: z.string(), reason: z.string() }).optional(),
});
export type Finding = z.infer<typeof Finding>;

export const LintReport = z.object({
  findings: z.array(Finding),
  /** Findings neither fixed (the words are gone) nor waived: the CLI exits non-zero while this is above 0. */
  open: z.number().int().nonnegative(),
  /** What was read: the sections with a saved version, and how many notes. */
  checked: z.object({ sections: z.array(SectionId), notes: z.number().int().nonnegative() }),
});
export type LintReport = z.infer<typeof LintReport>;

export function whereText(where: LintWhere): string {
  return 'section' in where ? where.section : `#${where.seq}`;
}
