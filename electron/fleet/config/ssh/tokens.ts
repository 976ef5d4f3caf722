/** OpenSSH's percent_expand / dollar_expand / tilde_expand, for the fields where ssh applies them. */
import { createHash } from 'node:crypto';
import os from 'node:os';
import path from 'node:path';

export interface TokenContext {
  /** Resolved host name (%h). */
  host: string;
  /** The alias as typed (%n). */
  originalHost: string;
  port: number;
  remoteUser: string;
  localUser: string;
  homeDir: string;
  hostKeyAlias?: string;
}

/** The token table ssh 9.x uses for IdentityFile, UserKnownHostsFile, ControlPath and friends. */
export function defaultTokens(ctx: TokenContext): Record<string, string> {
  const full = os.hostname();
  const short = full.split('.')[0] ?? full;
  const uid = typeof process.getuid === 'function' ? String(process.getuid()) : '0';
  const connHash = createHash('sha1').update(`${full}${ctx.host}${ctx.port}${ctx.remoteUser}`).digest('hex');
  return {
    C: connHash,
    L: short,
    i: uid,
    k: ctx.hostKeyAlias ?? ctx.originalHost,
    l: full,
    n: ctx.originalHost,
    p: String(ctx.port),
    d: ctx.homeDir,
    h: ctx.host,
    r: ctx.remoteUser,
    u: ctx.localUser,
  };
}

/** Throws a plain Error naming the unknown token; callers add file:line. */
export function percentExpand(s: string, tokens: Record<string, string>): string {
  let out = '';
  for (let i = 0; i < s.length; i++) {
    const c = s[i];
    if (c !== '%') {
      out += c;
      continue;
    }
    const k = s[++i];
    if (k === '%') out += '%';
    else if (k !== undefined && Object.hasOwn(tokens, k)) out += tokens[k];
    else throw new Error(k === undefined ? 'invalid format: "%" at end of value' : `unknown token %${k}`);
  }
  return out;
}

/** `${VAR}` from the environment; an unset variable is an error in OpenSSH too. */
export function dollarExpand(s: string, env: NodeJS.ProcessEnv = process.env): string {
  return s.replace(/\$\{([A-Za-z_][A-Za-z0-9_]*)\}/g, (_m, name: string) => {
    const v = env[name];
    if (v === undefined) throw new Error(`environment variable \${${name}} is not set`);
    return v;
  });
}

export function tildeExpand(s: string, homeDir: string): string {
  if (s === '~') return homeDir;
  if (s.startsWith('~/')) return path.join(homeDir, s.slice(2));
  return s;
}

/** What ssh does to a path-like value: ~ first, then ${VAR} and %tokens. */
export function expandPath(s: string, ctx: TokenContext): string {
  const t = dollarExpand(tildeExpand(s, ctx.homeDir));
  // The token table costs a hostname lookup and a hash; most paths have no token.
  return t.includes('%') ? percentExpand(t, defaultTokens(ctx)) : t;
}
