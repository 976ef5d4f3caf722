/**
 * Shared helpers for the connect tests: ResolvedHosts for a fixture fleet, a catalog over them,
 * an event recorder with waits, and (until the config helper's known_hosts lands) a small
 * plain-entry KnownHosts so the connector's host-key path runs against real files.
 */
import { appendFileSync, existsSync, readFileSync } from 'node:fs';
import type { HostKeyPrompt, SessionInfo } from '../../../../shared/model/host';
import type { FleetEvents } from '../../../../electron/fleet/fleet';
import type { HostCatalog, HostKeyCheck, KnownHosts, ResolvedHost } from '../../../../electron/fleet/types';
import { sha256Fingerprint } from '../../../../electron/fleet/connect/key-blob';
import type { SshdFleet, SshdFleetHost } from '../../../fixtures/sshd-fleet';

export function resolvedHost(fleet: SshdFleet, h: SshdFleetHost, over: Partial<ResolvedHost> = {}): ResolvedHost {
  return {
    alias: h.alias,
    hostname: h.address,
    port: h.port,
    user: 'root',
    groups: [],
    source: 'ssh-config',
    proxyJump: [],
    identityFiles: [fleet.clientKey],
    knownHostsFiles: [fleet.knownHostsPath],
    knownHostsWriteFile: fleet.knownHostsPath,
    strictHostKeyChecking: 'yes',
    hashKnownHosts: false,
    identitiesOnly: false,
    serverAliveInterval: 0,
    serverAliveCountMax: 3,
    ...over,
  };
}

export function catalogOf(hosts: ResolvedHost[]): HostCatalog {
  return {
    list: () => ({ hosts, groups: {}, warnings: [] }),
    resolve: (alias) => hosts.find((h) => h.alias === alias),
  };
}

/** Plain (unhashed) known_hosts entries with markers; enough to drive the connector until the real one lands. */
export function plainKnownHosts(): KnownHosts {
  const entryName = (host: string, port: number): string => (port === 22 ? host : `[${host}]:${port}`);
  return {
    check(files, host, port, keyType, key): HostKeyCheck {
      const want = entryName(host, port);
      const expected: Array<{ file: string; line: number; keyType: string; fingerprint: string }> = [];
      let known: HostKeyCheck | undefined;
      for (const file of files) {
        if (!existsSync(file)) continue;
        const lines = readFileSync(file, 'utf8').split('\n');
        for (let i = 0; i < lines.length; i++) {
          const words = lines[i]!.trim().split(/\s+/);
          const marker = words[0]?.startsWith('@') ? words.shift() : undefined;
          const [names, type, b64] = words;
          if (!names || !type || !b64 || !names.split(',').includes(want)) continue;
          const blob = Buffer.from(b64, 'base64');
          if (marker === '@revoked' && blob.equals(key)) return { status: 'revoked', file, line: i + 1 };
          if (marker) continue;
          if (type !== keyType) continue;
          if (blob.equals(key)) known ??= { status: 'known', file, line: i + 1 };
          expected.push({ file, line: i + 1, keyType: type, fingerprint: sha256Fingerprint(blob) });
        }
      }
      // @revoked wins wherever it is, as in OpenSSH.
      if (known) return known;
      return expected.length ? { status: 'changed', keyType, expected } : { status: 'unknown' };
    },
    add(file, host, port, keyType, key) {
      appendFileSync(file, `${entryName(host, port)} ${keyType} ${key.toString('base64')}\n`);
    },
  };
}

export interface Recorder extends FleetEvents {
  states: SessionInfo[];
  prompts: HostKeyPrompt[];
  settled: string[];
  output: Map<string, string>;
  waitState(sessionId: string, pred: (s: SessionInfo) => boolean, what?: string, timeoutMs?: number): Promise<SessionInfo>;
  waitOutput(sessionId: string, pred: (text: string) => boolean, what?: string, timeoutMs?: number): Promise<string>;
  waitPrompt(timeoutMs?: number): Promise<HostKeyPrompt>;
}

export function recorder(): Recorder {
  const waiters = new Set<() => void>();
  const poke = (): void => {
    for (const w of [...waiters]) w();
  };
  const until = <T>(probe: () => T | undefined, what: string, timeoutMs: number): Promise<T> =>
    new Promise((resolve, reject) => {
      const check = (): void => {
        const v = probe();
        if (v !== undefined) {
          waiters.delete(check);
          clearTimeout(timer);
          resolve(v);
        }
      };
      const timer = setTimeout(() => {
        waiters.delete(check);
        reject(new Error(`timed out waiting for ${what}; states so far: ${JSON.stringify(rec.states.slice(-6))}`));
      }, timeoutMs);
      waiters.add(check);
      check();
    });
  const rec: Recorder = {
    states: [],
    prompts: [],
    settled: [],
    output: new Map(),
    data(id, data) {
      rec.output.set(id, (rec.output.get(id) ?? '') + data);
      poke();
    },
    state(info) {
      rec.states.push(info);
      poke();
    },
    hostKeyPrompt(p) {
      rec.prompts.push(p);
      poke();
    },
    hostKeySettled(id) {
      rec.settled.push(id);
      poke();
    },
    waitState: (id, pred, what = 'a state', timeoutMs = 20_000) =>
      until(() => [...rec.states].reverse().find((s) => s.sessionId === id && pred(s)), `${what} of ${id}`, timeoutMs),
    waitOutput: (id, pred, what = 'output', timeoutMs = 20_000) =>
      until(() => {
        const t = rec.output.get(id) ?? '';
        return pred(t) ? t : undefined;
      }, `${what} from ${id}`, timeoutMs),
    waitPrompt: (timeoutMs = 20_000) => until(() => rec.prompts.find((p) => !rec.settled.includes(p.promptId)), 'a host key prompt', timeoutMs),
  };
  return rec;
}

export const isReady = (s: SessionInfo): boolean => s.state === 'ready';
export const isDown = (s: SessionInfo): boolean => s.state === 'down';
