/**
 * pdsh/clush host ranges: `web[01-40]`, `db[1-3,7]`, `rack[1-2]-n[1-3]`, comma lists. Order follows
 * pdsh (left to right, leftmost bracket outermost); padding follows pdsh (a low bound written with a
 * leading zero sets the width). Unlike pdsh, duplicates are dropped and malformed brackets are errors
 * rather than literal host names, because a typo in a target list must not reach a host called "web[1-3".
 */
import { HostExprError } from './errors';
import { MAX_HOSTS } from './limits';

export { MAX_HOSTS };

/** One bracket's ranges, parsed but not expanded. */
interface Range {
  lo: number;
  hi: number;
  width: number;
}
type Part = { literal: string } | { ranges: Range[] };

/**
 * Every item is parsed and the names it makes are counted (the product of its brackets' sizes)
 * before any name is made, so `x[1-60000]` repeated or `[0-9]` sixty times fails at once.
 */
export function expandHostList(expr: string): string[] {
  const items = splitTopLevel(expr).map((item) => parseItem(item, expr));
  let total = 0;
  for (const parts of items) {
    total += countOf(parts);
    if (total > MAX_HOSTS) throw new HostExprError(expr, `expands to more than ${MAX_HOSTS} hosts`);
  }
  const out: string[] = [];
  const seen = new Set<string>();
  for (const parts of items) {
    for (const h of expandParts(parts)) {
      if (seen.has(h)) continue;
      seen.add(h);
      out.push(h);
    }
  }
  return out;
}

/** How many names a parsed item makes, capped just above MAX_HOSTS so the product cannot overflow. */
function countOf(parts: Part[]): number {
  let n = 1;
  for (const p of parts) if ('ranges' in p) n = Math.min(n * p.ranges.reduce((a, r) => a + (r.hi - r.lo + 1), 0), MAX_HOSTS + 1);
  return n;
}

/** Splits on commas and whitespace outside brackets; commas inside brackets belong to the range. */
export function splitTopLevel(expr: string): string[] {
  const items: string[] = [];
  let depth = 0;
  let cur = '';
  for (const c of expr) {
    if (c === '[') depth++;
    else if (c === ']') depth--;
    if (depth === 0 && (c === ',' || /\s/.test(c))) {
      if (cur !== '') items.push(cur);
      cur = '';
    } else {
      cur += c;
    }
  }
  if (cur !== '') items.push(cur);
  return items;
}

function parseItem(item: string, expr: string): Part[] {
  const parts: Part[] = [];
  let i = 0;
  while (i < item.length) {
    const open = item.indexOf('[', i);
    const strayClose = item.indexOf(']', i);
    if (strayClose >= 0 && (open < 0 || strayClose < open)) throw new HostExprError(expr, `"]" without a matching "[" in "${item}"`);
    if (open < 0) {
      parts.push({ literal: item.slice(i) });
      break;
    }
    if (open > i) parts.push({ literal: item.slice(i, open) });
    const close = item.indexOf(']', open);
    if (close < 0) throw new HostExprError(expr, `"[" without a closing "]" in "${item}"`);
    const body = item.slice(open + 1, close);
    if (body.includes('[')) throw new HostExprError(expr, `nested "[" in "${item}"`);
    parts.push({ ranges: parseBracket(body, expr) });
    if (countOf(parts) > MAX_HOSTS) throw new HostExprError(expr, `expands to more than ${MAX_HOSTS} hosts`);
    i = close + 1;
  }
  return parts;
}

function expandParts(parts: Part[]): string[] {
  let acc = [''];
  for (const p of parts) {
    if ('literal' in p) acc = acc.map((a) => a + p.literal);
    else {
      const vals: string[] = [];
      for (const r of p.ranges) for (let n = r.lo; n <= r.hi; n++) vals.push(String(n).padStart(r.width, '0'));
      acc = acc.flatMap((a) => vals.map((v) => a + v));
    }
  }
  return acc;
}

function parseBracket(body: string, expr: string): Range[] {
  if (body === '') throw new HostExprError(expr, 'empty range "[]": expected numbers such as [1-3,7]');
  const out: Range[] = [];
  let count = 0;
  for (const r of body.split(',')) {
    const m = /^(\d+)(?:-(\d+))?$/.exec(r);
    if (!m?.[1]) throw new HostExprError(expr, `bad range "${r}": expected N or N-M with 0 <= N <= M, such as 01-40`);
    if (r.length > 31 || (m[2]?.length ?? 0) > 15 || m[1].length > 15) throw new HostExprError(expr, `bad range "${r}": numbers this long are not host numbers`);
    const loStr = m[1];
    const lo = Number(loStr);
    const hi = m[2] === undefined ? lo : Number(m[2]);
    if (hi < lo) throw new HostExprError(expr, `bad range "${r}": the end is lower than the start`);
    count += hi - lo + 1;
    if (count > MAX_HOSTS) throw new HostExprError(expr, `range "[${body.length > 40 ? `${body.slice(0, 40)}...` : body}]" has more than ${MAX_HOSTS} hosts`);
    out.push({ lo, hi, width: loStr.length > 1 && loStr.startsWith('0') ? loStr.length : 0 });
  }
  return out;
}
