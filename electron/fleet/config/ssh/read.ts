/**
 * Walks config files the way readconf.c does: Host/Match switch an "active" flag, Include splices in
 * files (globbed, relative to ~/.ssh), and every line is validated even when inactive, because ssh
 * fails on a bad line anywhere in the file, not only in blocks that apply.
 */
import fs from 'node:fs';
import path from 'node:path';
import { ConfigError } from '../errors';
import { MAX_FILE_BYTES, tooBig } from '../limits';
import { type ConfigLine, parseConfigText } from './lines';
import { KNOWN_KEYWORDS } from './keywords';
import { matchHostname, matchPattern, matchPatternList } from './patterns';
import { percentExpand, tildeExpand } from './tokens';
import { applyOption, type RawOptions } from './options';
import { globFiles } from './glob';

const MAX_INCLUDE_DEPTH = 16;

export interface ReadState {
  /** What Host lines match: the alias as typed, or the resolved name in the final pass. */
  host: string;
  originalHost: string;
  localUser: string;
  homeDir: string;
  /** True in the second pass that `Match final` asks for. */
  postCanon: boolean;
  wantFinal: boolean;
  opts: RawOptions;
  warnings: string[];
}

const validatedLines = new WeakSet<ConfigLine>();
const parseCache = new Map<string, { mtimeMs: number; size: number; ino: number; lines: ConfigLine[] }>();

/** Parsed lines of a file, or undefined when it does not exist. Cached by mtime, size and inode (a file replaced by rename). */
export function loadConfigLines(file: string): ConfigLine[] | undefined {
  let st: fs.Stats;
  try {
    st = fs.statSync(file);
  } catch {
    return undefined;
  }
  if (!st.isFile()) return undefined;
  const hit = parseCache.get(file);
  if (hit && hit.mtimeMs === st.mtimeMs && hit.size === st.size && hit.ino === st.ino) return hit.lines;
  if (st.size > MAX_FILE_BYTES) throw tooBig(file, 'the ssh config', st.size);
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (e) {
    throw new ConfigError(file, 0, `cannot read the ssh config: ${(e as Error).message}`);
  }
  const lines = parseConfigText(text, file);
  parseCache.set(file, { mtimeMs: st.mtimeMs, size: st.size, ino: st.ino, lines });
  return lines;
}

/**
 * A Host/Match line and the lines up to the next one. A block whose body holds only known keywords
 * and no Include can be skipped whole once checked, while it does not apply: large fleet configs are
 * mostly such blocks.
 */
interface Block {
  header?: ConfigLine;
  body: ConfigLine[];
  skippable: boolean;
  checked: boolean;
}

/**
 * The blocks of one file, and which of them a host name can make active. A Host line whose positive
 * patterns are all literal names applies only to those names, so resolving one alias visits the
 * blocks naming it plus the rest (wildcards, Match, Include, the lines before the first Host): a
 * config of N one-host blocks is resolved for all N aliases in O(N) block visits, not O(N²).
 */
interface FileBlocks {
  blocks: Block[];
  /** Indexes of the blocks every host must visit, in file order. */
  always: number[];
  /** Literal Host name → indexes of the blocks naming it, in file order. */
  byName: Map<string, number[]>;
  /** Every block has been read once (so every line was validated, as ssh validates them all). */
  allChecked: boolean;
}
const blocksOf = new WeakMap<ConfigLine[], FileBlocks>();

/** Counts blocks visited; the linearity test reads it, as wall time proves nothing on a shared machine. */
export const readCounters = { blocksVisited: 0 };

