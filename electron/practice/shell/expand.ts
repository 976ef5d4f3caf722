/** Word expansion as sh does it: parameters, command substitution, ~, field splitting, globs. */
import type { PracticeHost } from '../host/model';
import type { Word } from './parse';
import type { ShellEnv } from './types';

export interface ExpandContext {
  env: ShellEnv;
  host: PracticeHost;
  /** Runs $(...) and returns what it printed. */
  substitute(source: string): string;
}

interface Field {
  text: string;
  /** Regex source where unquoted * ? [ are wildcards; set only when one occurs. */
  glob: string | null;
}

function escapeRe(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
}

function variable(env: ShellEnv, name: string): string {
  switch (name) {
    case '?':
      return String(env.status);
    case '$':
      return '4242';
    case '#':
      return '0';
    case '0':
      return env.interactive ? '-bash' : 'bash';
    case 'PWD':
      return env.cwd;
    case 'COLUMNS':
      return String(env.cols);
    case 'LINES':
      return String(env.rows);
    default:
      return env.vars.get(name) ?? '';
  }
}

/** Paths on the host that match, relative to the working directory unless the pattern is absolute. */
function glob(ctx: ExpandContext, pattern: string, absolute: boolean): string[] {
  let re: RegExp;
  try {
    re = new RegExp(`^${pattern}$`);
  } catch {
    return [];
  }
  const base = ctx.env.cwd === '/' ? '/' : `${ctx.env.cwd}/`;
  const found: string[] = [];
  for (const p of [...ctx.host.dirs, ...ctx.host.files.keys()]) {
    if (p === '/') continue;
    const candidate = absolute ? p : p.startsWith(base) ? p.slice(base.length) : null;
    if (candidate !== null && re.test(candidate) && !candidate.split('/').some((s) => s.startsWith('.'))) found.push(candidate);
  }
  return found.sort((a, b) => a.localeCompare(b, 'en'));
}

export function expandWord(word: Word, ctx: ExpandContext): string[] {
  const fields: Field[] = [];
  let cur: Field | null = null;
  const append = (text: string, globbable: boolean): void => {
    cur ??= { text: '', glob: null };
    if (globbable && /[*?[]/.test(text)) {
      cur.glob ??= escapeRe(cur.text);
      cur.glob += text.split('').map((ch) => (ch === '*' ? '[^/]*' : ch === '?' ? '[^/]' : ch === '[' ? '[' : escapeRe(ch))).join('');
    } else if (cur.glob !== null) {
      cur.glob += escapeRe(text);
    }
    cur.text += text;
  };
  // Unquoted expansions split on blanks: "a b" from $(...) becomes two words.
  const split = (text: string): void => {
    text.split(/[ \t\n]+/).forEach((p, i) => {
      if (i > 0 && cur) {
        fields.push(cur);
        cur = null;
      }
      if (p !== '') append(p, false);
    });
  };
  word.forEach((part, index) => {
    if (part.kind === 'lit') {
      let text = part.text;
      if (index === 0 && !part.quoted && (text === '~' || text.startsWith('~/'))) text = `${ctx.env.vars.get('HOME') ?? '/home/sre'}${text.slice(1)}`;
      if (part.quoted) cur ??= { text: '', glob: null }; // "" is still a word
      append(text, !part.quoted);
      return;
    }
    const value = part.kind === 'var' ? variable(ctx.env, part.name) : ctx.substitute(part.source).replace(/\n+$/, '');
    if (part.quoted) {
      cur ??= { text: '', glob: null };
      append(value, false);
    } else {
      split(value);
    }
  });
  if (cur) fields.push(cur);
  const out: string[] = [];
  for (const f of fields) {
    const matches = f.glob === null ? [] : glob(ctx, f.glob, f.text.startsWith('/'));
    if (matches.length) out.push(...matches);
    else out.push(f.text);
  }
  return out;
}
