/**
 * The checked `lint.waived` draft, shared by the service (the window's requests) and the CLI so both
 * refuse the same waivers. The lint itself is shared/writeup/lint, the same code the window can run.
 */
import type { EventDraft, JournalEvent } from '../../shared/model/incident';
import { whereText, type Finding, type LintWhere, type RuleId } from '../../shared/writeup/lint/finding';
import { lintInputs, lintJournal, lintSection, waiverCovers } from '../../shared/writeup/lint/journal';
import { UserError } from '../core/errors';

export interface WaiveRequest {
  rule: RuleId;
  words: string;
  where: LintWhere;
  reason: string;
  /** The section's text as it is being edited (not saved yet): its findings can be waived too. */
  text?: string;
}

/**
 * The event that waives a finding that is open now, in the saved text or in the section text being
 * edited, or a UserError naming what is there instead. The event is keyed as every waiver is (rule,
 * words, section; see lintSection), so a waiver given before the save covers the words after it.
 */
export function waiveDraft(events: readonly JournalEvent[], req: WaiveRequest, actor: string): EventDraft {
  const reason = req.reason.trim();
  if (!reason) throw new UserError('a waiver needs a reason');
  const report = lintJournal(events);
  const place = whereText(req.where);
  const saved = report.findings.filter((f) => whereText(f.where) === place);
  let editing: Finding[] = [];
  if (req.text !== undefined) {
    if (!('section' in req.where)) throw new UserError(`text: only a section's text being edited goes with a waiver, not a note's (${place})`);
    editing = lintSection(lintInputs(events), req.where.section, req.text);
  }
  const there = [...saved, ...editing];
  const matches = there.filter((f) => waiverCovers(req, f));
  if (matches.length === 0) {
    const list = [...new Set(there.map((f) => `${f.rule} "${f.words}"`))].join(', ');
    throw new UserError(`no ${req.rule} finding "${req.words}" in ${place}${there.length ? `; findings there: ${list}` : '; nothing is flagged there'}`);
  }
  const waived = matches.find((f) => f.waived)?.waived;
  if (waived && matches.every((f) => f.waived)) {
    throw new UserError(`${req.rule} "${req.words}" in ${place} is already waived by ${waived.actor} (#${waived.seq}): ${waived.reason}`);
  }
  // The finding's own spelling is recorded, so the event reads as the text does.
  const words = matches[0]?.words ?? req.words.trim();
  return { type: 'lint.waived', actor, data: { rule: req.rule, words, where: req.where, reason } };
}
