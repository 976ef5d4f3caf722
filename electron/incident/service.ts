/**
 * The incident as the app sees it: one active incident whose journal is open (and watched, so
 * `warroom log` from another terminal shows up live), plus declaring, notes, ticks and export.
 */
import { ownPrivateDir } from '../journal/files';
import path from 'node:path';
import type {
  EventDraft,
  Incident,
  IncidentDetails,
  IncidentStatus,
  JournalEvent,
  JournalIntegrity,
  MarkerKind,
  Milestone,
  Role,
  Severity,
} from '../../shared/model/incident';
import { checklistItemIds, findChecklistItem, type ChecklistDef } from '../../shared/model/checklist';
import { Journal } from '../journal/journal';
import { UserError } from '../core/errors';
import { applyEvent, foldIncident, materiallyDiffers } from './fold';
import { createIncident } from './declare';
import * as act from './actions';
import { actionCreatedDraft, actionUpdatedDraft, listActions } from './action-items';
import { actionOfEvent, foldActions, type Action, type ActionListItem } from '../../shared/model/action';
import { applyToState, foldState, type IncidentState } from './state';
import { toDetails } from './details';
import { copyAttachment } from './attach';
import { checkKind, loadIncidentConfig, sectionTemplate } from './config';
import type { SectionId, SaveConflict, SectionVersion, WriteupSection } from '../../shared/model/writeup';
import { writeupSections } from '../../shared/writeup/document';
import { WriteupConflict, acceptDraft, diffVersions, fillDrafts, history, saveSection, type DraftOutcome } from './writeup';
import { draftSection } from '../../shared/writeup/draft';
import { saveRunOutputs, type SavedFile } from './evidence-files';
import { listIncidents, type IncidentSummary } from './list';
import { searchIncidents, type SearchHit } from './search';
import { waiveDraft, type WaiveRequest } from './lint';
import { lintJournal } from '../../shared/writeup/lint/journal';
import type { LintReport } from '../../shared/writeup/lint/finding';
import { IncidentStore } from './store';

/** Drafts recorded before any incident exists are kept up to this many, oldest dropped first. */
export const MAX_HELD = 10_000;

/** The formats the service asks for: Markdown for the window's preview, the others for `export.file`. */
export type IncidentExportFormat = 'md' | 'html' | 'pdf' | 'json';

/**
 * Writes an incident's export into its folder. Passed in rather than imported: export/ renders from
 * incident/'s fold, and incident/ importing export/ back would tie the two into one.
 */
export interface IncidentExporter {
  write(req: { dataDir: string; incident: Incident; events: readonly JournalEvent[]; format: IncidentExportFormat }): Promise<{ file: string; text?: string }>;
}

export interface IncidentServiceOptions {
  dataDir: string;
  actor: string;
  exporter: IncidentExporter;
  /** How often other processes' appends and active-incident changes are polled (ms). */
  pollMs?: number;
}

interface Open {
  journal: Journal;
  incident: Incident;
  state: IncidentState;
  integrity: JournalIntegrity;
  unsubscribe: () => void;
}

export class IncidentService {
  readonly store: IncidentStore;
  /** Problems met while opening (e.g. the active incident's journal is damaged), for the window to show. */
  readonly warnings: string[] = [];
  private current: Open | null = null;
  private held: Array<{ draft: EventDraft; at: Date }> = [];
  private droppedHeld = 0;
  private readonly eventListeners = new Set<(e: JournalEvent) => void>();
  private readonly incidentListeners = new Set<(i: Incident | null) => void>();
  private readonly integrityListeners = new Set<(i: JournalIntegrity) => void>();
  private timer: NodeJS.Timeout | undefined;
  private switching: Promise<unknown> = Promise.resolve();
  private actionChain: Promise<unknown> = Promise.resolve();
  private closed = false;

