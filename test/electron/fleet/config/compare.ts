/** Field-by-field comparison of our resolution with real ssh (`ssh -G` for options, `ssh -v` for expansions). */
import { expect } from 'vitest';
import { ConfigError, resolveHost } from '../../../../electron/fleet/config/index';
import type { ResolvedHost } from '../../../../electron/fleet/types';
import { HOME, sshG, sshV } from './oracle';

const STRICT: Record<string, string> = { true: 'yes', false: 'no', ask: 'ask', 'accept-new': 'accept-new' };

function one(v: Map<string, string[]>, k: string): string | undefined {
  return v.get(k)?.[0];
}

/** Resolves with both and compares. Returns our host (or the error) for extra assertions. */
export function compareWithSsh(configFile: string, alias: string, opts: { checkExpansions?: boolean } = {}): { host?: ResolvedHost; warnings: string[]; error?: ConfigError } {
  const g = sshG(configFile, alias);
  let ours: { host: ResolvedHost; warnings: string[] } | undefined;
  let err: unknown;
  try {
    ours = resolveHost(alias, { configFile, homeDir: HOME });
  } catch (e) {
    err = e;
  }
  if (!g.ok) {
    // ssh rejects the config: we must too, naming the same line.
    expect(err, `ssh -G failed (${g.stderr.trim()}) but we resolved ${JSON.stringify(ours?.host)}`).toBeInstanceOf(ConfigError);
    const m = /line (\d+)/.exec(g.stderr);
    const ce = err as ConfigError;
    if (m) expect(ce.line, `ssh said: ${g.stderr.trim()}; we said: ${ce.message}`).toBe(Number(m[1]));
    return { warnings: [], error: ce };
  }
  if (err) throw err;
  if (!ours) throw new Error('unreachable');
  const v = g.values;
  const h = ours.host;
  const ctx = `alias ${alias} in ${configFile}`;
  expect(h.hostname, `hostname, ${ctx}`).toBe(one(v, 'hostname'));
  expect(h.user, `user, ${ctx}`).toBe(one(v, 'user'));
  expect(String(h.port), `port, ${ctx}`).toBe(one(v, 'port'));
  // ssh -G prints the last hop re-formatted (no ssh://, port without leading zeros); we keep hops as written.
  const printed = (hop: string): string => hop.replace(/^ssh:\/\//, '').replace(/:0*(\d+)$/, ':$1');
  expect(h.proxyJump.map(printed).join(','), `proxyjump, ${ctx}`).toBe(one(v, 'proxyjump') ?? '');
  const userKh = (one(v, 'userknownhostsfile') ?? '').split(' ').filter((f) => f !== 'none' && f !== '');
  const globalKh = (one(v, 'globalknownhostsfile') ?? '').split(' ').filter((f) => f !== 'none' && f !== '');
  expect(h.knownHostsFiles, `known hosts files, ${ctx}`).toEqual([...userKh, ...globalKh]);
  expect(h.knownHostsWriteFile, `known hosts write file, ${ctx}`).toBe(userKh[0] ?? '');
  expect(h.strictHostKeyChecking, `stricthostkeychecking, ${ctx}`).toBe(STRICT[one(v, 'stricthostkeychecking') ?? '']);
  expect(String(h.serverAliveInterval), `serveraliveinterval, ${ctx}`).toBe(one(v, 'serveraliveinterval'));
  expect(String(h.serverAliveCountMax), `serveralivecountmax, ${ctx}`).toBe(one(v, 'serveralivecountmax'));
  expect(h.identitiesOnly ? 'yes' : 'no', `identitiesonly, ${ctx}`).toBe(one(v, 'identitiesonly'));
  expect(h.hashKnownHosts ? 'yes' : 'no', `hashknownhosts, ${ctx}`).toBe(one(v, 'hashknownhosts'));
  expect(h.connectTimeout === undefined ? 'none' : String(h.connectTimeout), `connecttimeout, ${ctx}`).toBe(one(v, 'connecttimeout'));
  expect(h.hostKeyAlias, `hostkeyalias, ${ctx}`).toBe(one(v, 'hostkeyalias'));
  expect(h.identityFiles.length, `identityfile count, ${ctx}`).toBe(v.get('identityfile')?.length ?? 0);
  const rawProxy = one(v, 'proxycommand');
  expect(h.proxyCommand !== undefined, `proxycommand set, ${ctx}`).toBe(rawProxy !== undefined && rawProxy !== 'none');
  if (opts.checkExpansions !== false) {
    // The values ssh expands only when it connects: read them from ssh -v.
    const sv = sshV(configFile, alias, h.proxyCommand === undefined);
    expect(h.identityFiles, `identity files as ssh -v loads them, ${ctx}`).toEqual(sv.identityFiles);
    if (h.proxyCommand !== undefined) expect(h.proxyCommand, `proxy command as ssh -v runs it, ${ctx}`).toBe(sv.proxyCommand);
  }
  return ours;
}
