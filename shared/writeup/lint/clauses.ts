/**
 * Splits prose into clauses of words with retext-english (the unified ecosystem's English parser),
 * so rules look at words and their neighbours rather than at raw characters. A clause ends at any
 * punctuation or symbol inside a sentence (comma, colon, dash, list marker, bracket) and at a line
 * break: a subject never reaches across one, and list items without full stops stay apart.
 */
import { unified } from 'unified';
import retextEnglish from 'retext-english';
import { toString } from 'nlcst-to-string';
import type { Root, Sentence } from 'nlcst';

export interface Word {
  /** As written. */
  text: string;
  /** Lower case, curly apostrophes made straight. */
  norm: string;
  start: number;
  end: number;
  line: number;
  column: number;
  /** On a clause's first word: the punctuation that ended the clause before it in the same sentence ('' at a sentence or line start). */
  after?: string;
}

export type Clause = Word[];

const parser = unified().use(retextEnglish);

export function clausesOf(text: string): Clause[] {
  const tree = parser.parse(text) as Root;
  const clauses: Clause[] = [];
  for (const paragraph of tree.children) {
    if (paragraph.type !== 'ParagraphNode') continue;
    for (const sentence of paragraph.children) {
      if (sentence.type === 'SentenceNode') splitSentence(sentence, clauses);
    }
  }
  return clauses;
}

function splitSentence(sentence: Sentence, into: Clause[]): void {
  let current: Clause = [];
  let after = '';
  const close = (by: string) => {
    if (current.length > 0) into.push(current);
    current = [];
    after = by;
  };
  for (const node of sentence.children) {
    if (node.type === 'WordNode') {
      const p = node.position;
      if (!p || p.start.offset === undefined || p.end.offset === undefined) continue;
      const text = toString(node);
      const word: Word = { text, norm: normalise(text), start: p.start.offset, end: p.end.offset, line: p.start.line, column: p.start.column };
      if (current.length === 0) word.after = after;
      current.push(word);
    } else if (node.type === 'WhiteSpaceNode') {
      if (/[\n\r]/.test(toString(node))) close('');
    } else close(toString(node));
  }
  close('');
}

export function normalise(word: string): string {
  return word.toLowerCase().replace(/[\u2018\u2019\u02bc]/g, "'");
}
