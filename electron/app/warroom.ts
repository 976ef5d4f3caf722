/**
 * Builds the running application from its services. The desktop app, browser mode and tests all
 * start here, so they run the same code.
 */
import os from 'node:os';
import path from 'node:path';
import type { SessionInfo } from '../../shared/model/host';
import type { EventDraft } from '../../shared/model/incident';
import { EventHub, type Handlers, type HubOptions } from '../rpc/handlers';
import { createKnownHosts, loadHostCatalog } from '../fleet/config/index';
import { Fleet, type FleetOptions, type FlowState } from '../fleet/fleet';
import { DEFAULT_PRACTICE_HOSTS, startPracticeFleet, type PracticeFleet } from '../practice/index';
import { IncidentService } from '../incident/index';
import { exporterPrinting } from '../export/incident-exporter';
import type { PdfPrinter } from '../export/pdf';
import { groupsFile, incidentDir, recordingsDir } from '../core/data-layout';
import { resolveActor } from '../core/actor';
import { hashFile } from '../incident/evidence-files';
import { Recorder } from '../recording/asciicast';
import { sizeText } from '../../shared/model/size';
import { Scrollback } from './scrollback';
import { SessionTimeline } from './session-timeline';
import { ScreenWatch } from './screens/screen-watch';
import { groupedEvent } from './screens/grouped-event';
import { SecretJudge } from './secret-judge';
import { mergeCatalogs, staticCatalog } from './catalog';
import { createHandlers } from './handlers';
import { TypedLines } from './typed-lines';
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
  /** Flow-control limits per window (tests shorten the stall time). */
  hub?: HubOptions;
  /** When input to a session far behind skips its queued output. */
  skip?: FleetOptions['skip'];
  /** Prints PDF exports; default a local Chromium (the desktop app passes Electron's printToPDF). */
  pdfPrinter?: PdfPrinter;
  /** Who acts in this app's events; default resolveActor(process.env). `warroom web` passes the CLI's own. */
  actor?: string;
}

export interface Warroom {
  hub: EventHub;
  /** Problems found reading the ssh config, inventories and groups, each naming its file and line. */
  configWarnings: string[];
  /** Problems met opening the active incident (a damaged journal names its file and line). */
  incidentWarnings: readonly string[];
  handlers: Handlers;
  practice: PracticeFleet | undefined;
  /** A window went away: release what it held (flow-control debt). */
  clientClosed(clientId: string): void;
  /** For tests and diagnostics: whether flow control pauses a session, whether it is skipping. */
  flowState(sessionId: string): FlowState | undefined;
  close(): Promise<void>;
}

export const VERSION = process.env.WARROOM_VERSION ?? '0.0.0-dev';

