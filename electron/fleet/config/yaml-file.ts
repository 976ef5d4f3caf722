/** YAML files read with positions, so every complaint can name file:line. */
import { Document, isMap, isScalar, isSeq, LineCounter, parseDocument, type Node } from 'yaml';
import { ConfigError } from './errors';

export interface YamlFile {
  file: string;
  doc: Document.Parsed;
  lineOf(node: unknown): number;
}

export function parseYamlText(text: string, file: string): YamlFile {
  const lc = new LineCounter();
  let doc: Document.Parsed;
  try {
    // The library's own uniqueKeys check compares every key with every earlier one: a 30,000-host
    // group took minutes. Duplicates are found below in one pass instead.
    doc = parseDocument(text, { lineCounter: lc, prettyErrors: true, uniqueKeys: false });
  } catch (e) {
    throw new ConfigError(file, 1, `not valid YAML: ${(e as Error).message}`);
  }
  const first = doc.errors[0];
  if (first) {
    const line = first.linePos?.[0].line ?? 1;
    const what = (first.message.split('\n')[0] ?? first.code).replace(/ at line \d+, column \d+:?$/, '');
    throw new ConfigError(file, line, `not valid YAML: ${what}`);
  }
  const dup = firstDuplicateKey(doc.contents);
  if (dup) throw new ConfigError(file, dup.range ? lc.linePos(dup.range[0]).line : 1, `not valid YAML: Map keys must be unique (${JSON.stringify(isScalar(dup) ? String(dup.value) : String(dup))} is repeated)`);
  return {
    file,
    doc,
    lineOf(node: unknown): number {
      const r = (node as { range?: [number, number, number] } | null)?.range;
      return r ? lc.linePos(r[0]).line : 1;
    },
  };
}

/** A key as the duplicate check compares it: scalars by value (as the library does), others by their text. */
function scalarKey(k: unknown): string {
  if (isScalar(k)) return `${typeof k.value}:${String(k.value)}`;
  return String(k);
}

/** The first key repeated within one mapping, anywhere in the document; iterative, so depth cannot overflow the stack. */
function firstDuplicateKey(root: unknown): Node | undefined {
  const stack: unknown[] = [root];
  while (stack.length > 0) {
    const n = stack.pop();
    if (isMap(n)) {
      const seen = new Set<string>();
      for (const p of n.items) {
        const k = scalarKey(p.key);
        if (seen.has(k)) return p.key as Node;
        seen.add(k);
        stack.push(p.value);
      }
    } else if (isSeq(n)) {
      for (const it of n.items) stack.push(it);
    }
  }
  return undefined;
}

/** `key:` with nothing after it: YAML null, or no node at all. */
export function isEmptyNode(n: unknown): boolean {
  return n === null || n === undefined || (isScalar(n) && (n.value === null || n.value === ''));
}

export function scalarString(n: unknown): string | undefined {
  if (!isScalar(n)) return undefined;
  const v = n.value;
  if (typeof v === 'string') return v;
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  return undefined;
}

export { isMap, isScalar, isSeq };
export type { Node };
