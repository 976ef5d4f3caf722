/**
 * pdsh/clush host ranges: `web[01-40]`, `db[1-3,7]`, `rack[1-2]-n[1-3]`, comma lists. Order follows
 * pdsh (left to right, leftmost bracket outermost); padding follows pdsh (a low bound written with a
 * leading zero sets the width). Unlike pdsh, duplicates are dropped and malformed brackets are errors
 * rather than literal host names, because a typo in a target list must not reach a host called "web[1-3".
 */
import { HostExprError } from './errors';

/** pdsh refuses huge ranges too; this keeps a typo from allocating millions of names. */
export const MAX_HOSTS = 65536;

interface Part {
  literal?: string;
  values?: string[];
}

export function expandHostList(expr: string): string[] {
  const out: string[] = [];
  const seen = new Set<string>();
  for (const item of splitTopLevel(expr)) {
    for (const h of expandOne(item, expr)) {
      if (!seen.has(h)) {
        seen.add(h);
        out.push(h);
        if (out.length > MAX_HOSTS) throw new HostExprError(expr, `expands to more than ${MAX_HOSTS} hosts`);
      }
    }
  }
  return out;
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

function expandOne(item: string, expr: string): string[] {
  const parts: Part[] = [];
  let i = 0;
  let total = 1;
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
    const values = expandBracket(body, expr);
    total *= values.length;
    if (total > MAX_HOSTS) throw new HostExprError(expr, `expands to more than ${MAX_HOSTS} hosts`);
    parts.push({ values });
    i = close + 1;
  }
  let acc = [''];
  for (const p of parts) {
    if (p.literal !== undefined) acc = acc.map((a) => a + p.literal);
    else {
      const vals = p.values ?? [];
      acc = acc.flatMap((a) => vals.map((v) => a + v));
    }
  }
  return acc;
}

function expandBracket(body: string, expr: string): string[] {
  if (body === '') throw new HostExprError(expr, 'empty range "[]": expected numbers such as [1-3,7]');
  const out: string[] = [];
  for (const r of body.split(',')) {
    const m = /^(\d+)(?:-(\d+))?$/.exec(r);
    if (!m?.[1]) throw new HostExprError(expr, `bad range "${r}": expected N or N-M with 0 <= N <= M, such as 01-40`);
    if (r.length > 31 || (m[2]?.length ?? 0) > 15 || m[1].length > 15) throw new HostExprError(expr, `bad range "${r}": numbers this long are not host numbers`);
    const loStr = m[1];
    const lo = Number(loStr);
    const hi = m[2] === undefined ? lo : Number(m[2]);
    if (hi < lo) throw new HostExprError(expr, `bad range "${r}": the end is lower than the start`);
    if (hi - lo + 1 > MAX_HOSTS) throw new HostExprError(expr, `range "${r}" has more than ${MAX_HOSTS} hosts`);
    const width = loStr.length > 1 && loStr.startsWith('0') ? loStr.length : 0;
    for (let n = lo; n <= hi; n++) out.push(String(n).padStart(width, '0'));
  }
  return out;
}
