/**
 * A set of host aliases named compactly, for every place that would otherwise list 64 names: whole
 * groups by name, numbered runs folded into pdsh ranges (`web[01-32]`, `db[01-03,07]`), the rest
 * listed, and a cap with "+N more". Without groups and without a cap, the parts joined with commas
 * are a pdsh `-w` expression for exactly the set (test/shared/model/hostSet.test.ts holds it to pdsh).
 */

export interface HostSetOptions {
  /** Groups by name; a group is named when it has two or more members and every one is in the set. */
  groups?: Readonly<Record<string, readonly string[]>>;
  /** `count`: "web (32)" for people; `at`: "@web", a Warroom target expression. */
  groupStyle?: 'count' | 'at';
  /** At most this many parts; the hosts left out are counted in `more`. */
  max?: number;
}

export interface HostSetName {
  /** Group names, ranges and single names, in the order their first host appears. */
  parts: string[];
  /** Hosts of the set that no shown part names (over the cap). */
  more: number;
  /** The parts and "+N more", joined with ", ". */
  text: string;
}

/** A numbered name: the text before one of its runs of digits, the digits, and the text after. */
interface Numbered {
  prefix: string;
  digits: string;
  suffix: string;
}

/** Every run of digits a name could be folded on (`r1n007.dc1` has three). */
function candidates(name: string): Numbered[] {
  const out: Numbered[] = [];
  for (const m of name.matchAll(/\d+/g)) {
    const digits = m[0];
    // Past 15 digits a number no longer round-trips through a double: not folded on.
    if (digits.length > 15) continue;
    out.push({ prefix: name.slice(0, m.index), digits, suffix: name.slice(m.index + digits.length) });
  }
  return out;
}

/**
 * The run each name folds on: the one that the most names share their other text around
 * (`n1.dc1`, `n2.dc1` fold on the first number; `web01.dc1`, `web01.dc2` on the last), the last on a tie.
 */
function pickRuns(names: readonly string[]): Map<string, Numbered> {
  const options = names.map((name) => ({ name, runs: candidates(name) }));
  const shared = new Map<string, number>();
  const around = (n: Numbered) => `${n.prefix}\0${n.suffix}`;
  for (const { runs } of options) for (const r of runs) shared.set(around(r), (shared.get(around(r)) ?? 0) + 1);
  const picked = new Map<string, Numbered>();
  for (const { name, runs } of options) {
    let best: Numbered | undefined;
    for (const r of runs) if (!best || (shared.get(around(r)) ?? 0) >= (shared.get(around(best)) ?? 0)) best = r;
    if (best) picked.set(name, best);
  }
  return picked;
}

/** Names of one class fold into a bracket from this many on. */
const MIN_FOLD = 3;

const padded = (digits: string): boolean => digits.length > 1 && digits.startsWith('0');

/** `lo-hi` runs of consecutive numbers, written at the class's width ("" = unpadded). */
function bracket(numbers: number[], width: number): string {
  const sorted = [...new Set(numbers)].sort((a, b) => a - b);
  const text = (n: number) => String(n).padStart(width, '0');
  const runs: string[] = [];
  for (let i = 0; i < sorted.length; ) {
    let j = i;
    while (j + 1 < sorted.length && sorted[j + 1] === (sorted[j] ?? 0) + 1) j++;
    const lo = sorted[i] ?? 0;
    const hi = sorted[j] ?? 0;
    runs.push(lo === hi ? text(lo) : `${text(lo)}-${text(hi)}`);
    i = j + 1;
  }
  return runs.join(',');
}

/** A folded part: its text and the names it stands for. */
interface Folded {
  text: string;
  names: string[];
}

/**
 * Folds names into ranges. Names fold together when they share the text around a number (see pickRuns)
 * and its zero padding: `web01`..`web32` (width 2), `db1`..`db12` (no padding). A name without a
 * leading zero joins a padded class of its own width when there is one (`web10` with `web09`), as
 * pdsh writes `web[09-10]`. One part per class, in the order of its first name.
 */
