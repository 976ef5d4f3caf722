/**
 * Reads an ssh config file into keyword lines with their line numbers. The `ssh-config` package does
 * the tokenising (quotes, `=` separators); it drops line numbers, so it is fed one physical line at a
 * time. OpenSSH itself has no line continuations, so nothing is lost by that.
 */
import SSHConfig from 'ssh-config';
import { ConfigError } from '../errors';
import { REST_OF_LINE } from './keywords';

export interface ConfigLine {
  file: string;
  line: number;
  /** Lower-cased keyword. */
  keyword: string;
  /** The keyword as written, for messages. */
  keywordRaw: string;
  args: string[];
  /** Everything after the keyword and its separator, verbatim (commands keep their own quoting). */
  rest: string;
}

export function parseConfigText(text: string, file: string): ConfigLine[] {
  const out: ConfigLine[] = [];
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const raw = (lines[i] ?? '').replace(/\r$/, '');
    const trimmed = raw.trim();
    if (trimmed === '' || trimmed.startsWith('#')) continue;
    const parsed = parseOneLine(trimmed, file, i + 1);
    if (parsed) out.push(parsed);
  }
  return out;
}

function parseOneLine(trimmed: string, file: string, lineNo: number): ConfigLine | undefined {
  const kw = /^([^\s=]+)\s*(?:=\s*|\s+|$)/.exec(trimmed);
  if (!kw?.[1]) throw new ConfigError(file, lineNo, 'expected "Keyword value"');
  const keywordRaw = kw[1];
  const keyword = keywordRaw.toLowerCase();
  const rest = trimmed.slice(kw[0].length);
  if (REST_OF_LINE.has(keyword)) return { file, line: lineNo, keyword, keywordRaw, args: rest === '' ? [] : [rest], rest };
  return { file, line: lineNo, keyword, keywordRaw, args: tokenize(trimmed, keyword, rest, file, lineNo), rest };
}

function tokenize(trimmed: string, keyword: string, rest: string, file: string, lineNo: number): string[] {
  if (rest === '') return [];
  let lib: ReturnType<typeof SSHConfig.parse> | undefined;
  try {
    lib = SSHConfig.parse(trimmed);
  } catch {
    // The package rejects some lines OpenSSH accepts (`Match !all`, `Host` criteria it does not know);
    // those fall back to OpenSSH's own word splitting, which reports real quoting errors itself.
    return splitWords(rest, file, lineNo);
  }
  const first = lib[0];
  if (!first || first.type !== SSHConfig.DIRECTIVE || first.param.toLowerCase() !== keyword) return splitWords(rest, file, lineNo);
  const value = first.value;
  if (Array.isArray(value)) return value.map((v) => v.val);
  if (first.quoted) return [value];
  // The package keeps multi-word values as one string; re-split them the way OpenSSH does.
  return splitWords(rest, file, lineNo);
}

/** OpenSSH argv_split: whitespace separates, double or single quotes group, backslash escapes a quote. */
export function splitWords(s: string, file: string, lineNo: number): string[] {
  const out: string[] = [];
  let i = 0;
  while (i < s.length) {
    while (i < s.length && /\s/.test(s[i] ?? '')) i++;
    if (i >= s.length) break;
    if (s[i] === '#') break;
    let word = '';
    let quote: string | undefined;
    for (; i < s.length; i++) {
      const c = s[i] ?? '';
      if (c === '\\' && (s[i + 1] === '"' || s[i + 1] === "'" || s[i + 1] === '\\' || (quote === undefined && s[i + 1] === ' '))) {
        word += s[i + 1];
        i++;
      } else if (quote !== undefined) {
        if (c === quote) quote = undefined;
        else word += c;
      } else if (c === '"' || c === "'") {
        quote = c;
      } else if (/\s/.test(c)) {
        break;
      } else {
        word += c;
      }
    }
    if (quote !== undefined) throw new ConfigError(file, lineNo, 'unterminated quote: expected a closing ' + quote);
    out.push(word);
  }
  return out;
}
