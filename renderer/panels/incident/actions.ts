import type { RequestInput, RequestName, RequestOutput } from '../../../shared/contract';
import { refreshOnChange } from '../../app/settledRefresh';
import type { IncidentStatus, JournalEvent, MarkerKind, Milestone, Role, Severity } from '../../../shared/model/incident';
import type { WriteupState } from '../../../shared/model/writeup';
import type { Controller } from '../../app/controller';
import type { WarroomState } from '../../store';
import { uploadAttachment } from './upload';

const REFRESH_SETTLE_MS = 60;

/** Requests whose reply is the journal event they wrote. */
type RecordingRequest = { [K in RequestName]: RequestOutput<K> extends JournalEvent ? K : never }[RequestName];

/**
 * The window's incident actions, owned by the controller (`controller.incident`): declare, note,
 * tick, export, and the incident desk's requests. A reply that is a journal event goes onto the
 * timeline at once (timeline.append brings it too; the store merges by seq). The details fold has
 * one trigger: any change of the timeline, the incident or the link (see `start`). Failures become
 * error lines, as everywhere in the window.
 */
export class IncidentActions {
  private refreshing = 0;

  constructor(private readonly controller: Controller) {}

  private get state() {
    return this.controller.store.getState();
  }

  /**
   * Every journal change can move a role, milestone or suggestion, so the fold is fetched again
   * after each one, coalesced (a broadcast to 50 hosts is one event, a reconnect storm is many).
   * Returns the unsubscribe.
   */
  start(): () => void {
    const changed = (s: WarroomState, prev: WarroomState) =>
      // Older pages of a big journal change nothing the fold holds; only new events do. A big
      // journal verified behind its open gets its panels' folds once verified (IncidentService.panelFolds).
      s.events.at(-1) !== prev.events.at(-1) ||
      s.incident !== prev.incident ||
      (s.link !== prev.link && s.link.kind === 'open') ||
      (s.integrity !== prev.integrity && s.olderThan !== null);
    return refreshOnChange(this.controller.store, changed, () => void this.refreshDetails(), REFRESH_SETTLE_MS);
  }

  /** Before the link opens (and while it is down) requests only fail; resync refreshes after. */
  get online(): boolean {
    return this.state.link.kind === 'open';
  }

  private async refreshDetails(): Promise<void> {
    if (!this.online) return;
    const ticket = ++this.refreshing;
    const id = this.state.incident?.id ?? null;
    try {
      // A journal still arriving in pages: the panels' folds move with the new event too.
      const { details, folds } = await this.controller.api.request('incident.details', this.state.olderThan === null ? {} : { folds: true });
      // A slower, older reply must not overwrite a newer one.
      if (ticket === this.refreshing) {
        this.state.setDetails(id, details);
        if (folds) this.state.setPanelFolds(id, folds);
      }
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
      await Promise.all([this.controller.loadIncident(), this.refreshList()]);
      return true;
    } catch (err) {
      this.controller.fail('Switch incident', err);
      return false;
    }
  }

  async declare(title: string, severity: Severity): Promise<boolean> {
    try {
      const incident = await this.controller.api.request('incident.declare', { title, severity });
      this.state.setIncident(incident);
      await this.controller.loadIncident();
      return true;
    } catch (err) {
      this.controller.fail('Declare incident', err);
      return false;
    }
  }

  async tick(checklist: string, itemId: string, done: boolean): Promise<void> {
    this.state.setPendingTick(checklist, itemId, done);
    try {
      const event = await this.controller.api.request('checklist.tick', { checklist, itemId, done });
      this.state.addEvents([event]);
    } catch (err) {
      this.controller.fail('Checklist', err);
    } finally {
      this.state.setPendingTick(checklist, itemId, null);
    }
  }

  /** Moves the write-up through review; its events land on the timeline, where the badge folds them. */
  async writeupState(to: WriteupState, reason?: string): Promise<boolean> {
    try {
      const { events } = await this.controller.api.request('writeup.state', reason ? { to, reason } : { to });
      this.state.addEvents(events);
      return true;
    } catch (err) {
      this.controller.fail('Review', err);
      return false;
    }
  }

  async exportMarkdown(): Promise<void> {
    try {
      const result = await this.controller.api.request('export.markdown', {});
      this.state.setLastExport(result);
    } catch (err) {
      this.controller.fail('Export', err);
    }
  }

  /** Sends one journal-writing request; the event lands on the timeline (which refreshes the fold). */
  private async record<K extends RecordingRequest>(label: string, name: K, input: RequestInput<K>): Promise<boolean> {
    try {
      const event: JournalEvent = await this.controller.api.request(name, input);
      this.state.addEvents([event]);
      return true;
    } catch (err) {
      this.controller.fail(label, err);
      return false;
    }
  }

  note(text: string) {
    return this.record('Note', 'incident.note', { text });
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

  /** Action items: the reply carries the event written, which goes on the timeline (the panel folds it). */
  addAction(input: RequestInput<'action.add'>) {
    return this.recordAction('Add action', 'action.add', input);
  }
  updateAction(input: RequestInput<'action.update'>) {
    return this.recordAction(`Action ${input.id}`, 'action.update', input);
  }

  /** Actions of every incident (read from their journals), or null when the request failed (an error line says why). */
  async listActions(): Promise<RequestOutput<'action.list'> | null> {
    if (!this.online) return null;
    try {
      return await this.controller.api.request('action.list', {});
    } catch (err) {
      this.controller.fail('Action list', err);
      return null;
    }
  }

  private async recordAction<K extends 'action.add' | 'action.update'>(label: string, name: K, input: RequestInput<K>): Promise<boolean> {
    try {
      const { event } = await this.controller.api.request(name, input);
      this.state.addEvents([event]);
      return true;
    } catch (err) {
      this.controller.fail(label, err);
      return false;
    }
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
