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
    doc = parseDocument(text, { lineCounter: lc, prettyErrors: true, uniqueKeys: true});
  } catch (e) {
    throw new ConfigError(file, 1, `not valid YAML: ${(e as Error).message}`);
  }
  const first = doc.errors[0];
  if (first) {
    const line = first.linePos?.[0].line ?? 1;
    const what = (first.message.split('\n')[0] ?? first.code).replace(/ at line \d+, column \d+:?$/, '');
    throw new ConfigError(file, line, `not valid YAML: ${what}`);
  }
  return {
    file,
    doc,
    lineOf(node: unknown): number {
      const r = (node as { range?: [number, number, number] } | null)?.range;
      return r ? lc.linePos(r[0]).line : 1;
    },
  };
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
