/**
 * Output of `warroom run` in the forms SREs already read: pdsh's `host: line`, dshbak -c's
 * coalesced blocks with compressed host lists, and JSON for machines.
 */
import type { HostRunResult, RunResult } from './types';

/** pdsh's line prefix for one chunk of whole lines. */
export function prefixLines(alias: string, text: string): string {
  if (text === '') return '';
  const lines = text.endsWith('\n') ? text.slice(0, -1).split('\n') : text.split('\n');
  return lines.map((l) => `${alias}: ${l}\n`).join('');
}

const trailingDigits = (s: string): number => {
  const m = /(\d*)$/.exec(s);
  return m && m[1] ? Number(m[1]) : 0;
};

/** dshbak's sortn: by the trailing number, then (where dshbak leaves it to hash order) by name. */
export function sortn(names: readonly string[]): string[] {
  return [...names].sort((a, b) => trailingDigits(a) - trailingDigits(b) || (a < b ? -1 : a > b ? 1 : 0));
}

/** The zero-padded width of a number as dshbak counts it: "01" is 2, "1" and "0" are 1. */
function zeroPadWidth(n: string): number {
  return n.startsWith('0') && n !== '0' ? n.length : 1;
}

/** dshbak's compress_inner: prefix -> ranges, joining consecutive numbers of compatible padding. */
function compressInner(names: string[]): string[] {
  const ranges = new Map<string, Array<[string, string?]>>();
  const index = new Map<string, number>(); // `${prefix}\0${zp}\0${n}` -> index in ranges[prefix]
  for (const host of sortn(names)) {
    const m = /^(.*?)(\d*)$/.exec(host)!;
    const p = m[1]!;
    const n = m[2]!;
    const zp = zeroPadWidth(n);
    const list = ranges.get(p) ?? [];
    ranges.set(p, list);
    const num = n === '' ? NaN : Number(n);
    let idx = n === '' ? undefined : index.get(`${p}\0${zp}\0${num - 1}`);
    if (idx === undefined && zp === 1 && n !== '') idx = index.get(`${p}\0${n.length}\0${num - 1}`);
    if (idx !== undefined) {
      list[idx]![1] = n;
      index.set(`${p}\0${zp}\0${num}`, idx);
    } else {
      list.push([n]);
      if (n !== '') index.set(`${p}\0${zp}\0${num}`, list.length - 1);
    }
  }
  return [...ranges.keys()].sort().map((p) => {
    const elems = ranges.get(p)!.map(([a, b]) => (b !== undefined ? `${a}-${b}` : a));
    return elems.length > 1 || elems[0]!.includes('-') ? `${p}[${elems.join(',')}]` : `${p}${elems[0]}`;
  });
}

/** dshbak's compress: a host list as ranges, e.g. host[01-03,10],web. */
export function compressHosts(names: readonly string[]): string {
  const bySuffix = new Map<string, string[]>();
  for (const h of sortn(names)) {
    const m = /^(.*?\d*)(\D*)$/.exec(h)!;
    const list = bySuffix.get(m[2]!) ?? [];
    list.push(m[1]!);
    bySuffix.set(m[2]!, list);
  }
  const out: string[] = [];
  for (const suffix of [...bySuffix.keys()].sort()) for (const c of compressInner(bySuffix.get(suffix)!)) out.push(`${c}${suffix}`);
  return out.join(',');
}

const DIV = '----------------\n';

/** `dshbak -c` over the hosts' stdout: identical outputs once, headed by their host list. */
export function collate(results: readonly HostRunResult[]): string {
  const text = new Map<string, string>();
  for (const r of results) {
    if (r.stdout === '') continue; // dshbak sees no line from a silent host
    text.set(r.alias, r.stdout.endsWith('\n') ? r.stdout : `${r.stdout}\n`);
  }
  let out = '';
  const left = new Map(text);
  for (const alias of sortn([...text.keys()])) {
    const body = left.get(alias);
    if (body === undefined) continue;
    const same = [...left.entries()].filter(([, b]) => b === body).map(([a]) => a);
    for (const a of same) left.delete(a);
    out += `${DIV}${compressHosts(same)}\n${DIV}${body}`;
  }
  return out;
}

/** One line per host that did not run cleanly, for stderr (pdsh prints these as it goes). */
export function failureLine(r: HostRunResult): string | undefined {
  if (r.failure) return `warroom: ${r.alias}: ${r.failure.kind}: ${r.failure.message}\n`;
  if (r.exitCode !== null && r.exitCode !== 0) return `warroom: ${r.alias}: exited with status ${r.exitCode}\n`;
  return undefined;
}

export function toJson(result: RunResult): string {
  return `${JSON.stringify(result, null, 2)}\n`;
}
