/**
 * The blameless lint's findings in the text being edited, as marks for the editor: the same
 * shared lint the CLI and the exports use (shared/writeup/lint), run on the unsaved text, with the
 * incident's people as names and the waivers the journal holds for this section.
 */
import type { JournalEvent } from '../../../shared/model/incident';
import type { SectionId } from '../../../shared/model/writeup';
import type { RuleId } from '../../../shared/writeup/lint/finding';
import { lintInputs, waiverCovers, type Waiver } from '../../../shared/writeup/lint/journal';
import { BlockLintCache } from './lintBlocks';

export interface LintMark {
  from: number;
  to: number;
  rule: RuleId;
  words: string;
  suggestion: string;
  /** A `lint.waived` event keeps these words here on purpose. */
  waived?: { seq: number; actor: string; reason: string };
}

/** What the marks need from the journal: the people (names as subjects) and the waivers. */
export interface LintContext {
  people: readonly string[];
  waivers: readonly Waiver[];
}

export function lintContext(events: readonly JournalEvent[]): LintContext {
  const { people, waivers } = lintInputs(events);
  return { people, waivers };
}

/** One cache for the window: a keystroke re-lints only the paragraph it changed. */
const blocks = new BlockLintCache();

export function lintMarks(text: string, section: SectionId, context: LintContext): LintMark[] {
  const where = { section };
  return blocks.lint(text, { people: context.people, actionItems: section === 'actions' }).map((f) => {
    const w = context.waivers.findLast((w) => waiverCovers(w, { rule: f.rule, words: f.words, where }));
    return { from: f.start, to: f.end, rule: f.rule, words: f.words, suggestion: f.suggestion, ...(w ? { waived: { seq: w.seq, actor: w.actor, reason: w.reason } } : {}) };
  });
}

/** The hover text of a mark: the rule, the suggestion, and the waiver if there is one. */
export function markMessage(mark: LintMark): string {
  const head = `${mark.rule}: “${mark.words}”. ${mark.suggestion}`;
  return mark.waived ? `${head} (waived in #${mark.waived.seq} by ${mark.waived.actor}: ${mark.waived.reason})` : head;
}
