/** Per-keyword validation and first-value-wins storage, mirroring readconf.c for the fields Warroom uses. */
import { ConfigError } from '../errors';
import { own } from '../own';
import type { ConfigLine } from './lines';
import { VALUE_SETS } from './value-sets';

export interface Located<T> {
  value: T;
  file: string;
  line: number;
}

export type StrictValue = 'yes' | 'no' | 'ask' | 'accept-new';

export interface RawOptions {
  hostname?: Located<string>;
  user?: Located<string>;
  port?: Located<number>;
  identityFiles: Array<Located<string>>;
  userKnownHostsFiles?: Located<string[]>;
  globalKnownHostsFiles?: Located<string[]>;
  strictHostKeyChecking?: Located<StrictValue>;
  hashKnownHosts?: Located<boolean>;
  identitiesOnly?: Located<boolean>;
  serverAliveInterval?: Located<number>;
  serverAliveCountMax?: Located<number>;
  connectTimeout?: Located<number>;
  /** ProxyCommand and ProxyJump exclude each other (see applyOption); "none" is kept as written. */
  proxyCommand?: Located<string>;
  /** The hop list as written; "" for `ProxyJump none`. */
  proxyJump?: Located<string>;
  hostKeyAlias?: Located<string>;
  ignoreUnknown?: Located<string>;
  /** On (yes/always) makes ssh read the config a second time, as `Match final` does. */
  canonicalizeHostname?: Located<boolean>;
  canonicalDomains?: Located<string[]>;
  /** BatchMode changes one default Warroom uses: ServerAliveInterval becomes 300 s. */
  batchMode?: Located<boolean>;
}

export function emptyOptions(): RawOptions {
  return { identityFiles: [] };
}

const STRICT: Record<string, StrictValue> = {
  yes: 'yes', true: 'yes', no: 'no', false: 'no', off: 'no', ask: 'ask', 'accept-new': 'accept-new',
};
const FLAG: Record<string, boolean> = { yes: true, true: true, no: false, false: false };
const SERVICES: Record<string, number> = { ssh: 22 };
const TIME_UNITS: Record<string, number> = { '': 1, s: 1, m: 60, h: 3600, d: 86400, w: 604800 };

/** OpenSSH convtime: "90", "1h30m", "5M". */
export function parseTime(s: string): number | undefined {
  if (s === '') return undefined;
  let total = 0;
  const re = /(\d+)([smhdwSMHDW]?)/y;
  let pos = 0;
  while (pos < s.length) {
    re.lastIndex = pos;
    const m = re.exec(s);
    if (!m?.[1]) return undefined;
    total += Number(m[1]) * (own(TIME_UNITS, (m[2] ?? '').toLowerCase()) ?? 1);
    if (total > 2147483647) return undefined;
    pos = re.lastIndex;
  }
  return total;
}

function one(l: ConfigLine, what: string): string {
  const v = l.args[0];
  if (v === undefined || v === '') throw new ConfigError(l.file, l.line, `${l.keywordRaw} expects ${what}`);
  if (l.args.length > 1) throw new ConfigError(l.file, l.line, `${l.keywordRaw} expects a single ${what}, found extra "${l.args.slice(1).join(' ')}"`);
  return v;
}

function at<T>(l: ConfigLine, value: T): Located<T> {
  return { value, file: l.file, line: l.line };
}

function validHop(hop: string): boolean {
  let s = hop.startsWith('ssh://') ? hop.slice(6) : hop;
  if (s === '') return false;
  s = s.slice(s.lastIndexOf('@') + 1);
  const m = /^\[[^\]]+\](?::(.*))?$/.exec(s) ?? /^[^:[\]]+(?::(.*))?$/.exec(s);
  if (!m) return false;
  const port = m[1];
  return port === undefined || (/^\d+$/.test(port) && Number(port) >= 1 && Number(port) <= 65535);
}

