/**
 * The blameless lint over one text: a write-up section or a note. A reviewer, not a censor: every
 * finding carries a suggestion, and any finding can be waived with a reason (see journal.ts).
 * Pure and free of Node and DOM, so the window and the CLI run the same code.
 */
import type { RuleId, TextFinding } from './finding';
import { clausesOf } from './clauses';
import { maskNonProse } from './mask';
import { MATCHERS, type Hit, type MatchContext } from './matchers';
import { normalise } from './clauses';

export interface LintOptions {
  /** The incident's people (actors and role holders): their names as the subject of "caused", "broke"... are flagged. */
  people?: readonly string[];
  /** The text is action items (the `actions` section): vague verbs like "investigate" are flagged. */
  actionItems?: boolean;
}

export function lintText(text: string, options: LintOptions = {}): TextFinding[] {
  const ctx: MatchContext = { names: nameWords(options.people ?? []), actionItems: options.actionItems ?? false };
  const findings: TextFinding[] = [];
  for (const clause of clausesOf(maskNonProse(text))) {
    // Matches overlap only within a clause, so one clause's matches are all that need comparing.
    const hits: Hit[] = [];
    for (let i = 0; i < clause.length; i++) {
      for (const [, match] of MATCHERS) {
        const hit = match(clause, i, ctx);
        if (hit) hits.push(hit);
      }
    }
    const kept: Hit[] = [];
    for (const h of hits.sort((a, b) => PRIORITY[a.rule] - PRIORITY[b.rule] || a.from - b.from)) {
      if (!kept.some((k) => k.from <= h.to && h.from <= k.to)) kept.push(h);
    }
    for (const h of kept.sort((a, b) => a.from - b.from)) {
      const first = clause[h.from];
      const last = clause[h.to];
      if (!first || !last) continue;
      findings.push({ rule: h.rule, words: text.slice(first.start, last.end), start: first.start, end: last.end, line: first.line, column: first.column, suggestion: h.suggestion });
    }
  }
  return findings;
}

const PRIORITY = Object.fromEntries(MATCHERS.map(([id], i) => [id, i])) as Record<RuleId, number>;

/** Accounts and tools that act in a journal but are not people. */
const NOT_NAMES = new Set(['root', 'ci', 'bot', 'system', 'unknown', 'warroom', 'cron', 'automation', 'the', 'and', 'of', 'van', 'von', 'de']);

/**
 * The single words that name someone: "Alice Smith" gives "alice smith" parts "alice" and "smith";
 * a login like "alice.smith" or "asmith" stays one word, as the tokenizer reads it.
 */
export function nameWords(people: readonly string[]): Set<string> {
  const names = new Set<string>();
  for (const person of people) {
    const whole = normalise(person.trim());
    if (!whole) continue;
    for (const part of [whole, ...whole.split(/[\s_]+/)]) {
      if (part.length >= 2 && !/\s/.test(part) && !NOT_NAMES.has(part)) names.add(part);
    }
  }
  return names;
}
