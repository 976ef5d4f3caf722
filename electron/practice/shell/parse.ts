/**
 * The practice shell's parser: the slice of POSIX sh syntax people type during an incident.
 * Quotes, $VAR/${VAR}, $(...) and backticks, ; && || |, and > >> < 2> 2>&1 &> redirections.
 *
 * Hand-written because the packaged tokenisers (shell-quote, shlex) flatten $(...) into loose
 * tokens and lose which text was quoted, and both decide how `echo "$(hostname)"` behaves.
 */

export type Part =
  | { kind: 'lit'; text: string; quoted: boolean }
  | { kind: 'var'; name: string; quoted: boolean }
  | { kind: 'sub'; source: string; quoted: boolean };

export type Word = Part[];

export type RedirectOp = '>' | '>>' | '<' | '2>' | '2>>' | '2>&1' | '&>';

export interface Redirect {
  op: RedirectOp;
  target: Word;
}

export interface SimpleCommand {
  words: Word[];
  redirects: Redirect[];
}

export type ListOp = ';' | '&&' | '||';

export interface ListItem {
  pipeline: SimpleCommand[];
  /** How the NEXT item runs: always, on success, on failure. */
  next: ListOp;
}

export class ShellSyntaxError extends Error {}

type Token = { kind: 'word'; word: Word } | { kind: 'op'; op: string };

const NAME_START = /[A-Za-z_]/;
const NAME_CHAR = /[A-Za-z0-9_]/;

/** Finds the `)` closing a `$(` that starts at `from`, skipping quoted text and nested parentheses. */
function closingParen(src: string, from: number): number {
  let depth = 1;
  for (let i = from; i < src.length; i += 1) {
    const c = src[i];
    if (c === '\\') i += 1;
    else if (c === "'") {
      const end = src.indexOf("'", i + 1);
      if (end < 0) break;
      i = end;
    } else if (c === '"') {
      i += 1;
      while (i < src.length && src[i] !== '"') i += src[i] === '\\' ? 2 : 1;
    } else if (c === '(') depth += 1;
    else if (c === ')') {
      depth -= 1;
      if (depth === 0) return i;
    }
  }
  throw new ShellSyntaxError("unexpected EOF while looking for matching `)'");
}