function indexBlocks(lines: ConfigLine[]): FileBlocks {
  let out = blocksOf.get(lines);
  if (out) return out;
  const list: Block[] = [];
  let cur: Block = { body: [], skippable: true, checked: false };
  for (const l of lines) {
    if (l.keyword === 'host' || l.keyword === 'match') {
      list.push(cur);
      cur = { header: l, body: [], skippable: true, checked: false };
    } else {
      cur.body.push(l);
      if (l.keyword === 'include' || !KNOWN_KEYWORDS.has(l.keyword)) cur.skippable = false;
    }
  }
  list.push(cur);
  const always: number[] = [];
  const byName = new Map<string, number[]>();
  list.forEach((b, i) => {
    const names = b.skippable && b.header?.keyword === 'host' ? literalNames(b.header) : undefined;
    if (names === undefined) always.push(i);
    else
      for (const n of names) {
        const at = byName.get(n);
        if (at === undefined) byName.set(n, [i]);
        else if (at[at.length - 1] !== i) at.push(i);
      }
  });
  out = { blocks: list, always, byName, allChecked: false };
  blocksOf.set(lines, out);
  return out;
}

/** The names a Host line can match, or undefined when a positive pattern is a wildcard. */
function literalNames(l: ConfigLine): string[] | undefined {
  const names: string[] = [];
  for (const arg of l.args) {
    if (arg.startsWith('!')) continue;
    if (arg === '' || /[*?]/.test(arg)) return undefined;
    names.push(arg);
  }
  return names;
}

/** Two ascending index lists merged, without duplicates. */
function mergeSorted(a: readonly number[], b: readonly number[]): number[] {
  const out: number[] = [];
  let i = 0;
  let j = 0;
  while (i < a.length || j < b.length) {
    const x = a[i] ?? Infinity;
    const y = b[j] ?? Infinity;
    if (x <= y) {
      out.push(x);
      i++;
      if (x === y) j++;
    } else {
      out.push(y);
      j++;
    }
  }
  return out;
}

export function readConfigFile(file: string, state: ReadState, neverMatch: boolean, depth: number): void {
  const lines = loadConfigLines(file);
  if (!lines) return;
  const fb = indexBlocks(lines);
  // The first read visits every block, so each line is validated once; later reads only the candidates.
  const order = fb.allChecked ? mergeSorted(fb.always, fb.byName.get(state.host) ?? []) : fb.blocks.map((_, i) => i);
  let active = !neverMatch;
  for (const i of order) {
    const b = fb.blocks[i]!;
    readCounters.blocksVisited++;
    const h = b.header;
    if (h?.keyword === 'host') active = !neverMatch && hostLineMatches(h, state.host);
    else if (h?.keyword === 'match') active = matchLineMatches(h, state) && !neverMatch;
    if (!active && b.skippable && b.checked) continue;
    for (const l of b.body) readLine(l, state, active, depth);
    b.checked = true;
  }
  fb.allChecked = true;
}

function readLine(l: ConfigLine, state: ReadState, active: boolean, depth: number): void {
  if (l.keyword === 'include') {
    if (l.args.length === 0) throw new ConfigError(l.file, l.line, 'Include expects one or more file names');
    if (depth + 1 > MAX_INCLUDE_DEPTH) throw new ConfigError(l.file, l.line, `Include nested deeper than ${MAX_INCLUDE_DEPTH} levels (a loop?)`);
    for (const arg of l.args) {
      let p = tildeExpand(arg, state.homeDir);
      if (!path.isAbsolute(p)) p = path.join(state.homeDir, '.ssh', p);
      for (const f of globFiles(p)) readConfigFile(f, state, !active, depth + 1);
    }
    return;
  }
  if (!KNOWN_KEYWORDS.has(l.keyword)) {
    const ign = state.opts.ignoreUnknown?.value;
    if (ign !== undefined && matchPatternList(l.keyword, ign, true) === 1) return;
    throw new ConfigError(l.file, l.line, `Bad configuration option: ${l.keywordRaw} (not an ssh_config keyword; list it in IgnoreUnknown to skip it)`);
  }
  // Values are checked even in blocks that do not apply (ssh fails on them too), but a line
  // that passed once need not be checked again while it stays inactive.
  if (active || !validatedLines.has(l)) {
    applyOption(l, state.opts, active);
    validatedLines.add(l);
  }
}

interface HostPattern {
  negated: boolean;
  pattern: string;
  /** No wildcard: plain equality, which is most Host lines in large fleets' configs. */
  literal: boolean;
}
const compiledHost = new WeakMap<ConfigLine, HostPattern[]>();