  private constructor(
    readonly dataDir: string,
    readonly actor: string,
    private readonly pollMs: number,
    private readonly exporter: IncidentExporter,
  ) {
    this.store = new IncidentStore(dataDir);
  }

  static async open(opts: IncidentServiceOptions): Promise<IncidentService> {
    const service = new IncidentService(path.resolve(opts.dataDir), opts.actor, opts.pollMs ?? 250, opts.exporter);
    await ownPrivateDir(service.dataDir);
    const id = await service.store.activeId();
    if (id) {
      try {
        await service.switchTo(id);
      } catch (err) {
        service.warnings.push(`could not open the active incident ${id}: ${err instanceof Error ? err.message : String(err)}`);
      }
    }
    service.timer = setInterval(() => void service.followActivePointer(), service.pollMs);
    service.timer.unref();
    return service;
  }

  async declare(input: { title: string; severity: Severity; kind?: string }): Promise<Incident> {
    const kind = input.kind?.trim() ? checkKind(await loadIncidentConfig(this.dataDir), input.kind) : undefined;
    const { incident, journal } = await createIncident(this.store, { title: input.title, severity: input.severity, actor: this.actor, ...(kind ? { kind } : {}) }, { watch: true, pollMs: this.pollMs });
    await this.serially(async () => {
      await this.store.setActive(incident.id);
      await this.adopt(incident.id, journal);
      await this.flushHeld();
    });
    return this.current?.incident ?? incident;
  }

  /** The active incident with its events, or only the newest `tail` of them (`total` counts them all). */
  active(tail?: number): { incident: Incident | null; events: JournalEvent[]; integrity: JournalIntegrity | null; total: number } {
    if (!this.current) return { incident: null, events: [], integrity: null, total: 0 };
    const all = this.current.journal.events;
    const events = tail === undefined ? [...all] : all.slice(Math.max(0, all.length - tail));
    return { incident: this.current.incident, events, integrity: this.current.integrity, total: all.length };
  }

  /** Up to `limit` events of the active incident with seq below `before`, the newest of them, oldest first. */
  timelinePage(id: string, before: number, limit: number): JournalEvent[] {
    if (!this.current || this.current.incident.id !== id) throw new UserError(`incident ${id} is not the active incident any more`);
    const all = this.current.journal.events;
    const end = firstAtOrAbove(all, before);
    return all.slice(Math.max(0, end - limit), end);
  }

  /** The active journal's integrity: see JournalIntegrity. */
  integrity(): JournalIntegrity | null {
    return this.current?.integrity ?? null;
  }

  onIntegrity(listener: (i: JournalIntegrity) => void): () => void {
    this.integrityListeners.add(listener);
    return () => this.integrityListeners.delete(listener);
  }

  async record(draft: EventDraft): Promise<JournalEvent | undefined> {
    if (this.current) return this.current.journal.append(draft);
    this.held.push({ draft, at: new Date() });
    if (this.held.length > MAX_HELD) {
      this.held.shift();
      this.droppedHeld++;
    }
    return undefined;
  }

  /**
   * Records an event that vouches for files (a run's outputs): the files go into the active
   * incident's folder first, then the event naming them by hash. With no incident yet, the event is
   * held like any other, without files (what it carries inline, such as tails, is kept). Files that
   * cannot be written (a full disk) do not cost the event: it is recorded without them, and
   * `fileError` says why.
   */
  async recordWithFiles(
    files: ReadonlyArray<{ alias: string; data: Buffer }>,
    draft: (saved: ReadonlyMap<string, SavedFile>) => EventDraft,
    fileError?: (err: unknown) => void,
  ): Promise<JournalEvent | undefined> {
    let appended: JournalEvent | undefined;
    let held = false;
    await this.serially(async () => {
      const open = this.current;
      if (!open) {
        held = true;
        return;
      }
      let saved: ReadonlyMap<string, SavedFile> = new Map();
      try {
        if (files.length > 0) saved = await saveRunOutputs(this.store.dir(open.incident.id), files);
      } catch (err) {
        fileError?.(err);
      }
      appended = await open.journal.append(draft(saved));
    });
    return held ? this.record(draft(new Map())) : appended;
  }