function fold(names: readonly string[]): Folded[] {
  interface Class {
    prefix: string;
    suffix: string;
    width: number;
    numbers: number[];
    names: string[];
  }
  const unique = [...new Set(names)];
  const runs = pickRuns(unique);
  const parsed = unique.map((name) => ({ name, n: runs.get(name) }));
  const paddedWidths = new Set<string>();
  for (const { n } of parsed) if (n && padded(n.digits)) paddedWidths.add(`${n.prefix}\0${n.suffix}\0${n.digits.length}`);
  const classes = new Map<string, Class>();
  const parts: Array<Folded | Class> = [];
  for (const { name, n } of parsed) {
    if (!n) {
      parts.push({ text: name, names: [name] });
      continue;
    }
    const width = padded(n.digits) || paddedWidths.has(`${n.prefix}\0${n.suffix}\0${n.digits.length}`) ? n.digits.length : 0;
    const key = `${n.prefix}\0${n.suffix}\0${width}`;
    let c = classes.get(key);
    if (!c) {
      c = { prefix: n.prefix, suffix: n.suffix, width, numbers: [], names: [] };
      classes.set(key, c);
      parts.push(c);
    }
    c.numbers.push(Number(n.digits));
    c.names.push(name);
  }
  return parts.flatMap((p) => {
    if ('text' in p) return [p];
    // Two names read more easily than a bracket ("db-1, db-2", not "db-[1-2]").
    if (p.names.length < MIN_FOLD) return p.names.map((name) => ({ text: name, names: [name] }));
    return [{ text: `${p.prefix}[${bracket(p.numbers, p.width)}]${p.suffix}`, names: p.names }];
  });
}

/** The names folded into pdsh ranges (see fold), in the order of each part's first name. */
export function foldRanges(names: readonly string[]): string[] {
  return fold(names).map((p) => p.text);
}

/**
 * Names a set of hosts compactly: groups first (largest first, each only when it adds a host not
 * already named), then the remaining hosts folded into ranges. Order of the result follows the
 * first host of each part in `hosts`.
 */
export function nameHostSet(hosts: readonly string[], options: HostSetOptions = {}): HostSetName {
  const set = new Set(hosts);
  const order = new Map<string, number>();
  [...set].forEach((h, i) => order.set(h, i));
  const covered = new Set<string>();
  const named: Array<{ first: number; text: string; members: readonly string[] }> = [];
  const groups = Object.entries(options.groups ?? {})
    .map(([name, members]) => ({ name, members: [...new Set(members)] }))
    .filter((g) => g.members.length >= 2 && g.members.every((m) => set.has(m)))
    .sort((a, b) => b.members.length - a.members.length || a.name.localeCompare(b.name));
  for (const g of groups) {
    if (g.members.every((m) => covered.has(m))) continue;
    for (const m of g.members) covered.add(m);
    const first = Math.min(...g.members.map((m) => order.get(m) ?? Infinity));
    named.push({ first, text: options.groupStyle === 'at' ? `@${g.name}` : `${g.name} (${g.members.length})`, members: g.members });
  }
  const rest = [...set].filter((h) => !covered.has(h));
  for (const part of fold(rest)) {
    named.push({ first: Math.min(...part.names.map((m) => order.get(m) ?? Infinity)), text: part.text, members: part.names });
  }
  named.sort((a, b) => a.first - b.first);
  const max = options.max ?? Infinity;
  const shown = named.slice(0, Math.max(1, max));
  // Hosts over the cap: those no shown part names (groups may overlap, so count hosts, not parts).
  const seen = new Set(shown.flatMap((p) => p.members));
  const more = set.size - seen.size;
  const parts = shown.map((p) => p.text);
  const text = [...parts, ...(more > 0 ? [`+${more} more`] : [])].join(', ');
  return { parts, more, text };
}
