import type { RequestInput, RequestName, RequestOutput } from '../../../shared/contract';
import type { IncidentStatus, JournalEvent, MarkerKind, Milestone, Role, Severity } from '../../../shared/model/incident';
import type { Controller } from '../../app/controller';
import { uploadAttachment } from './upload';

const REFRESH_SETTLE_MS = 60;

/** Requests whose reply is the journal event they wrote. */
type RecordingRequest = { [K in RequestName]: RequestOutput<K> extends JournalEvent ? K : never }[RequestName];

/**
 * The incident panels' requests. Each reply is a journal event: it goes onto the timeline at once
 * (timeline.append brings it too; the store merges by seq), and the details fold is fetched again.
 * Failures become error lines, as everywhere in the window.
 */
export class IncidentActions {
  private refreshTimer: ReturnType<typeof setTimeout> | undefined;
  private refreshing = 0;

  constructor(private readonly controller: Controller) {}

  private get state() {
    return this.controller.store.getState();
  }

  /** Coalesces bursts (a broadcast to 50 hosts is one event, a reconnect storm is many). */
  scheduleRefresh(): void {
    if (this.refreshTimer) clearTimeout(this.refreshTimer);
    this.refreshTimer = setTimeout(() => {
      this.refreshTimer = undefined;
      void this.refreshDetails();
    }, REFRESH_SETTLE_MS);
  }

  dispose(): void {
    if (this.refreshTimer) clearTimeout(this.refreshTimer);
  }

  /** Before the link opens (and while it is down) requests only fail; resync refreshes after. */
  get online(): boolean {
    return this.state.link.kind === 'open';
  }

  async refreshDetails(): Promise<void> {
    if (!this.online) return;
    const ticket = ++this.refreshing;
    const id = this.state.incident?.id ?? null;
    try {
      const { details } = await this.controller.api.request('incident.details', {});
      // A slower, older reply must not overwrite a newer one.
      if (ticket === this.refreshing) this.state.setDetails(id, details);
    } catch (err) {
      this.controller.fail('Incident details', err);
    }
  }

  async refreshList(): Promise<void> {
    if (!this.online) return;
    try {
      const { incidents } = await this.controller.api.request('incident.list', {});
      this.state.setIncidentList(incidents);
    } catch (err) {
      this.controller.fail('Incident list', err);
    }
  }

  async search(query: string): Promise<void> {
    const q = query.trim();
    if (q === '') {
      this.state.setSearchResult(null);
      return;
    }
    try {
      const { hits, skipped } = await this.controller.api.request('incident.search', { query: q, limit: 200 });
      this.state.setSearchResult({ query: q, hits, skipped });
    } catch (err) {
      this.controller.fail('Search', err);
    }
  }

  async activate(id: string): Promise<boolean> {
    try {
      const incident = await this.controller.api.request('incident.activate', { id });
      this.state.setIncident(incident);
      await this.controller.loadIncident();
      await Promise.all([this.refreshDetails(), this.refreshList()]);
      return true;
    } catch (err) {
      this.controller.fail('Switch incident', err);
      return false;
    }
  }

  /** Sends one journal-writing request; the event lands on the timeline and the fold is refreshed. */
  private async record<K extends RecordingRequest>(label: string, name: K, input: RequestInput<K>): Promise<boolean> {
    try {
      const event: JournalEvent = await this.controller.api.request(name, input);
      this.state.addEvents([event]);
      await this.refreshDetails();
      return true;
    } catch (err) {
      this.controller.fail(label, err);
      return false;
    }
  }

  setStatus(to: IncidentStatus, reason?: string) {
    return this.record('Status', 'incident.status', reason ? { to, reason } : { to });
  }
  setSeverity(to: Severity, reason?: string) {
    return this.record('Severity', 'incident.severity', reason ? { to, reason } : { to });
  }
  rename(title: string) {
    return this.record('Rename', 'incident.rename', { title });
  }
  role(role: Role, who: string, action: 'assign' | 'release') {
    return this.record(action === 'assign' ? 'Assign role' : 'Release role', 'incident.role', { role, who, action });
  }
  milestone(milestone: Milestone, at?: string, suggestedBy?: number) {
    return this.record('Milestone', 'incident.milestone', { milestone, ...(at ? { at } : {}), ...(suggestedBy ? { suggestedBy } : {}) });
  }
  dismissSuggestion(milestone: Milestone, suggestedBy: number) {
    return this.record('Dismiss suggestion', 'incident.dismissSuggestion', { milestone, suggestedBy });
  }
  mark(seq: number, marker: MarkerKind, on: boolean) {
    return this.record('Marker', 'timeline.mark', { seq, marker, on });
  }
  pin(seq: number, pinned: boolean) {
    return this.record('Pin', 'timeline.pin', { seq, pinned });
  }
  edit(seq: number, text: string, reason?: string) {
    return this.record('Edit', 'timeline.edit', { seq, text, ...(reason ? { reason } : {}) });
  }
  redact(seq: number, reason: string) {
    return this.record('Redact', 'timeline.redact', { seq, reason });
  }

  async attach(file: File, ref?: number, caption?: string): Promise<boolean> {
    try {
      this.state.addEvents([await uploadAttachment(this.controller.api, file, { ...(ref ? { ref } : {}), ...(caption ? { caption } : {}) })]);
      await this.refreshDetails();
      return true;
    } catch (err) {
      this.controller.fail(`Attach ${file.name}`, err);
      return false;
    }
  }
}

const instances = new WeakMap<Controller, IncidentActions>();

/** One IncidentActions per controller, so every panel shares its refresh coalescing. */
export function incidentActions(controller: Controller): IncidentActions {
  let actions = instances.get(controller);
  if (!actions) {
    actions = new IncidentActions(controller);
    instances.set(controller, actions);
  }
  return actions;
}