  /**
   * Appends to a given incident, active or not: what belongs to an incident (a recording sealed
   * after the window switched away from it) goes there, not to whichever is active now.
   */
  async recordTo(id: string, draft: EventDraft): Promise<JournalEvent> {
    const open = this.current;
    if (open && open.incident.id === id) return open.journal.append(draft);
    if (!(await this.store.exists(id))) throw new UserError(`no incident ${id}`);
    const journal = await Journal.open(this.store.journalFile(id));
    try {
      return await journal.append(draft);
    } finally {
      await journal.close();
    }
  }

  async note(text: string): Promise<JournalEvent> {
    return this.requireJournal().append(act.noteDraft(text, this.actor));
  }

  /** The built-in checklists and the team's, from the config file (read on each call: it may be edited while the app runs). */
  async checklists(): Promise<ChecklistDef[]> {
    return (await loadIncidentConfig(this.dataDir)).checklists;
  }

  async tick(checklist: string, itemId: string, done: boolean): Promise<JournalEvent> {
    const lists = await this.checklists();
    const item = findChecklistItem(lists, checklist, itemId);
    if (!item) throw new UserError(`unknown checklist item ${checklist}/${itemId}: one of ${checklistItemIds(lists).join(', ')}`);
    return this.requireJournal().append({ type: 'checklist.tick', actor: this.actor, data: { checklist, itemId, label: item.label, done } });
  }

  async exportMarkdown(): Promise<{ markdown: string; path: string }> {
    const { file, text } = await this.exportAs('md');
    return { markdown: text ?? '', path: file };
  }

  /**
   * Writes the active incident's export to its exports/ folder. Exporting is reading, so it is not
   * journalled: an export event would move the journal head the export just recorded, and put
   * "exported" lines on the write-up's own timeline.
   */
  async exportAs(format: IncidentExportFormat): Promise<{ file: string; text?: string }> {
    const journal = this.requireJournal();
    const incident = this.current?.incident;
    if (!incident) throw new UserError('declare an incident first');
    return this.exporter.write({ dataDir: this.dataDir, incident, events: journal.events, format });
  }

  /** The active incident's write-up, titled by its type's template. */
  async writeup(): Promise<WriteupSection[]> {
    const open = this.requireOpen();
    const template = sectionTemplate(await loadIncidentConfig(this.dataDir), open.incident.kind);
    return writeupSections(open.journal.events, template);
  }

  writeupHistory(section: SectionId): SectionVersion[] {
    return history(this.requireJournal().events, section);
  }

  writeupDiff(from: number, to: number): ReturnType<typeof diffVersions> {
    const open = this.requireOpen();
    return diffVersions(open.journal.events, open.incident.id, from, to);
  }

  /** A save from the window: a stale base comes back as a conflict carrying both texts, not as an error. */
  async writeupSave(section: SectionId, text: string, base: number | null): Promise<{ result: 'saved'; event: JournalEvent; section: WriteupSection } | { result: 'conflict'; conflict: SaveConflict }> {
    const open = this.requireOpen();
    try {
      const event = await saveSection(open.journal, open.incident.id, { section, text, base }, this.actor);
      const now = (await this.writeup()).find((s) => s.id === section);
      if (!now) throw new Error(`section ${section} missing from the write-up`);
      return { result: 'saved', event, section: now };
    } catch (err) {
      if (err instanceof WriteupConflict) return { result: 'conflict', conflict: err.conflict };
      throw err;
    }
  }

  writeupAccept(section: SectionId, version: number): Promise<JournalEvent> {
    const open = this.requireOpen();
    return acceptDraft(open.journal, open.incident.id, section, version, this.actor);
  }

