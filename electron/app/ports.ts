/**
 * What the request handlers need from the services, stated structurally so handlers can be tested
 * against the real services without importing their construction.
 */
import type { EventPayload, RequestOutput } from '../../shared/contract';
import type { HostKeyDecision, HostKeyPrompt, SessionInfo } from '../../shared/model/host';
import type { AuthPrompt } from '../../shared/model/run';
import type { Fleet } from '../fleet/fleet';
import type { HostCatalog } from '../fleet/types';
import type { IncidentService } from '../incident/index';
import type { SecretJudge } from './secret-judge';
import type { ScreenWatch } from './screens/screen-watch';

export interface FleetPort {
  connect(aliases: string[], cols: number, rows: number): SessionInfo[];
  sessions(): SessionInfo[];
  session(sessionId: string): SessionInfo | undefined;
  disconnect(sessionIds: string[]): void;
  reconnect(sessionIds: string[]): void;
  write(sessionIds: string[], data: string): number;
  resize(sessionId: string, cols: number, rows: number): void;
  answerHostKey(promptId: string, decision: HostKeyDecision): void;
  pendingHostKeys(): HostKeyPrompt[];
  answerAuth(promptId: string, answers: string[] | null, forAll?: boolean): void;
  pendingAuth(): AuthPrompt[];
  run: Fleet['run'];
  atSecretPrompt(sessionId: string): boolean;
}

export type IncidentPort = Pick<
  IncidentService,
  | 'declare' | 'active' | 'activeWithFolds' | 'panelFolds' | 'activeIncident' | 'activeEvents' | 'timelinePage' | 'record' | 'recordWithFiles' | 'note' | 'tick' | 'checklists' | 'exportMarkdown' | 'exportAs' | 'list' | 'search' | 'activate' | 'details'
  | 'setStatus' | 'setSeverity' | 'rename' | 'assignRole' | 'releaseRole' | 'setMilestone' | 'dismissSuggestion'
  | 'writeup' | 'writeupHistory' | 'writeupDiff' | 'writeupSave' | 'writeupAccept' | 'writeupDraft'
  | 'mark' | 'pin' | 'edit' | 'redact' | 'attach' | 'lint' | 'waive' | 'dataDir' | 'addAction' | 'updateAction' | 'listActions'
>;

/** Exactly what `app.info` replies. */
export type AppInfo = RequestOutput<'app.info'>;

import type { TypedLines } from './typed-lines';

export interface HandlerDeps {
  info: AppInfo;
  catalog: HostCatalog;
  fleet: FleetPort;
  incidents: IncidentPort;
  /** Who is acting, as recorded on the timeline. */
  actor: string;
  /** A session's pane size was set or changed (recordings follow it). */
  sized?(sessionId: string, alias: string | undefined, cols: number, rows: number): void;
  /** Flow control per window: acknowledgements, and a window that repaints joins the stream again. */
  flow: {
    ack(clientId: string, sessionId: string, chars: number): void;
    readmit(clientId: string, sessionId: string): void;
  };
  /** Recent output of a session. */
  scrollback(sessionId: string): string;
  /** Judges which typed lines are secrets; fed with every session's output. */
  secrets: Pick<SecretJudge, 'typed' | 'line' | 'settle' | 'forget'>;
  /** Groups the targets of each broadcast line by what it printed. */
  screens: Pick<ScreenWatch, 'watch' | 'regroup' | 'latest' | 'interrupted'>;
  /** Tells the window something could not be recorded on the timeline. */
  timelineError(message: string): void;
  /** Typed lines queued for the journal; the app's close waits for them. */
  typedLines: TypedLines;
  /** A run's progress and each host's result as it finishes, to every window (absent: not sent). */
  runProgress?: {
    counts(p: EventPayload<'run.progress'>): void;
    host(p: EventPayload<'run.host'>): void;
  };
}
