/**
 * The incident as the app sees it: the active incident (active-incident.ts holds its journal) and
 * what a person does to it: declaring, notes, ticks, status and roles, the write-up, the lint,
 * action items and export.
 */
import { ownPrivateDir } from '../journal/files';
import path from 'node:path';
import type {
  EventDraft,
  Incident,
  IncidentStatus,
  JournalEvent,
  MarkerKind,
  Milestone,
  Role,
  Severity,
} from '../../shared/model/incident';
import { checklistItemIds, findChecklistItem, type ChecklistDef } from '../../shared/model/checklist';
import { UserError } from '../core/errors';
import { createIncident } from './declare';
import * as act from './actions';
import { actionCreatedDraft, actionUpdatedDraft, listActions } from './action-items';
import { actionOfEvent, foldActions, type Action, type ActionListItem } from '../../shared/model/action';
import { copyAttachment } from './attach';
import { checkKind, loadIncidentConfig, sectionTemplate } from './config';
import type { SectionId, SaveConflict, SectionVersion, WriteupSection } from '../../shared/model/writeup';
import { writeupSections } from '../../shared/writeup/document';
import { WriteupConflict, acceptDraft, diffVersions, fillDrafts, history, saveSection, type DraftOutcome } from './writeup';
import { draftSection } from '../../shared/writeup/draft';
import { listIncidents, type IncidentSummary } from './list';
import { searchIncidents, type SearchHit } from './search';
import { waiveDraft, type WaiveRequest } from './lint';
import { lintJournal } from '../../shared/writeup/lint/journal';
import type { LintReport } from '../../shared/writeup/lint/finding';
import { ActiveIncident, type Open } from './active-incident';
import { PanelFolder, panelFoldTypes, type PanelFolds } from '../../shared/model/panelFolds';
import type { Journal } from '../journal/journal';

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

export class IncidentService extends ActiveIncident {
  private actionChain: Promise<unknown> = Promise.resolve();
  /** The panels' folds of the active journal, kept open: folded once, then only the events appended since. */
  private panels: { journal: Journal; checklists: string; types: ReadonlySet<string>; folder: PanelFolder; count: number } | undefined;

  private constructor(
    dataDir: string,
    actor: string,
    pollMs: number,
    private readonly exporter: IncidentExporter,
  ) {
    super(dataDir, actor, pollMs);
  }

  static async open(opts: IncidentServiceOptions): Promise<IncidentService> {
    const service = new IncidentService(path.resolve(opts.dataDir), opts.actor, opts.pollMs ?? 250, opts.exporter);
    await ownPrivateDir(service.dataDir);
    // A big journal verified behind its open has every event parsed now: fold the panels then, not
    // when the window's first page is asked for.
    service.onIntegrity((i) => {
      if (i.state === 'verified') service.panelFolds().catch(() => undefined);
    });
    await service.follow();
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

  async note(text: string): Promise<JournalEvent> {
    return this.requireJournal().append(act.noteDraft(text, this.actor));
  }

  /** The built-in checklists and the team's, from the config file (read on each call: it may be edited while the app runs). */
  async checklists(): Promise<ChecklistDef[]> {
    return (await loadIncidentConfig(this.dataDir)).checklists;
  }

  /**
   * `active(tail)`; a reply with only some of the journal's events also carries the panels' folds
   * of all of them (shared/model/panelFolds.ts; not while the journal is verified behind its open,
   * see panelFolds), so the window's checklist, actions and review read right before its older
   * pages arrive.
   */
  async activeWithFolds(tail?: number): Promise<ReturnType<IncidentService['active']> & { folds?: PanelFolds }> {
    // The config first: the folds are then taken after the reply's events, never older than them.
    const checklists = await this.checklists();
    const reply = this.active(tail);
    const folds = reply.events.length < reply.total ? this.foldPanels(checklists) : null;
    return folds ? { ...reply, folds } : reply;
  }

  /**
   * The panels' folds of the active journal; null with no incident, and while a big journal is
   * still verified behind its open: its lines are not parsed yet, and parsing 100,000 of them here
   * (about a second) would hold up the window's first page. The window asks again once the
   * integrity report says verified (renderer/panels/incident/actions.ts), when they are folded already.
   */
  async panelFolds(): Promise<PanelFolds | null> {
    return this.foldPanels(await this.checklists());
  }

  private foldPanels(checklists: readonly ChecklistDef[]): PanelFolds | null {
    const journal = this.current?.journal;
    if (!journal || this.current?.integrity.state === 'verifying') return null;
    const key = JSON.stringify(checklists);
    let panels = this.panels;
    if (!panels || panels.journal !== journal || panels.checklists !== key) {
      // Only the event types the folds read are parsed (a journal opened from a checkpoint reads the rest when asked).
      const types = panelFoldTypes(checklists);
      const folder = new PanelFolder(checklists);
      for (const e of journal.ofTypes(types)) folder.apply(e);
      panels = this.panels = { journal, checklists: key, types, folder, count: journal.count };
    } else if (panels.count < journal.count) {
      for (const e of journal.slice(panels.count, journal.count)) if (panels.types.has(e.type)) panels.folder.apply(e);
      panels.count = journal.count;
    }
    return panels.folder.folds(panels.count);
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
}
