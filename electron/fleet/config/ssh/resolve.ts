/** `ssh -G -F FILE ALIAS`, as a function: the options OpenSSH would connect with. */
import os from 'node:os';
import path from 'node:path';
import type { ResolvedHost, StrictHostKeyChecking } from '../../types';
import { ConfigError, HostExprError } from '../errors';
import { emptyOptions, type Located, type RawOptions } from './options';
import { readConfigFile, type ReadState } from './read';
import { expandPath, percentExpand, tildeExpand, type TokenContext } from './tokens';

export interface ResolveOptions {
  configFile: string;
  localUser?: string;
  homeDir?: string;
  /** Values given as `ssh -o User=... -o Port=...`: set before the config is read, so they win. */
  preset?: { user?: string; port?: number };
}

/** ssh 9.2's defaults when no IdentityFile applies (as `ssh -G` prints them on this Debian). */
export const DEFAULT_IDENTITY_FILES = ['~/.ssh/id_rsa', '~/.ssh/id_ecdsa', '~/.ssh/id_ecdsa_sk', '~/.ssh/id_ed25519', '~/.ssh/id_ed25519_sk', '~/.ssh/id_xmss', '~/.ssh/id_dsa'];
export const DEFAULT_USER_KNOWN_HOSTS = ['~/.ssh/known_hosts', '~/.ssh/known_hosts2'];
export const DEFAULT_GLOBAL_KNOWN_HOSTS = ['/etc/ssh/ssh_known_hosts', '/etc/ssh/ssh_known_hosts2'];

/** The first-wins option values with where each came from, before token expansion. */
export interface RawResolution {
  opts: RawOptions;
  /** Host name after HostName and %h, lower-cased as ssh does. */
  hostname: string;
  user: string;
  port: number;
  localUser: string;
  homeDir: string;
  warnings: string[];
}

export function localIdentity(opts: { localUser?: string; homeDir?: string }): { localUser: string; homeDir: string } {
  // OpenSSH takes both from the password database, not from $HOME or $USER.
  // Looked up only when needed: the catalog resolves every alias, and the lookup is a system call.
  if (opts.localUser !== undefined && opts.homeDir !== undefined) return { localUser: opts.localUser, homeDir: opts.homeDir };
  let info: { username: string; homedir: string } | undefined;
  try {
    info = os.userInfo();
  } catch {
    info = undefined;
  }
  return { localUser: opts.localUser ?? info?.username ?? 'root', homeDir: opts.homeDir ?? info?.homedir ?? os.homedir() };
}

function expandHostName(hn: Located<string> | undefined, alias: string): string {
  if (!hn) return alias;
  try {
    return percentExpand(hn.value, { h: alias });
  } catch (e) {
    throw new ConfigError(hn.file, hn.line, `HostName: ${(e as Error).message}: HostName takes only %h and %%`);
  }
}

/** ssh lower-cases host names but not addresses (IPv6, with a %scope): ASCII only, as C's tolower. */
function sshLowercase(h: string): string {
  return /[:%]/.test(h) ? h : h.replace(/[A-Z]/g, (c) => c.toLowerCase());
}

/** ssh refuses host names that a shell would read as more than a name (ssh.c valid_hostname). */
const INVALID_HOST = /^-|[\s\x00-\x1f'`"$\\;&<>|(){}]/;

export function resolveRaw(alias: string, opts: ResolveOptions): RawResolution {
  if (alias === '' || INVALID_HOST.test(alias)) {
    throw new HostExprError(alias, 'hostname contains invalid characters: ssh refuses quotes, $, \\, ;, &, <, >, |, (, ), {, }, whitespace and a leading "-"');
  }
  const { localUser, homeDir } = localIdentity(opts);
  const configFile = path.resolve(opts.configFile);
  const state: ReadState = { host: alias, originalHost: alias, localUser, homeDir, postCanon: false, wantFinal: false, opts: emptyOptions(), warnings: [] };
  const cli = { file: '(command line)', line: 0 };
  if (opts.preset?.user !== undefined) state.opts.user = { value: opts.preset.user, ...cli };
  if (opts.preset?.port !== undefined) state.opts.port = { value: opts.preset.port, ...cli };
  readConfigFile(configFile, state, false, 0);
  let hostname = sshLowercase(expandHostName(state.opts.hostname, alias));
  const canon = state.opts.canonicalizeHostname;
  if (canon?.value && state.opts.canonicalDomains) {
    state.warnings.push(`${canon.file}:${canon.line}: CanonicalizeHostname with CanonicalDomains is not supported: no DNS lookups are made, so names are used as written`);
  }
  if (state.wantFinal || canon?.value) {
    // `Match final` or CanonicalizeHostname: ssh re-reads the whole config with the resolved name in
    // both Host and Match host, and `Match canonical`/`final` now match.
    state.postCanon = true;
    state.host = hostname;
    state.opts.hostname = { value: hostname, file: configFile, line: 0 };
    readConfigFile(configFile, state, false, 0);
    hostname = sshLowercase(expandHostName(state.opts.hostname, hostname));
  }
  return { opts: state.opts, hostname, user: state.opts.user?.value ?? localUser, port: state.opts.port?.value ?? 22, localUser, homeDir, warnings: state.warnings };
}

/** A ProxyJump hop: `[user@]host[:port]` or `ssh://[user@]host[:port]`, IPv6 in brackets. */
export function parseHop(hop: string): { user?: string; host: string; port?: number } {
  let s = hop.startsWith('ssh://') ? hop.slice(6) : hop;
  const out: { user?: string; host: string; port?: number } = { host: '' };
  const at = s.lastIndexOf('@');
  if (at >= 0) {
    out.user = s.slice(0, at);
    s = s.slice(at + 1);
  }
  const m = /^\[([^\]]*)\](?::(\d+))?$/.exec(s) ?? /^([^:]*)(?::(\d+))?$/.exec(s);
  out.host = m?.[1] ?? s;
  if (m?.[2] !== undefined) out.port = Number(m[2]);
  return out;
}

