/**
 * The lint over a long section as the person types: the text is cut into blocks (paragraphs, a
 * fenced block with its blank lines, a list with its indented continuations) and each block's
 * findings are kept by its text, so a keystroke re-lints only the block it changed. A clause never
 * crosses a line break (shared/writeup/lint/clauses.ts), and a cut is made only where Markdown
 * starts afresh: at a blank line outside a fence or HTML comment, before a line that is not
 * indented. The findings are the whole text's (test/renderer/writeup/lintBlocks.test.ts compares).
 */
import type { TextFinding } from '../../../shared/writeup/lint/finding';
import { lintText, type LintOptions } from '../../../shared/writeup/lint/lint';

export interface Block {
  start: number;
  /** 1-based line of the block's first line in the whole text. */
  line: number;
  text: string;
}

const FENCE = /^ {0,3}(`{3,}|~{3,})/;

export function blocksOf(text: string): Block[] {
  const blocks: Block[] = [];
  const lines = text.split('\n');
  let fence: string | null = null;
  let comment = false;
  let start = 0;
  let startLine = 1;
  let at = 0;
  let blankBefore = false;
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i] as string;
    const blank = line.trim() === '';
    if (blankBefore && !blank && fence === null && !comment && !/^\s/.test(line) && at > start) {
      blocks.push({ start, line: startLine, text: text.slice(start, at) });
      start = at;
      startLine = i + 1;
    }
    const f = FENCE.exec(line);
    if (f) {
      const mark = f[1] as string;
      if (fence === null) fence = mark;
      else if (mark[0] === fence[0] && mark.length >= fence.length && line.trim() === mark) fence = null;
    }
    if (fence === null) {
      const open = line.lastIndexOf('<!--');
      const close = line.lastIndexOf('-->');
      if (open > close) comment = true;
      else if (close >= 0) comment = false;
    }
    blankBefore = blank;
    at += line.length + 1;
  }
  if (start < text.length || blocks.length === 0) blocks.push({ start, line: startLine, text: text.slice(start) });
  return blocks;
}

/** Findings of block texts already seen, per lint options; cleared when it grows past its bound. */
export class BlockLintCache {
  private readonly byOptions = new Map<string, Map<string, TextFinding[]>>();
  constructor(private readonly limit = 4000) {}

  lint(text: string, options: LintOptions): TextFinding[] {
    const key = `${options.actionItems ? 'a' : 'p'}|${[...(options.people ?? [])].sort().join('\u0000')}`;
    let cache = this.byOptions.get(key);
    if (!cache) this.byOptions.set(key, (cache = new Map()));
    const out: TextFinding[] = [];
    for (const block of blocksOf(text)) {
      let found = cache.get(block.text);
      if (!found) {
        if (cache.size >= this.limit) cache.clear();
        found = lintText(block.text, options);
        cache.set(block.text, found);
      }
      for (const f of found) out.push({ ...f, start: f.start + block.start, end: f.end + block.start, line: f.line + block.line - 1 });
    }
    return out;
  }
}