/** Reads a `$...` expansion at src[i] === '$'. Returns the part and the index after it. */
function dollar(src: string, i: number, quoted: boolean): [Part, number] {
  const next = src[i + 1];
  if (next === '(') {
    const end = closingParen(src, i + 2);
    return [{ kind: 'sub', source: src.slice(i + 2, end), quoted }, end + 1];
  }
  if (next === '{') {
    const end = src.indexOf('}', i + 2);
    if (end < 0) throw new ShellSyntaxError("unexpected EOF while looking for matching `}'");
    const name = src.slice(i + 2, end);
    if (!/^([A-Za-z_][A-Za-z0-9_]*|[?$#0-9])$/.test(name)) throw new ShellSyntaxError(`\${${name}}: bad substitution`);
    return [{ kind: 'var', name, quoted }, end + 1];
  }
  if (next !== undefined && /[?$#0-9]/.test(next)) return [{ kind: 'var', name: next, quoted }, i + 2];
  if (next !== undefined && NAME_START.test(next)) {
    let j = i + 1;
    while (j < src.length && NAME_CHAR.test(src[j] as string)) j += 1;
    return [{ kind: 'var', name: src.slice(i + 1, j), quoted }, j];
  }
  return [{ kind: 'lit', text: '$', quoted: true }, i + 1];
}

function tokenize(src: string): Token[] {
  const tokens: Token[] = [];
  let word: Word | null = null;
  const lit = (text: string, quoted: boolean): void => {
    word ??= [];
    const last = word[word.length - 1];
    if (last && last.kind === 'lit' && last.quoted === quoted) last.text += text;
    else word.push({ kind: 'lit', text, quoted });
  };
  const endWord = (): void => {
    if (word) tokens.push({ kind: 'word', word });
    word = null;
  };
  let i = 0;
  while (i < src.length) {
    const c = src[i] as string;
    if (c === ' ' || c === '\t') {
      endWord();
      i += 1;
    } else if (c === '\n') {
      endWord();
      tokens.push({ kind: 'op', op: ';' });
      i += 1;
    } else if (c === '#' && word === null) {
      break;
    } else if (c === "'") {
      const end = src.indexOf("'", i + 1);
      if (end < 0) throw new ShellSyntaxError("unexpected EOF while looking for matching `''");
      lit(src.slice(i + 1, end), true);
      i = end + 1;
    } else if (c === '"') {
      word ??= [];
      let j = i + 1;
      let closed = false;
      while (j < src.length) {
        const d = src[j] as string;
        if (d === '"') {
          closed = true;
          j += 1;
          break;
        }
        if (d === '\\' && j + 1 < src.length && '$`"\\\n'.includes(src[j + 1] as string)) {
          lit(src[j + 1] as string, true);
          j += 2;
        } else if (d === '$') {
          const [part, after] = dollar(src, j, true);
          if (part.kind === 'lit') lit(part.text, true);
          else word.push(part);
          j = after;
        } else if (d === '`') {
          const end = src.indexOf('`', j + 1);
          if (end < 0) throw new ShellSyntaxError("unexpected EOF while looking for matching ``'");
          word.push({ kind: 'sub', source: src.slice(j + 1, end), quoted: true });
          j = end + 1;
        } else {
          lit(d, true);
          j += 1;
        }
      }
      if (!closed) throw new ShellSyntaxError('unexpected EOF while looking for matching `"\'');
      lit('', true); // "" is still a word
      i = j;
    } else if (c === '\\') {
      if (i + 1 < src.length) lit(src[i + 1] as string, true);
      i += 2;
    } else if (c === '$') {
      const [part, after] = dollar(src, i, false);
      if (part.kind === 'lit') lit(part.text, false);
      else (word ??= []).push(part);
      i = after;
    } else if (c === '`') {
      const end = src.indexOf('`', i + 1);
      if (end < 0) throw new ShellSyntaxError("unexpected EOF while looking for matching ``'");
      (word ??= []).push({ kind: 'sub', source: src.slice(i + 1, end), quoted: false });
      i = end + 1;
    } else if (c === '>' || c === '<') {
      // A bare "2" just before > names a file descriptor, as in 2>/dev/null.
      const w = word as Word | null;
      const fd = w && w.length === 1 && w[0]?.kind === 'lit' && !w[0].quoted && (w[0].text === '2' || w[0].text === '1') ? w[0].text : '';
      if (fd) word = null;
      else endWord();
      if (c === '<') {
        tokens.push({ kind: 'op', op: '<' });
        i += 1;
      } else if (src.startsWith('>&1', i) && fd === '2') {
        tokens.push({ kind: 'op', op: '2>&1' });
        i += 3;
      } else {
        const append = src[i + 1] === '>';
        tokens.push({ kind: 'op', op: `${fd === '2' ? '2' : ''}>${append ? '>' : ''}` });
        i += append ? 2 : 1;
      }
    } else if (c === '&' && src[i + 1] === '>') {
      endWord();
      tokens.push({ kind: 'op', op: '&>' });
      i += 2;
    } else if (c === ';' || c === '|' || c === '&') {
      endWord();
      const two = src.slice(i, i + 2);
      if (two === '&&' || two === '||') {
        tokens.push({ kind: 'op', op: two });
        i += 2;
      } else {
        // A lone & (background) runs in the foreground here: nothing in this shell takes time.
        tokens.push({ kind: 'op', op: c === '&' ? ';' : c });
        i += 1;
      }
    } else {
      lit(c, false);
      i += 1;
    }
  }
  endWord();
  return tokens;
}

/** Parses one command line into a list of pipelines. An empty line gives an empty list. */
export function parseLine(src: string): ListItem[] {
  const tokens = tokenize(src);
  const items: ListItem[] = [];
  let pipeline: SimpleCommand[] = [];
  let cmd: SimpleCommand = { words: [], redirects: [] };
  const unexpected = (tok: string): ShellSyntaxError => new ShellSyntaxError(`syntax error near unexpected token \`${tok}'`);
  const cmdEmpty = (): boolean => cmd.words.length === 0 && cmd.redirects.length === 0;
  for (let t = 0; t < tokens.length; t += 1) {
    const tok = tokens[t] as Token;
    if (tok.kind === 'word') {
      cmd.words.push(tok.word);
      continue;
    }
    const op = tok.op;
    if (op === '|') {
      if (cmdEmpty()) throw unexpected('|');
      pipeline.push(cmd);
      cmd = { words: [], redirects: [] };
    } else if (op === ';' || op === '&&' || op === '||') {
      if (cmdEmpty()) {
        if (op === ';' && pipeline.length === 0) continue; // blank statements are fine
        throw unexpected(op);
      }
      pipeline.push(cmd);
      items.push({ pipeline, next: op });
      pipeline = [];
      cmd = { words: [], redirects: [] };
    } else {
      if (op === '2>&1') {
        cmd.redirects.push({ op, target: [] });
        continue;
      }
      const target = tokens[t + 1];
      if (!target || target.kind !== 'word') throw unexpected(target?.kind === 'op' ? target.op : 'newline');
      cmd.redirects.push({ op: op as RedirectOp, target: target.word });
      t += 1;
    }
  }
  if (!cmdEmpty()) {
    pipeline.push(cmd);
  } else if (pipeline.length > 0 || (items.length > 0 && items[items.length - 1]?.next !== ';')) {
    throw new ShellSyntaxError('syntax error: unexpected end of file');
  }
  if (pipeline.length > 0) items.push({ pipeline, next: ';' });
  return items;
}