export function applyOption(l: ConfigLine, o: RawOptions, active: boolean): void {
  switch (l.keyword) {
    case 'hostname': {
      const v = one(l, 'a host name');
      if (active && !o.hostname) o.hostname = at(l, v);
      return;
    }
    case 'user': {
      const v = one(l, 'a user name');
      if (active && !o.user) o.user = at(l, v);
      return;
    }
    case 'port': {
      const v = one(l, 'a port number');
      const n = /^\d+$/.test(v) ? Number(v) : own(SERVICES, v);
      if (n === undefined || n < 1 || n > 65535) throw new ConfigError(l.file, l.line, `Bad port '${v}': expected a number from 1 to 65535`);
      if (active && !o.port) o.port = at(l, n);
      return;
    }
    case 'identityfile': {
      const v = one(l, 'a key file path');
      // ssh's add_identity_file ignores a path it already has (a `Match final` pass re-reads them all).
      if (active && !o.identityFiles.some((f) => f.value === v)) o.identityFiles.push(at(l, v));
      return;
    }
    case 'userknownhostsfile':
    case 'globalknownhostsfile': {
      if (l.args.length === 0) throw new ConfigError(l.file, l.line, `${l.keywordRaw} expects one or more file names`);
      const key = l.keyword === 'userknownhostsfile' ? 'userKnownHostsFiles' : 'globalKnownHostsFiles';
      if (active && !o[key]) o[key] = at(l, [...l.args]);
      return;
    }
    case 'stricthostkeychecking': {
      const v = one(l, 'yes, no, ask, accept-new or off');
      const s = own(STRICT, v.toLowerCase());
      if (!s) throw new ConfigError(l.file, l.line, `StrictHostKeyChecking: unsupported value "${v}": expected yes, no, ask, accept-new or off`);
      if (active && !o.strictHostKeyChecking) o.strictHostKeyChecking = at(l, s);
      return;
    }
    case 'hashknownhosts':
    case 'identitiesonly':
    case 'batchmode': {
      const v = one(l, 'yes or no');
      const b = own(FLAG, v.toLowerCase());
      if (b === undefined) throw new ConfigError(l.file, l.line, `${l.keywordRaw}: unsupported value "${v}": expected yes or no`);
      const key = l.keyword === 'hashknownhosts' ? 'hashKnownHosts' : l.keyword === 'identitiesonly' ? 'identitiesOnly' : 'batchMode';
      if (active && !o[key]) o[key] = at(l, b);
      return;
    }
    case 'serveraliveinterval':
    case 'connecttimeout': {
      const v = one(l, 'a time such as 30, 5m or 1h30m');
      const t = parseTime(v);
      if (t === undefined) throw new ConfigError(l.file, l.line, `${l.keywordRaw}: invalid time value "${v}": expected a time such as 30, 5m or 1h30m`);
      const key = l.keyword === 'serveraliveinterval' ? 'serverAliveInterval' : 'connectTimeout';
      if (active && !o[key]) o[key] = at(l, t);
      return;
    }
    case 'serveralivecountmax': {
      const v = one(l, 'a whole number');
      if (!/^\d+$/.test(v) || Number(v) > 2147483647) throw new ConfigError(l.file, l.line, `ServerAliveCountMax: "${v}" is not a whole number`);
      if (active && !o.serverAliveCountMax) o.serverAliveCountMax = at(l, Number(v));
      return;
    }
    case 'proxycommand': {
      const v = l.args[0];
      if (v === undefined) throw new ConfigError(l.file, l.line, 'ProxyCommand expects a command (or none)');
      if (active && !o.proxyCommand) o.proxyCommand = at(l, v);
      return;
    }
    case 'proxyjump': {
      // As readconf.c: "none" is the whole rest of the line; otherwise the first word, unquoted as
      // written, is the hop list ("ProxyJump j1 # note" jumps via j1).
      const rest = l.args[0]?.trim() ?? '';
      if (rest === '') throw new ConfigError(l.file, l.line, 'ProxyJump expects a comma-separated list of [user@]host[:port] hops (or none)');
      // The real "none" is stored as ""; a first word "none" (as in "none # note") is a host named none.
      const v = rest.toLowerCase() === 'none' ? '' : (rest.split(/\s+/)[0] ?? rest);
      if (v !== '') {
        for (const hop of v.split(',')) {
          if (!validHop(hop)) throw new ConfigError(l.file, l.line, `Invalid ProxyJump "${v}": expected comma-separated [user@]host[:port] hops`);
        }
      }
      // A real jump host also sets ProxyCommand to none, so a later ProxyCommand is ignored;
      // "ProxyJump none" blocks later ProxyJumps but not a later ProxyCommand.
      if (active && !o.proxyCommand && !o.proxyJump) {
        o.proxyJump = at(l, v);
        if (v !== '') o.proxyCommand = at(l, 'none');
      }
      return;
    }
    case 'hostkeyalias': {
      const v = one(l, 'a name');
      if (active && !o.hostKeyAlias) o.hostKeyAlias = at(l, v);
      return;
    }
    case 'ignoreunknown': {
      const v = one(l, 'a pattern list of keywords');
      if (active && !o.ignoreUnknown) o.ignoreUnknown = at(l, v);
      return;
    }
    case 'canonicalizehostname': {
      const v = one(l, 'yes, no or always');
      if (!(VALUE_SETS.canonicalizehostname ?? []).includes(v.toLowerCase())) throw new ConfigError(l.file, l.line, `CanonicalizeHostname: unsupported value "${v}": expected yes, no or always`);
      if (active && !o.canonicalizeHostname) o.canonicalizeHostname = at(l, v.toLowerCase() !== 'no' && v.toLowerCase() !== 'false');
      return;
    }
    case 'canonicaldomains': {
      if (l.args.length === 0) throw new ConfigError(l.file, l.line, 'CanonicalDomains expects one or more domain names');
      if (active && !o.canonicalDomains) o.canonicalDomains = at(l, [...l.args]);
      return;
    }
    default: {
      if (l.args.length === 0) throw new ConfigError(l.file, l.line, `no argument after keyword "${l.keywordRaw}"`);
      const allowed = own(VALUE_SETS, l.keyword);
      const v = l.args[0] ?? '';
      if (allowed && !allowed.includes(v.toLowerCase())) throw new ConfigError(l.file, l.line, `${l.keywordRaw}: unsupported value "${v}": expected ${allowed.join(', ')}`);
    }
  }
}
