/**
 * Shared helpers for the connect tests: hosts resolved from a fixture fleet's ssh config by the real
 * catalog (with per-test overrides), a catalog over them, the real KnownHosts, and an event
 * recorder with waits.
 */
import type { HostKeyPrompt, SessionInfo } from '../../../../shared/model/host';
import type { FleetEvents } from '../../../../electron/fleet/fleet';
import { createKnownHosts, loadHostCatalog } from '../../../../electron/fleet/config/index';
import type { HostCatalog, KnownHosts, ResolvedHost } from '../../../../electron/fleet/types';
import type { SshdFleet, SshdFleetHost } from '../../../fixtures/sshd-fleet';

/**
 * `h` as the real catalog resolves it from the fixture's ssh config, then the test's overrides.
 * StrictHostKeyChecking defaults to yes here so that no test waits on a prompt it did not ask for.
 */
export function resolvedHost(fleet: SshdFleet, h: SshdFleetHost, over: Partial<ResolvedHost> = {}): ResolvedHost {
  const base = loadHostCatalog({ sshConfigFile: fleet.sshConfigPath }).resolve(h.alias);
  if (!base) throw new Error(`the fixture's ssh config does not resolve ${h.alias}`);
  return { ...base, strictHostKeyChecking: 'yes', ...over };
}

/** The real known_hosts implementation (plain, hashed, markers, patterns). */
export function realKnownHosts(): KnownHosts {
  return createKnownHosts();
}

export function catalogOf(hosts: ResolvedHost[]): HostCatalog {
  return {
    list: () => ({ hosts, groups: {}, warnings: [] }),
    resolve: (alias) => hosts.find((h) => h.alias === alias),
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
