/**
 * Builds the running application from its services. The desktop app, browser mode and tests all
 * start here, so they run the same code.
 */
import os from 'node:os';
import path from 'node:path';
import type { SessionInfo } from '../../shared/model/host';
import { EventHub, type Handlers } from '../rpc/handlers';
import { createKnownHosts, loadHostCatalog } from '../fleet/config/index';
import { Fleet } from '../fleet/fleet';
import { startPracticeFleet, type PracticeFleet } from '../practice/index';
import { IncidentService } from '../incident/index';
import { groupsFile } from './paths';
import { mergeCatalogs, staticCatalog } from './catalog';
import { createHandlers } from './handlers';
import type { HostCatalog } from '../fleet/types';

export interface WarroomOptions {
  dataDir: string;
  mode: 'electron' | 'web';
  /** Default ~/.ssh/config. */
  sshConfigFile?: string;
  inventories?: string[];
  /** A host count to start the practice fleet with, or 'auto' to start it only when no host is configured. */
  practice?: number | 'auto' | false;
  screenReader?: boolean;
}

export interface Warroom {
  hub: EventHub;
  handlers: Handlers;
  practice: PracticeFleet | undefined;
  /** A window went away: release what it held (flow-control credit). */
  clientClosed(clientId: string): void;
  close(): Promise<void>;
}

export const VERSION = process.env.WARROOM_VERSION ?? '0.0.0-dev';
export const DEFAULT_PRACTICE_HOSTS = 8;

export function localActor(): string {
  try {
    return os.userInfo().username;
  } catch {
    return 'unknown';
  }
}

export async function createWarroom(opts: WarroomOptions): Promise<Warroom> {
  const hub = new EventHub();
  const actor = localActor();
  const configured = loadHostCatalog({
    sshConfigFile: opts.sshConfigFile ?? path.join(os.homedir(), '.ssh', 'config'),
    groupsFile: groupsFile(opts.dataDir),
    inventories: opts.inventories ?? [],
  });
  const wantPractice = opts.practice ?? 'auto';
  const practiceCount =
    wantPractice === 'auto' ? (configured.list().hosts.length === 0 ? DEFAULT_PRACTICE_HOSTS : 0) : wantPractice || 0;
  const practice = practiceCount > 0 ? await startPracticeFleet({ count: practiceCount, dataDir: opts.dataDir }) : undefined;
  const sources: HostCatalog[] = [configured];
  if (practice) sources.push(staticCatalog(practice.hosts, practice.groups));
  const catalog = mergeCatalogs(sources);

  const incidents = await IncidentService.open({ dataDir: opts.dataDir, actor });
  const lastState = new Map<string, SessionInfo['state']>();
  const onState = (info: SessionInfo) => {
    hub.emit('session.state', info);
    const before = lastState.get(info.sessionId);
    lastState.set(info.sessionId, info.state);
    if (info.state === before) return;
    if (info.state === 'ready') {
      void incidents.record({ type: 'session.connected', actor: 'warroom', data: { alias: info.alias, hostname: info.hostname } });
    } else if ((info.state === 'down' || info.state === 'closed') && before !== 'down' && before !== 'closed') {
      void incidents.record({
        type: 'session.disconnected',
        actor: 'warroom',
        data: { alias: info.alias, reason: info.reason ?? info.state },
      });
    }
  };
  const fleet = new Fleet({
    catalog,
    knownHosts: createKnownHosts(),
    events: {
      data: (sessionId, data) => hub.emit('term.data', { sessionId, data }),
      state: onState,
      hostKeyPrompt: (prompt) => hub.emit('hostkey.prompt', prompt),
      hostKeySettled: (promptId) => hub.emit('hostkey.settled', { promptId }),
    },
  });
  const unsubscribe = [
    incidents.onEvent((event) => hub.emit('timeline.append', event)),
    incidents.onIncidentChanged((incident) => hub.emit('incident.changed', incident)),
  ];

  const handlers = createHandlers({
    info: { version: VERSION, mode: opts.mode, practice: practice !== undefined, dataDir: opts.dataDir, screenReader: opts.screenReader ?? false },
    catalog,
    fleet,
    incidents,
    actor,
  });

  return {
    hub,
    handlers,
    practice,
    clientClosed() {
      // With no window left, nobody will acknowledge output: release every paused stream.
      if (hub.size === 0) for (const s of fleet.sessions()) fleet.ack(s.sessionId, Number.MAX_SAFE_INTEGER);
    },
    async close() {
      for (const off of unsubscribe) off();
      await fleet.close();
      await practice?.close();
      await incidents.close();
    },
  };
}