  writeupDraft(section?: SectionId): Promise<DraftOutcome> {
    const open = this.requireOpen();
    return fillDrafts(open.journal, open.incident.id, draftSection, this.actor, section);
  }

  /** Every incident on disk, newest first (damaged ones included with their error). */
  list(): Promise<IncidentSummary[]> {
    return listIncidents(this.store);
  }

  /** Search titles, notes, commands and hosts across every incident. */
  search(query: string, limit?: number): Promise<{ hits: SearchHit[]; skipped: string[] }> {
    return searchIncidents(this.store, query, limit ? { limit } : {});
  }

  /** Makes another existing incident the active one (the CLI follows the same pointer). */
  async activate(id: string): Promise<Incident> {
    if (!(await this.store.exists(id))) throw new UserError(`no incident ${id}`);
    await this.serially(async () => {
      await this.store.setActive(id);
    });
    await this.switchTo(id);
    const incident = this.current?.incident;
    if (!incident || incident.id !== id) throw new Error(`incident ${id} could not be made active`);
    return incident;
  }

  /** Roles, milestones (with order problems, clocks and suggestions), markers, pins, edits, redactions. */
  details(): IncidentDetails | null {
    return this.current ? toDetails(this.current.state, this.current.journal.events) : null;
  }

  async setStatus(to: IncidentStatus, reason?: string): Promise<JournalEvent> {
    const checklists = to === 'closed' ? await this.checklists() : [];
    return this.act((o) => act.statusDraft(o.incident, to, this.actor, reason, { checklists, events: o.journal.events }));
  }

  setSeverity(to: Severity, reason?: string): Promise<JournalEvent> {
    return this.act((o) => act.severityDraft(o.incident, to, this.actor, reason));
  }

  rename(title: string): Promise<JournalEvent> {
    return this.act((o) => act.titleDraft(o.incident, title, this.actor));
  }

  /** Hands a role to someone (recorded as from → to), or adds a subject-matter expert. */
  assignRole(role: Role, to: string): Promise<JournalEvent> {
    return this.act((o) => act.roleDraft(o.state, role, to, this.actor));
  }

  releaseRole(role: Role, who: string): Promise<JournalEvent> {
    return this.act((o) => act.releaseDraft(o.state, role, who, this.actor));
  }

  /** Sets a milestone (now, or when it really happened); `suggestedBy` confirms a suggestion. */
  setMilestone(milestone: Milestone, at?: string, suggestedBy?: number): Promise<JournalEvent> {
    return this.act(() => act.milestoneDraft(milestone, this.actor, at, suggestedBy));
  }

  dismissSuggestion(milestone: Milestone, suggestedBy: number): Promise<JournalEvent> {
    return this.act((o) => {
      act.target(o.journal.events, suggestedBy);
      return { type: 'milestone.dismissed', actor: this.actor, data: { milestone, suggestedBy } };
    });
  }

  mark(ref: number, marker: MarkerKind, on = true): Promise<JournalEvent> {
    return this.act((o) => act.markerDraft(o.journal.events, ref, marker, on, this.actor));
  }

  pin(ref: number, pinned = true): Promise<JournalEvent> {
    return this.act((o) => act.pinDraft(o.journal.events, ref, pinned, this.actor));
  }

  /** Corrects a note; the original stays in the journal. */
  edit(ref: number, text: string, reason?: string): Promise<JournalEvent> {
    return this.act((o) => act.editDraft(o.journal.events, o.state, ref, text, this.actor, reason));
  }

  /** Hides an event's content in views and exports; the original stays in the journal. */
  redact(ref: number, reason: string): Promise<JournalEvent> {
    return this.act((o) => act.redactDraft(o.journal.events, o.state, ref, reason, this.actor));
  }

