/**
 * What the request handlers need from the services, stated structurally so handlers can be tested
 * against the real services without importing their construction.
 */
import type { HostKeyDecision, HostKeyPrompt, SessionInfo } from '../../shared/model/host';
import type { EventDraft, Incident, JournalEvent, Severity } from '../../shared/model/incident';
import type { HostCatalog } from '../fleet/types';

export interface FleetPort {
  connect(aliases: string[], cols: number, rows: number): SessionInfo[];
  sessions(): SessionInfo[];
  session(sessionId: string): SessionInfo | undefined;
  disconnect(sessionIds: string[]): void;
  write(sessionIds: string[], data: string): number;
  resize(sessionId: string, cols: number, rows: number): void;
  ack(sessionId: string, chars: number): void;
  answerHostKey(promptId: string, decision: HostKeyDecision): void;
  pendingHostKeys(): HostKeyPrompt[];
  atSecretPrompt(sessionId: string): boolean;
}

export interface IncidentPort {
  declare(input: { title: string; severity: Severity }): Promise<Incident>;
  active(): { incident: Incident | null; events: JournalEvent[] };
  record(draft: EventDraft): Promise<JournalEvent | undefined>;
  note(text: string): Promise<JournalEvent>;
  tick(checklist: string, itemId: string, done: boolean): Promise<JournalEvent>;
  exportMarkdown(): Promise<{ markdown: string; path: string }>;
}

export interface AppInfo {
  version: string;
  mode: 'electron' | 'web';
  practice: boolean;
  dataDir: string;
  screenReader: boolean;
}

export interface HandlerDeps {
  info: AppInfo;
  catalog: HostCatalog;
  fleet: FleetPort;
  incidents: IncidentPort;
  /** Who is acting, as recorded on the timeline. */
  actor: string;
}