function hostLineMatches(l: ConfigLine, host: string): boolean {
  let pats = compiledHost.get(l);
  if (!pats) {
    if (l.args.length === 0) throw new ConfigError(l.file, l.line, 'Host expects one or more patterns');
    pats = l.args.map((arg) => {
      if (arg === '') throw new ConfigError(l.file, l.line, 'Host expects a non-empty pattern');
      const negated = arg.startsWith('!');
      const pattern = negated ? arg.slice(1) : arg;
      return { negated, pattern, literal: !/[*?]/.test(pattern) };
    });
    compiledHost.set(l, pats);
  }
  let result = false;
  for (const p of pats) {
    if (p.literal ? p.pattern === host : matchPattern(host, p.pattern)) {
      if (p.negated) return false;
      result = true;
    }
  }
  return result;
}

const NEEDS_ARG = new Set(['host', 'originalhost', 'user', 'localuser', 'exec']);

function matchLineMatches(l: ConfigLine, st: ReadState): boolean {
  // ssh accepts `criterion=value` as well as `criterion value`.
  const args = l.args.flatMap((a) => {
    const eq = a.indexOf('=');
    return eq > 0 && NEEDS_ARG.has(a.slice(0, eq).replace(/^!/, '').toLowerCase()) ? [a.slice(0, eq), a.slice(eq + 1)] : [a];
  });
  if (args.length === 0) throw new ConfigError(l.file, l.line, 'Match expects criteria: all, host, originalhost, user, localuser, exec, canonical or final');
  let result = true;
  let attributes = 0;
  for (let i = 0; i < args.length; i++) {
    const oattrib = args[i] ?? '';
    const negate = oattrib.startsWith('!');
    const attrib = (negate ? oattrib.slice(1) : oattrib).toLowerCase();
    // As readconf.c: "all" ends the list, and only a lone canonical/final may come before it.
    if (attrib === 'all') {
      if (attributes > 1 || i + 1 < args.length) throw new ConfigError(l.file, l.line, `'${oattrib}' cannot be combined with other Match attributes`);
      if (result) result = !negate;
      break;
    }
    attributes++;
    let r: boolean;
    if (attrib === 'canonical' || attrib === 'final') {
      if (attrib === 'final' && !st.postCanon) st.wantFinal = true;
      r = st.postCanon;
    } else if (NEEDS_ARG.has(attrib)) {
      const arg = args[++i];
      if (arg === undefined || arg === '') throw new ConfigError(l.file, l.line, `Match ${attrib} expects a pattern list after it`);
      if (attrib === 'exec') {
        const w = `${l.file}:${l.line}: Match exec is not supported (Warroom never runs it); this block is treated as not matching`;
        if (!st.warnings.includes(w)) st.warnings.push(w);
        result = false;
        continue;
      }
      r = evalCriterion(attrib, arg, st, l);
    } else {
      throw new ConfigError(l.file, l.line, `unsupported Match attribute "${oattrib}": expected all, canonical, final, exec, host, originalhost, user or localuser`);
    }
    if (r === negate) result = false;
  }
  return result;
}

function evalCriterion(attrib: string, arg: string, st: ReadState, l: ConfigLine): boolean {
  switch (attrib) {
    case 'host': {
      let host = st.host;
      const hn = st.opts.hostname;
      if (hn !== undefined) {
        try {
          host = percentExpand(hn.value, { h: st.host });
        } catch (e) {
          throw new ConfigError(hn.file, hn.line, `HostName: ${(e as Error).message} (HostName takes only %h and %%)`);
        }
      }
      return matchHostname(host, arg) === 1;
    }
    case 'originalhost':
      return matchHostname(st.originalHost, arg) === 1;
    case 'user':
      return matchPatternList(st.opts.user?.value ?? st.localUser, arg, false) === 1;
    case 'localuser':
      return matchPatternList(st.localUser, arg, false) === 1;
    default:
      throw new ConfigError(l.file, l.line, `unsupported Match attribute "${attrib}"`);
  }
}