  /** Copies a file into the incident folder (attachments/) and links it from the timeline. */
  async attach(file: string, opts: { caption?: string; ref?: number } = {}): Promise<JournalEvent> {
    const open = this.requireOpen();
    if (opts.ref !== undefined) act.target(open.journal.events, opts.ref);
    const copied = await copyAttachment(this.store.dir(open.incident.id), file);
    return open.journal.append({
      type: 'attachment',
      actor: this.actor,
      data: { ...copied, ...(opts.caption?.trim() ? { caption: opts.caption.trim() } : {}), ...(opts.ref ? { ref: opts.ref } : {}) },
    });
  }

  /** The blameless lint over the active incident's notes and write-up. */
  lint(): LintReport {
    return lintJournal(this.requireJournal().events);
  }

  /** Records that a lint finding is kept on purpose; refused when no such finding is open. */
  waive(req: WaiveRequest): Promise<JournalEvent> {
    return this.act((o) => waiveDraft(o.journal.events, req, this.actor));
  }

  /** Creates an action item on the active incident (fields checked, `from` seqs must exist). */
  addAction(input: unknown): Promise<{ action: Action; event: JournalEvent }> {
    return this.actOnAction((o) => actionCreatedDraft(o.journal.events, input, this.actor));
  }

  /** Changes an action's fields or status (not-doing needs a reason, verified an existing evidence seq). */
  updateAction(input: unknown): Promise<{ action: Action; event: JournalEvent }> {
    return this.actOnAction((o) => actionUpdatedDraft(o.journal.events, input, this.actor));
  }

  /** Actions of one incident, or of every incident when none is named. */
  listActions(incident?: string): Promise<{ actions: ActionListItem[]; skipped: string[] }> {
    return listActions(this.store, incident);
  }

  onEvent(listener: (e: JournalEvent) => void): () => void {
    this.eventListeners.add(listener);
    return () => this.eventListeners.delete(listener);
  }

  onIncidentChanged(listener: (i: Incident | null) => void): () => void {
    this.incidentListeners.add(listener);
    return () => this.incidentListeners.delete(listener);
  }

  /** How many drafts recorded before the first declaration were dropped because the buffer was full. */
  get droppedBeforeDeclare(): number {
    return this.droppedHeld;
  }

  async close(): Promise<void> {
    this.closed = true;
    if (this.timer) clearInterval(this.timer);
    await this.switching.catch(() => undefined);
    const open = this.current;
    this.current = null;
    if (open) {
      open.unsubscribe();
      await open.journal.close();
    }
  }

  private requireJournal(): Journal {
    return this.requireOpen().journal;
  }

  private requireOpen(): Open {
    if (!this.current) throw new UserError('no active incident: declare one first');
    return this.current;
  }

  private async act(draft: (open: Open) => EventDraft): Promise<JournalEvent> {
    const open = this.requireOpen();
    // Catch up first so checks (e.g. "already resolved") see what other processes recorded.
    await open.journal.refresh();
    return open.journal.append(draft(open));
  }

  /**
   * One action change at a time: each draft numbers or checks against the actions so far, so it is
   * made after the previous one is on the journal (two quick adds would both draft the same id).
   */
  private actOnAction(draft: (open: Open) => EventDraft): Promise<{ action: Action; event: JournalEvent }> {
    const run = this.actionChain.then(() => this.recordAction(draft));
    this.actionChain = run.catch(() => undefined);
    return run;
  }

  private async recordAction(draft: (open: Open) => EventDraft): Promise<{ action: Action; event: JournalEvent }> {
    const e = await this.act(draft);
    const action = actionOfEvent(foldActions(this.requireJournal().events), e);
    if (!action) throw new Error(`an action was recorded as #${e.seq} but does not fold`);
    return { action, event: e };
  }

  private async flushHeld(): Promise<void> {
    while (this.current && this.held.length > 0) {
      const batch = this.held.splice(0);
      const journal = this.current.journal;
      await Promise.all(batch.map(({ draft, at }) => journal.append(draft, { at })));
    }
  }