export async function createWarroom(opts: WarroomOptions): Promise<Warroom> {
  const hub = new EventHub(opts.hub);
  const actor = opts.actor ?? resolveActor(process.env);
  const configured = loadHostCatalog({
    sshConfigFile: opts.sshConfigFile ?? path.join(os.homedir(), '.ssh', 'config'),
    groupsFile: groupsFile(opts.dataDir),
    inventories: opts.inventories ?? [],
  });
  const wantPractice = opts.practice ?? 'auto';
  const listed = configured.list();
  // A broken config is not an empty one: the user has hosts we could not read, so say so instead of
  // quietly swapping in simulated ones.
  const nothingConfigured = listed.hosts.length === 0 && listed.warnings.length === 0;
  const practiceCount = wantPractice === 'auto' ? (nothingConfigured ? DEFAULT_PRACTICE_HOSTS : 0) : wantPractice || 0;
  const practice = practiceCount > 0 ? await startPracticeFleet({ count: practiceCount, dataDir: opts.dataDir }) : undefined;
  const sources: HostCatalog[] = [configured];
  if (practice) sources.push(staticCatalog(practice.hosts, practice.groups));
  const catalog = mergeCatalogs(sources);

  const incidents = await IncidentService.open({ dataDir: opts.dataDir, actor, exporter: exporterPrinting(opts.pdfPrinter) });
  // Which incident each recordings folder belongs to, for sealing a recording into its own journal.
  const recordingIncident = new Map<string, string>();
  const recordingsOf = (id: string | undefined) => {
    if (!id) return undefined;
    const dir = recordingsDir(opts.dataDir, id);
    recordingIncident.set(dir, id);
    return dir;
  };
  // The active incident's recordings folder, worked out (id checked, path joined) once per
  // incident: the recorder asks for it on every chunk of output.
  let activeRecordings = recordingsOf(incidents.activeIncident()?.id);
  const recorder = new Recorder({
    dir: () => activeRecordings,
    sealed: async ({ dir, file, alias }) => {
      const id = recordingIncident.get(dir);
      if (!id) return;
      try {
        const { sha256, bytes } = await hashFile(file);
        const rel = path.relative(incidentDir(opts.dataDir, id), file).split(path.sep).join('/');
        await incidents.recordTo(id, { type: 'recording.sealed', actor, data: { alias, file: rel, sha256, bytes } });
      } catch (err) {
        const message = `Timeline: could not seal recording ${file}: ${err instanceof Error ? err.message : String(err)}`;
        process.stderr.write(`warroom: ${message}\n`);
        hub.emit('timeline.error', { message });
      }
    },
  });
  const aliasOf = new Map<string, string>();
  const scrollback = new Scrollback();
  const sessionTimeline = new SessionTimeline();
  // A line typed with echo off shows nothing; its echo is awaited this long before it counts as secret.
  const secrets = new SecretJudge({ echoWaitMs: 5000 });
  // Automatic events must never take the app down: a journal that cannot be written (a full disk)
  // is reported to the window and on stderr, and the user's own requests report it as they fail.
  const record = (draft: EventDraft) =>
    void incidents.record(draft).catch((err: unknown) => {
      const message = `Timeline: could not record ${draft.type}: ${err instanceof Error ? err.message : String(err)}`;
      process.stderr.write(`warroom: ${message}\n`);
      hub.emit('timeline.error', { message });
    });
  const screens = new ScreenWatch({
    names: (sessionId) => {
      const s = fleet.session(sessionId);
      return s ? { host: s.alias, names: [s.hostname] } : undefined;
    },
    lastLine: (sessionId) => scrollback.lastLine(sessionId),
    // Held by the windows, or waiting in the pump for room in them: still printing either way.
    held: (sessionId) => hub.flow.isHeld(sessionId) || fleet.flowState(sessionId)?.paused === true,
    settled: (verdict) => {
      hub.emit('screen.groups', verdict);
      // A line no host completed (a flood stopped by Ctrl-C) has nothing to group: no timeline event.
      if (verdict.ref && verdict.groups.length > 0) record(groupedEvent(verdict.ref, verdict));
    },
  });
  const onState = (info: SessionInfo) => {
    hub.emit('session.state', info);
    const { sessionId, alias } = info;
    aliasOf.set(sessionId, alias);
    if (info.state === 'closed') {
      recorder.end(sessionId);
      aliasOf.delete(sessionId);
      scrollback.forget(sessionId);
      screens.forget(sessionId);
      secrets.forget(sessionId);
      hub.flow.forgetSession(sessionId);
    }
    const draft = sessionTimeline.observe(info);
    if (draft) record(draft);
  };
  const fleet = new Fleet({
    catalog,
    knownHosts: createKnownHosts(),
    behind: (sessionId) => hub.flow.behind(sessionId),
    room: (sessionId, want) => hub.flow.roomFor(sessionId, want),
    ...(opts.skip ? { skip: opts.skip } : {}),
    events: {
      data: (sessionId, data) => {
        hub.emit('term.data', { sessionId, data });
        scrollback.add(sessionId, data);
        screens.output(sessionId, data);
        secrets.output(sessionId, data);
        recorder.output(sessionId, aliasOf.get(sessionId) ?? sessionId, data);
      },
      skipped: (sessionId, chars) => {
        hub.emit('term.skipped', { sessionId, chars });
        // The recording and the scrollback say what the interrupt dropped, so neither reads as if
        // the host printed nothing: the output itself was never delivered to anyone.
        const notice = `\r\n[warroom: ${sizeText(chars)} of output skipped after an interrupt]\r\n`;
        scrollback.add(sessionId, notice);
        recorder.output(sessionId, aliasOf.get(sessionId) ?? sessionId, notice);
      },
      state: onState,
      hostKeyPrompt: (prompt) => hub.emit('hostkey.prompt', prompt),
      hostKeySettled: (promptId) => hub.emit('hostkey.settled', { promptId }),
      authPrompt: (prompt) => hub.emit('auth.prompt', prompt),
      authSettled: (promptId) => hub.emit('auth.settled', { promptId }),
    },
  });
  hub.onHold((sessionId, on) => fleet.hold(sessionId, on));
  hub.onRoom(() => fleet.wake());
  const unsubscribe = [
    incidents.onEvent((event) => hub.emit('timeline.append', event)),
    incidents.onIncidentChanged((incident) => {
      activeRecordings = recordingsOf(incident?.id);
      hub.emit('incident.changed', incident);
    }),
    incidents.onIntegrity((integrity) => hub.emit('incident.integrity', integrity)),
  ];

  const typedLines = new TypedLines();
  const handlers = createHandlers({
    info: { version: VERSION, mode: opts.mode, practice: practice !== undefined, dataDir: opts.dataDir, screenReader: opts.screenReader ?? false },
    catalog,
    fleet,
    incidents,
    actor,
    sized: (sessionId, alias, cols, rows) => recorder.size(sessionId, alias, cols, rows),
    flow: hub,
    scrollback: (sessionId) => scrollback.get(sessionId),
    secrets,
    screens,
    timelineError: (message) => hub.emit('timeline.error', { message }),
    typedLines,
    runProgress: {
      counts: (p) => hub.emit('run.progress', p),
      host: (p) => hub.emit('run.host', p),
    },
  });

  return {
    hub,
    configWarnings: listed.warnings,
    incidentWarnings: incidents.warnings,
    handlers,
    practice,
    clientClosed(clientId) {
      hub.detach(clientId);
    },
    flowState: (sessionId) => fleet.flowState(sessionId),
    async close() {
      for (const off of unsubscribe) off();
      screens.close();
      // Before the fleet goes: a line's secret verdict waits for its echo (bounded) from its session.
      await typedLines.settled();
      await fleet.close();
      await recorder.close();
      await practice?.close();
      await incidents.close();
    },
  };
}

