/**
 * Drives the composed app through its contract handlers the way a window does: requests through
 * dispatch (so schemas apply), and a hub listener that keeps each session's output and state and
 * acknowledges output as xterm would.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createWarroom, type Warroom } from '../../../electron/app/warroom';
import { startSshdFleet, type SshdFleet, type SshdFleetOptions } from '../../fixtures/sshd-fleet';
import { dispatch } from '../../../electron/rpc/handlers';
import type { RequestName, RequestOutput } from '../../../shared/contract';
import type { SessionInfo } from '../../../shared/model/host';

export interface AppDriver {
  call<K extends RequestName>(name: K, input: unknown): Promise<RequestOutput<K>>;
  /** Everything each session printed so far. */
  output: Map<string, string>;
  /** The latest state of each session. */
  states: Map<string, SessionInfo>;
}

export function driveApp(app: Pick<Warroom, 'handlers' | 'hub'>): AppDriver {
  const output = new Map<string, string>();
  const states = new Map<string, SessionInfo>();
  const call = async <K extends RequestName>(name: K, input: unknown): Promise<RequestOutput<K>> => {
    const reply = await dispatch(app.handlers, name, input, { clientId: 'test' });
    if (!reply.ok) throw new Error(reply.error.message);
    return reply.value as RequestOutput<K>;
  };
  app.hub.subscribe((name, payload) => {
    if (name === 'term.data') {
      const p = payload as { sessionId: string; data: string };
      output.set(p.sessionId, (output.get(p.sessionId) ?? '') + p.data);
      void call('fleet.ack', { acks: [{ sessionId: p.sessionId, chars: p.data.length }] });
    }
    if (name === 'session.state') states.set((payload as SessionInfo).sessionId, payload as SessionInfo);
  });
  return { call, output, states };
}

export interface AppOnFleet {
  fleet: SshdFleet;
  /** The app's data directory, removed by stop(). */
  home: string;
  app: Warroom;
  driver: AppDriver;
  stop(): Promise<void>;
}

/** A real sshd fleet and the composed app reading its ssh config, driven like a window. */
export async function startAppOnFleet(fleetOptions: SshdFleetOptions): Promise<AppOnFleet> {
  const fleet = await startSshdFleet(fleetOptions);
  const home = mkdtempSync(path.join(os.tmpdir(), 'warroom-app-'));
  try {
    const app = await createWarroom({ dataDir: home, mode: 'web', sshConfigFile: fleet.sshConfigPath, practice: false });
    const stop = async () => {
      await app.close();
      await fleet.stop();
      rmSync(home, { recursive: true, force: true });
    };
    return { fleet, home, app, driver: driveApp(app), stop };
  } catch (err) {
    await fleet.stop();
    rmSync(home, { recursive: true, force: true });
    throw err;
  }
}

export interface AppOnPractice {
  /** The app's data directory, removed by stop(). */
  home: string;
  app: Warroom;
  driver: AppDriver;
  stop(): Promise<void>;
}

/** The composed app with no host configured, so the practice fleet starts on its own, driven like a window. */
export async function startAppOnPractice(): Promise<AppOnPractice> {
  const home = mkdtempSync(path.join(os.tmpdir(), 'warroom-practice-'));
  writeFileSync(path.join(home, 'ssh_config'), '');
  const app = await createWarroom({ dataDir: home, mode: 'web', sshConfigFile: path.join(home, 'ssh_config'), practice: 'auto' });
  const stop = async () => {
    await app.close();
    rmSync(home, { recursive: true, force: true });
  };
  return { home, app, driver: driveApp(app), stop };
}
