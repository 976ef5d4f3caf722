/**
 * Reads an ssh config file into keyword lines with their line numbers, split the way ssh's readconf.c
 * and argv_split do. The `ssh-config` package was the first choice, but it disagrees with ssh on real
 * inputs: it keeps only the first quoted word of `IdentityFile "/a b" /c` (ssh rejects the line), keeps
 * trailing `# comments` in values (ssh drops them), throws a TypeError on a bare `Host`, and rejects
 * `Match !all`. The corpus tests compare this splitter with `ssh -G` line by line.
 */
import { ConfigError } from '../errors';
import { KEYWORD_ALIASES, REST_OF_LINE } from './keywords';
import { own } from '../own';

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
  // ssh skips one leading "=" too (strdelim), so "=Port 22" is a Port line.
  const body = trimmed.replace(/^=\s*/, '');
  const kw = /^([^\s=]+)\s*(?:=\s*|\s+|$)/.exec(body);
  if (!kw?.[1]) throw new ConfigError(file, lineNo, 'expected "Keyword value"');
  const keywordRaw = kw[1];
  const lower = keywordRaw.toLowerCase();
  const keyword = own(KEYWORD_ALIASES, lower) ?? lower;
  const rest = body.slice(kw[0].length);
  if (REST_OF_LINE.has(keyword)) return { file, line: lineNo, keyword, keywordRaw, args: rest === '' ? [] : [rest], rest };
  return { file, line: lineNo, keyword, keywordRaw, args: splitWords(rest, file, lineNo), rest };
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
