/** Ansible's host patterns in inventories: `web[01:20]`, `db-[a:f]`, with an optional stride `[1:9:2]`. */
const MAX = 65536;

/** Returns the names, or throws a plain Error with what was expected (callers add file:line). */
export function expandAnsibleRange(name: string): string[] {
  const open = name.indexOf('[');
  if (open < 0) {
    if (name.includes(']')) throw new Error(`"]" without "[" in host pattern "${name}"`);
    return [name];
  }
  const close = name.indexOf(']', open);
  if (close < 0) throw new Error(`"[" without "]" in host pattern "${name}"`);
  const head = name.slice(0, open);
  const body = name.slice(open + 1, close);
  const tail = name.slice(close + 1);
  const m = /^([0-9]+|[a-zA-Z]):([0-9]+|[a-zA-Z])(?::([0-9]+))?$/.exec(body);
  if (!m?.[1] || !m[2]) throw new Error(`bad host range "[${body}]": expected [start:end] or [start:end:step], such as [01:20] or [a:f]`);
  const [beg, end, stepStr] = [m[1], m[2], m[3]];
  const step = stepStr === undefined ? 1 : Number(stepStr);
  if (!(step > 0)) throw new Error(`bad host range "[${body}]": the step must be at least 1`);
  const values: string[] = [];
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
    if ((hi - lo) / step >= MAX) throw new Error(`bad host range "[${body}]": more than ${MAX} hosts`);
    for (let n = lo; n <= hi; n += step) values.push(String(n).padStart(width, '0'));
  } else {
    const lo = beg.charCodeAt(0);
    const hi = end.charCodeAt(0);
    if (hi < lo) throw new Error(`bad host range "[${body}]": the end is lower than the start`);
    for (let c = lo; c <= hi; c += step) values.push(String.fromCharCode(c));
  }
  const rest = expandAnsibleRange(tail);
  if (values.length * rest.length > MAX) throw new Error(`host pattern "${name}" expands to more than ${MAX} hosts`);
  return values.flatMap((v) => rest.map((r) => head + v + r));
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