function expandAt(v: string, where: { file: string; line: number } | undefined, what: string, ctx: TokenContext): string {
  try {
    return expandPath(v, ctx);
  } catch (e) {
    const msg = `${what}: ${(e as Error).message}`;
    if (where) throw new ConfigError(where.file, where.line, msg);
    throw new Error(msg);
  }
}

export function resolveHost(alias: string, opts: ResolveOptions): { host: ResolvedHost; warnings: string[] } {
  const r = resolveRaw(alias, opts);
  const o = r.opts;
  const ctx: TokenContext = { host: r.hostname, originalHost: alias, port: r.port, remoteUser: r.user, localUser: r.localUser, homeDir: r.homeDir };
  // ssh lower-cases HostKeyAlias before using it anywhere (%k, known_hosts).
  const hostKeyAlias = o.hostKeyAlias ? o.hostKeyAlias.value.replace(/[A-Z]/g, (c) => c.toLowerCase()) : undefined;
  if (hostKeyAlias !== undefined) ctx.hostKeyAlias = hostKeyAlias;

  // ssh -G prints IdentityFile unexpanded and only fails when it connects, so a bad token here is a
  // warning (the path stays as written and will not load), not an error that hides the host.
  const warnings = [...r.warnings];
  const identityFiles = (o.identityFiles.length > 0 ? o.identityFiles : DEFAULT_IDENTITY_FILES.map((value) => ({ value, file: '', line: 0 }))).map((f) => {
    try {
      return expandPath(f.value, ctx);
    } catch (e) {
      warnings.push(`${f.file}:${f.line}: IdentityFile: ${(e as Error).message}; ssh would refuse to connect`);
      return f.value;
    }
  });
  const userKh = (o.userKnownHostsFiles?.value ?? DEFAULT_USER_KNOWN_HOSTS).filter((f) => f !== 'none')
    .map((f) => expandAt(f, o.userKnownHostsFiles, 'UserKnownHostsFile', ctx));
  // ssh expands only ~ in GlobalKnownHostsFile, never tokens.
  const globalKh = (o.globalKnownHostsFiles?.value ?? DEFAULT_GLOBAL_KNOWN_HOSTS).filter((f) => f !== 'none').map((f) => tildeExpand(f, r.homeDir));

  let proxyCommand: string | undefined;
  if (o.proxyCommand && o.proxyCommand.value !== 'none') {
    try {
      // ssh expands only these in ProxyCommand, at connect time.
      proxyCommand = percentExpand(o.proxyCommand.value, { h: r.hostname, n: alias, p: String(r.port), r: r.user });
    } catch (e) {
      throw new ConfigError(o.proxyCommand.file, o.proxyCommand.line, `ProxyCommand: ${(e as Error).message}: ProxyCommand takes %h %n %p %r and %%`);
    }
  }
  const proxyJump = o.proxyJump && o.proxyJump.value !== '' ? o.proxyJump.value.split(',') : [];
  const lastHop = proxyJump[proxyJump.length - 1];
  if (lastHop !== undefined && o.proxyJump) {
    const hop = parseHop(lastHop);
    // ssh refuses a chain whose last hop is the target itself.
    if (hop.host === r.hostname && (hop.port ?? 22) === r.port && (hop.user === undefined || hop.user === r.user)) {
      throw new ConfigError(o.proxyJump.file, o.proxyJump.line, `jumphost loop via ${hop.host}: the last ProxyJump hop is the host itself`);
    }
  }
  const strict: StrictHostKeyChecking = o.strictHostKeyChecking?.value ?? 'ask';

  const host: ResolvedHost = {
    alias,
    hostname: r.hostname,
    port: r.port,
    user: r.user,
    groups: [],
    source: 'ssh-config',
    proxyJump,
    identityFiles,
    knownHostsFiles: [...userKh, ...globalKh],
    knownHostsWriteFile: userKh[0] ?? '',
    strictHostKeyChecking: strict,
    hashKnownHosts: o.hashKnownHosts?.value ?? false,
    identitiesOnly: o.identitiesOnly?.value ?? false,
    // readconf.c fill_default_options: in batch mode the keepalive default is five minutes.
    serverAliveInterval: o.serverAliveInterval?.value ?? (o.batchMode?.value ? 300 : 0),
    serverAliveCountMax: o.serverAliveCountMax?.value ?? 3,
  };
  if (o.connectTimeout) host.connectTimeout = o.connectTimeout.value;
  if (proxyCommand !== undefined) host.proxyCommand = proxyCommand;
  if (hostKeyAlias !== undefined) host.hostKeyAlias = hostKeyAlias;
  return { host, warnings };
}
