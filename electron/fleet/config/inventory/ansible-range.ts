/** Ansible's host patterns in inventories: `web[01:20]`, `db-[a:f]`, with an optional stride `[1:9:2]`. */
import { MAX_HOSTS } from '../limits';

interface Span {
  lo: number;
  step: number;
  count: number;
  /** Zero-padding width for numbers; undefined for letters. */
  width?: number;
}
type Part = { literal: string } | { span: Span };

/**
 * How many names a pattern makes, computed without making them (the product of its ranges' sizes,
 * capped just above MAX_HOSTS). Throws a plain Error with what was expected (callers add file:line).
 */
export function countAnsibleRange(name: string): number {
  return countOf(parsePattern(name));
}

/** Returns the names, or throws a plain Error with what was expected (callers add file:line). */
export function expandAnsibleRange(name: string): string[] {
  const parts = parsePattern(name);
  if (countOf(parts) > MAX_HOSTS) throw new Error(`host pattern "${name}" expands to more than ${MAX_HOSTS} hosts`);
  let acc = [''];
  for (const p of parts) {
    if ('literal' in p) acc = acc.map((a) => a + p.literal);
    else {
      const { lo, step, count, width } = p.span;
      const vals: string[] = [];
      for (let i = 0; i < count; i++) {
        const v = lo + i * step;
        vals.push(width === undefined ? String.fromCharCode(v) : String(v).padStart(width, '0'));
      }
      acc = acc.flatMap((a) => vals.map((v) => a + v));
    }
  }
  return acc;
}

function countOf(parts: Part[]): number {
  let n = 1;
  for (const p of parts) if ('span' in p) n = Math.min(n * p.span.count, MAX_HOSTS + 1);
  return n;
}

function parsePattern(name: string): Part[] {
  const parts: Part[] = [];
  let rest = name;
  for (;;) {
    const open = rest.indexOf('[');
    if (open < 0) {
      if (rest.includes(']')) throw new Error(`"]" without "[" in host pattern "${name}"`);
      if (rest !== '') parts.push({ literal: rest });
      return parts;
    }
    const close = rest.indexOf(']', open);
    if (close < 0) throw new Error(`"[" without "]" in host pattern "${name}"`);
    if (open > 0) parts.push({ literal: rest.slice(0, open) });
    parts.push({ span: parseSpan(rest.slice(open + 1, close)) });
    if (countOf(parts) > MAX_HOSTS) throw new Error(`host pattern "${name}" expands to more than ${MAX_HOSTS} hosts`);
    rest = rest.slice(close + 1);
  }
}

function parseSpan(body: string): Span {
  const m = /^([0-9]+|[a-zA-Z]):([0-9]+|[a-zA-Z])(?::([0-9]+))?$/.exec(body);
  if (!m?.[1] || !m[2]) throw new Error(`bad host range "[${body}]": expected [start:end] or [start:end:step], such as [01:20] or [a:f]`);
  const [beg, end, stepStr] = [m[1], m[2], m[3]];
  const step = stepStr === undefined ? 1 : Number(stepStr);
  if (!(step > 0)) throw new Error(`bad host range "[${body}]": the step must be at least 1`);
  const numeric = /^[0-9]+$/.test(beg);
  if (numeric !== /^[0-9]+$/.test(end)) throw new Error(`bad host range "[${body}]": start and end must both be numbers or both letters`);
  if (numeric) {
    if (beg.length > 15 || end.length > 15) throw new Error(`bad host range "[${body}]": numbers too long`);
    // As Ansible: a zero-padded start fixes the width, and then the end must be written with the same width.
    const width = beg.length > 1 && beg.startsWith('0') ? beg.length : 0;
    if (width > 0 && end.length !== width) throw new Error(`bad host range "[${body}]": a zero-padded range needs start and end of equal length`);
    const lo = Number(beg);
    const hi = Number(end);
    if (hi < lo) throw new Error(`bad host range "[${body}]": the end is lower than the start`);
    if ((hi - lo) / step >= MAX_HOSTS) throw new Error(`bad host range "[${body}]": more than ${MAX_HOSTS} hosts`);
    return { lo, step, count: Math.floor((hi - lo) / step) + 1, width };
  }
  const lo = beg.charCodeAt(0);
  const hi = end.charCodeAt(0);
  if (hi < lo) throw new Error(`bad host range "[${body}]": the end is lower than the start`);
  return { lo, step, count: Math.floor((hi - lo) / step) + 1 };
}

/**
 * Ansible's parse_address: `host:port`, `[v6]:port` and bare IPv6. A colon inside a range bracket
 * (`web[01:20]`) is not a port separator.
 */
export function splitHostPort(pattern: string): { pattern: string; port?: string } {
  const v6 = /^\[([0-9a-fA-F:.]*:[0-9a-fA-F:.]*)\](?::(\d+))?$/.exec(pattern);
  if (v6?.[1]) return v6[2] === undefined ? { pattern: v6[1] } : { pattern: v6[1], port: v6[2] };
  const outside: number[] = [];
  let depth = 0;
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i];
    if (c === '[') depth++;
    else if (c === ']') depth--;
    else if (c === ':' && depth === 0) outside.push(i);
  }
  const last = outside[0];
  if (outside.length !== 1 || last === undefined) return { pattern };
  const port = pattern.slice(last + 1);
  return /^\d+$/.test(port) ? { pattern: pattern.slice(0, last), port } : { pattern };
}
