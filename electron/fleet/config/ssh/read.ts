/**
 * Walks config files the way readconf.c does: Host/Match switch an "active" flag, Include splices in
 * files (globbed, relative to ~/.ssh), and every line is validated even when inactive, because ssh
 * fails on a bad line anywhere in the file, not only in blocks that apply.
 */
import fs from 'node:fs';
import path from 'node:path';
import { ConfigError } from '../errors';
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
 * mostly such blocks, and this keeps resolving one alias proportional to the number of blocks.
 */
interface Block {
  header?: ConfigLine;
  body: ConfigLine[];
  skippable: boolean;
  checked: boolean;
}
const blocksOf = new WeakMap<ConfigLine[], Block[]>();

function blocks(lines: ConfigLine[]): Block[] {
  let out = blocksOf.get(lines);
  if (out) return out;
  out = [];
  let cur: Block = { body: [], skippable: true, checked: false };
  for (const l of lines) {
    if (l.keyword === 'host' || l.keyword === 'match') {
      out.push(cur);
      cur = { header: l, body: [], skippable: true, checked: false };
    } else {
      cur.body.push(l);
      if (l.keyword === 'include' || !KNOWN_KEYWORDS.has(l.keyword)) cur.skippable = false;
    }
  }
  out.push(cur);
  blocksOf.set(lines, out);
  return out;
}

export function readConfigFile(file: string, state: ReadState, neverMatch: boolean, depth: number): void {
  const lines = loadConfigLines(file);
  if (!lines) return;
  let active = !neverMatch;
  for (const b of blocks(lines)) {
    const h = b.header;
    if (h?.keyword === 'host') active = !neverMatch && hostLineMatches(h, state.host);
    else if (h?.keyword === 'match') active = matchLineMatches(h, state) && !neverMatch;
    if (!active && b.skippable && b.checked) continue;
    for (const l of b.body) readLine(l, state, active, depth);
    b.checked = true;
  }
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
