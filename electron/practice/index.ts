/**
 * The practice fleet: N simulated hosts, each a real SSH server on its own loopback address, so a
 * new user can practise on a real incident with nothing configured. The client reaches them over
 * real SSH with host keys checked against a Warroom-owned known_hosts.
 */
import { join } from 'node:path';
import type { ResolvedHost } from '../fleet/types';
import { buildFleetHosts } from './host/build';
import { ensurePracticeDirs, loadOrCreateKey, newFleetTag, practicePaths, retireFleetTag, writeKnownHosts, writeSshConfig, type ListeningHost } from './keys';
import { DEFAULT_PRACTICE_HOSTS, practiceLayout, type PracticeHostSpec } from './layout';
import { startHostServer, type HostServer } from './server';

export { DEFAULT_PRACTICE_HOSTS, MAX_PRACTICE_HOSTS } from './layout';

export interface PracticeFleetOptions {
  /** Default 8, up to 1000 (the design target is 500). */
  count?: number;
  /** Warroom data dir; keys live in dataDir/practice/. */
  dataDir: string;
  /** Last octet of the first address, 127.0.0.N; default 2. */
  firstAddress?: number;
  /** Port every host listens on; default 0, a free port per host. */
  port?: number;
  /** Seconds a connection may take to log in before it is dropped, like sshd's LoginGraceTime; default 30. */
  loginGraceSeconds?: number;
}

export interface PracticeFleet {
  hosts: ResolvedHost[];
  /** Role name (web, db, cache, lb) to host aliases. */
  groups: Record<string, string[]>;
  knownHostsPath: string;
  clientKeyPath: string;
  /** An OpenSSH config for the same hosts: `ssh -F sshConfigPath web-02` reaches them too. */
  sshConfigPath: string;
  /** The host carrying the scripted incident (web-02 in the default fleet), if any. */
  faultyAlias: string | undefined;
  /** Closes every server and every connection. Safe to call twice. */
  close(): Promise<void>;
}

export const PRACTICE_USER = 'sre';

const DEFAULT_LOGIN_GRACE_S = 30;

/** Starts servers in small batches: hundreds of listen() calls at once gain nothing on 2 cores. */
const START_BATCH = 32;

function isAddressMissing(e: unknown): boolean {
  return typeof e === 'object' && e !== null && (e as { code?: unknown }).code === 'EADDRNOTAVAIL';
}

export async function startPracticeFleet(opts: PracticeFleetOptions): Promise<PracticeFleet> {
  let specs: PracticeHostSpec[] = practiceLayout(opts.count ?? DEFAULT_PRACTICE_HOSTS, opts.firstAddress ?? 2);
  const paths = practicePaths(opts.dataDir);
  ensurePracticeDirs(paths);
  const client = loadOrCreateKey(paths.clientKeyPath, `warroom-practice@${PRACTICE_USER}`);
  const hostKeys = new Map(specs.map((s) => [s.alias, loadOrCreateKey(join(paths.keysDir, `${s.alias}_ed25519`), `root@${s.alias}`)]));
  const simulated = buildFleetHosts(specs, Date.now());

  const servers: HostServer[] = [];
  const closeAll = async (): Promise<void> => {
    await Promise.all(servers.map((s) => s.close()));
  };
  const port = opts.port ?? 0;
  const start = async (spec: PracticeHostSpec, address: string): Promise<HostServer> => startHostServer({
    host: simulated.get(spec.alias) as NonNullable<ReturnType<typeof simulated.get>>,
    address,
    port,
    hostKeyText: (hostKeys.get(spec.alias) as { privateText: string }).privateText,
    clientKey: client.parsed,
    user: PRACTICE_USER,
    loginGraceMs: (opts.loginGraceSeconds ?? DEFAULT_LOGIN_GRACE_S) * 1000,
  });
  const startOne = async (spec: PracticeHostSpec): Promise<HostServer> => {
    try {
      return await start(spec, spec.address);
    } catch (e) {
      if (!isAddressMissing(e)) throw new Error(`practice fleet: ${spec.alias} cannot listen on ${spec.address}:${port}: ${e instanceof Error ? e.message : String(e)}`);
    }
    // macOS and some BSDs bring up only 127.0.0.1 on lo0: share it, one port per host.
    try {
      return await start(spec, '127.0.0.1');
    } catch (e) {
      throw new Error(`practice fleet: ${spec.alias} cannot listen on ${spec.address} (not configured) nor on 127.0.0.1:${port}: ${e instanceof Error ? e.message : String(e)}`);
    }
  };

  try {
    for (let i = 0; i < specs.length; i += START_BATCH) {
      const batch = await Promise.allSettled(specs.slice(i, i + START_BATCH).map(startOne));
      for (const r of batch) if (r.status === 'fulfilled') servers.push(r.value);
      const failed = batch.find((r): r is PromiseRejectedResult => r.status === 'rejected');
      if (failed) throw failed.reason;
    }
  } catch (e) {
    await closeAll();
    throw e;
  }
  specs = specs.map((s, i) => ({ ...s, address: (servers[i] as HostServer).address }));

  const listening: ListeningHost[] = specs.map((s, i) => ({
    alias: s.alias,
    address: s.address,
    port: (servers[i] as HostServer).port,
    hostKey: (hostKeys.get(s.alias) as { parsed: ListeningHost['hostKey'] }).parsed,
  }));
  const tag = newFleetTag();
  try {
    writeKnownHosts(paths.knownHostsPath, listening, tag);
    writeSshConfig(paths.sshConfigPath, listening, paths);
  } catch (e) {
    retireFleetTag(tag);
    await closeAll();
    throw e;
  }

  const hosts: ResolvedHost[] = listening.map((l, i) => ({
    alias: l.alias,
    hostname: l.address,
    port: l.port,
    user: PRACTICE_USER,
    groups: [(specs[i] as PracticeHostSpec).role],
    source: 'practice',
    proxyJump: [],
    identityFiles: [paths.clientKeyPath],
    knownHostsFiles: [paths.knownHostsPath],
    knownHostsWriteFile: paths.knownHostsPath,
    strictHostKeyChecking: 'yes',
    hashKnownHosts: false,
    identitiesOnly: true,
    serverAliveInterval: 0,
    serverAliveCountMax: 3,
  }));
  const groups: Record<string, string[]> = {};
  for (const h of hosts) for (const g of h.groups) (groups[g] ??= []).push(h.alias);
  const faulty = [...simulated.values()].find((h) => h.service('nginx')?.status === 'failed');

  let closed: Promise<void> | undefined;
  return {
    hosts,
    groups,
    knownHostsPath: paths.knownHostsPath,
    clientKeyPath: paths.clientKeyPath,
    sshConfigPath: paths.sshConfigPath,
    faultyAlias: faulty?.hostname,
    close: () => (closed ??= (async () => {
      retireFleetTag(tag);
      await closeAll();
      try {
        writeKnownHosts(paths.knownHostsPath, [], null); // drop our lines, keep other live fleets'
      } catch {
        // the data dir may be gone already (tests, uninstall); nothing left to tidy
      }
    })()),
  };
}