  /** Another process (e.g. `warroom incident new`) made a different incident active: follow it. */
  private async followActivePointer(): Promise<void> {
    if (this.closed) return;
    try {
      const id = await this.store.activeId();
      if (id && id !== this.current?.incident.id) await this.switchTo(id);
    } catch (err) {
      const message = `could not follow the active incident: ${err instanceof Error ? err.message : String(err)}`;
      if (this.warnings.at(-1) !== message) this.warnings.push(message);
    }
  }

  private switchTo(id: string): Promise<void> {
    return this.serially(async () => {
      if (this.closed || this.current?.incident.id === id) return;
      const journal = await Journal.open(this.store.journalFile(id), { watch: true, pollMs: this.pollMs });
      await this.adopt(id, journal);
      await this.flushHeld();
    });
  }

  /** Declaring and following the pointer both change the active incident: one at a time. */
  private serially(work: () => Promise<void>): Promise<void> {
    const run = this.switching.then(work);
    this.switching = run.catch(() => undefined);
    return run;
  }

  private async adopt(id: string, journal: Journal): Promise<void> {
    const incident = foldIncident(journal.events);
    if (!incident || incident.id !== id) {
      await journal.close();
      throw new Error(`${journal.file}: does not declare incident ${id}`);
    }
    const previous = this.current;
    const integrity: JournalIntegrity = { incidentId: id, state: journal.trustedSeq > 0 ? 'verifying' : 'verified' };
    if (journal.checkpointWarning) this.warnings.push(journal.checkpointWarning);
    const open: Open = { journal, incident, state: foldState(journal.events), integrity, unsubscribe: () => undefined };
    open.unsubscribe = journal.subscribe((e) => this.onJournalEvent(open, e));
    this.current = open;
    if (integrity.state === 'verifying') this.verifyBehind(open);
    if (previous) {
      previous.unsubscribe();
      await previous.journal.close();
    }
    this.emitIncident(incident);
  }

  /** Re-verifies in the background what open took on the checkpoint's word; a break is an alarm. */
  private verifyBehind(open: Open): void {
    const incidentId = open.integrity.incidentId;
    const settle = (integrity: JournalIntegrity): void => {
      open.integrity = integrity;
      if (integrity.message) this.warnings.push(integrity.message);
      if (this.current !== open) return;
      for (const l of this.integrityListeners) {
        try {
          l(integrity);
        } catch {
          // one broken listener must not stop the rest
        }
      }
    };
    open.journal.verifyBehind().then(
      (result) =>
        settle(
          result.ok
            ? { incidentId, state: 'verified' }
            : { incidentId, state: 'broken', message: `The journal was altered: ${result.error ?? 'the chain does not verify'}. Do not trust this timeline; run \`warroom verify\`.` },
        ),
      (err: unknown) => settle({ incidentId, state: 'broken', message: `The journal could not be re-verified: ${err instanceof Error ? err.message : String(err)}` }),
    );
  }

  private onJournalEvent(open: Open, e: JournalEvent): void {
    const before = open.incident;
    open.incident = applyEvent(before, e) ?? before;
    applyToState(open.state, e);
    for (const l of this.eventListeners) {
      try {
        l(e);
      } catch {
        // one broken listener must not stop the rest
      }
    }
    if (this.current === open && materiallyDiffers(before, open.incident)) this.emitIncident(open.incident);
  }

  private emitIncident(incident: Incident | null): void {
    for (const l of this.incidentListeners) {
      try {
        l(incident);
      } catch {
        // as above
      }
    }
  }
}

/** The index of the first event whose seq is at least `seq` (events are ordered by seq). */
function firstAtOrAbove(events: readonly JournalEvent[], seq: number): number {
  let lo = 0;
  let hi = events.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if ((events[mid] as JournalEvent).seq < seq) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
