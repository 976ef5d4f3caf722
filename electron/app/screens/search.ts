/**
 * Search across the scrollback of every session, rendered or not. A regular expression is bounded
 * before it runs: a long pattern or one with nested repetition (catastrophic backtracking) is
 * refused with the reason, and every match runs over one ANSI-stripped line at a time.
 */
import safeRegex from 'safe-regex2';
import { UserError } from '../../core/errors';
import { MAX_LINES_PER_HIT, MAX_QUERY_CHARS, type ScrollbackHit, type SearchMode } from '../../../shared/model/screens';
import { screenLines } from './screen-text';

const escapeRegExp = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** The query as one RegExp, or a UserError that says what is wrong with it. */
export function compileQuery(query: string, mode: SearchMode): RegExp {
  if (query.length === 0) throw new UserError('search: the query is empty');
  if (query.length > MAX_QUERY_CHARS) throw new UserError(`search: the query is ${query.length} characters long; at most ${MAX_QUERY_CHARS}`);
  let source = mode.regex ? query : escapeRegExp(query);
  if (mode.regex) {
    try {
      new RegExp(source, 'u');
    } catch (err) {
      throw new UserError(`search: not a valid regular expression: ${err instanceof Error ? err.message : String(err)}`);
    }
    // Star height above one (`(a+)+`) or too many repetitions can take exponential time on one line.
    if (!safeRegex(source, { limit: 25 })) {
      throw new UserError(`search: the regular expression ${query} may backtrack catastrophically (nested repetition); simplify it`);
    }
  }
  if (mode.wholeWord) source = `(?<![\\p{L}\\p{N}_])(?:${source})(?![\\p{L}\\p{N}_])`;
  return new RegExp(source, mode.caseSensitive ? 'u' : 'iu');
}

/** The matching lines of one text: how many, and the first MAX_LINES_PER_HIT of them (numbered from 0). */
export function searchLines(lines: readonly string[], re: RegExp): { count: number; lines: { n: number; text: string }[] } {
  let count = 0;
  const found: { n: number; text: string }[] = [];
  for (let n = 0; n < lines.length; n += 1) {
    const text = lines[n]!;
    if (!re.test(text)) continue;
    count += 1;
    if (found.length < MAX_LINES_PER_HIT) found.push({ n, text });
  }
  return { count, lines: found };
}

export interface SearchSource {
  sessionId: string;
  host: string;
  /** The scrollback as screen lines (screenLines). */
  lines: readonly string[];
}

/**
 * Each session's scrollback as screen lines, cooked again only when its output changed: typing a
 * query searches the same lines many times.
 */
export class ScreenLinesCache {
  private readonly cooked = new Map<string, { text: string; lines: string[] }>();

  lines(sessionId: string, text: string): string[] {
    const hit = this.cooked.get(sessionId);
    if (hit && hit.text === text) return hit.lines;
    const lines = screenLines(text);
    this.cooked.set(sessionId, { text, lines });
    return lines;
  }

  /** Keeps only these sessions (the others went away). */
  retain(sessionIds: ReadonlySet<string>): void {
    for (const id of this.cooked.keys()) if (!sessionIds.has(id)) this.cooked.delete(id);
  }
}

/** Hosts with at least one matching line, most matches first, then by host name. */
export function searchScrollbacks(sources: readonly SearchSource[], query: string, mode: SearchMode): ScrollbackHit[] {
  const re = compileQuery(query, mode);
  const hits: ScrollbackHit[] = [];
  for (const s of sources) {
    const found = searchLines(s.lines, re);
    if (found.count > 0) hits.push({ sessionId: s.sessionId, host: s.host, ...found });
  }
  return hits.sort((a, b) => b.count - a.count || a.host.localeCompare(b.host));
}
