/**
 * The blameless lint over one text: a write-up section or a note. A reviewer, not a censor: every
 * finding carries a suggestion, and any finding can be waived with a reason (see journal.ts).
 * Pure and free of Node and DOM, so the window and the CLI run the same code.
 */
import type { TextFinding } from './finding';
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
  const hits: Array<Hit & { start: number; end: number; line: number; column: number }> = [];
  for (const clause of clausesOf(maskNonProse(text))) {
    for (let i = 0; i < clause.length; i++) {
      for (const [, match] of MATCHERS) {
        const hit = match(clause, i, ctx);
        const first = clause[hit?.from ?? -1];
        const last = clause[hit?.to ?? -1];
        if (hit && first && last) hits.push({ ...hit, start: first.start, end: last.end, line: first.line, column: first.column });
      }
    }
  }
  const priority = (h: Hit) => MATCHERS.findIndex(([id]) => id === h.rule);
  hits.sort((a, b) => priority(a) - priority(b) || a.start - b.start);
  const kept: typeof hits = [];
  for (const h of hits) if (!kept.some((k) => k.start < h.end && h.start < k.end)) kept.push(h);
  kept.sort((a, b) => a.start - b.start);
  return kept.map(({ rule, start, end, line, column, suggestion }) => ({ rule, words: text.slice(start, end), start, end, line, column, suggestion }));
}

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
