import type { RequestOutput } from '../../../shared/contract';
import { refreshOnChange } from '../../app/settledRefresh';
import type { JournalEvent } from '../../../shared/model/incident';
import type { SectionId, WriteupSection } from '../../../shared/model/writeup';
import type { RuleId } from '../../../shared/writeup/lint/finding';
import { newEvents } from '../../store/incidentSlice';
import type { Controller } from '../../app/controller';
import type { WarroomState } from '../../store';
import { LocalDrafts, pageStorage, type DraftStorage } from './localDrafts';

const REFRESH_SETTLE_MS = 60;

/** What a save came to: written, refused because someone saved first (both texts in the store), or failed. */
export type SaveOutcome = 'saved' | 'conflict' | 'failed';

/**
 * The window's write-up actions (`controller.writeup`): fetch the document, keep what is typed in
 * page storage until it is saved, save with the version it was edited from, and turn a refused
 * save into a conflict the user resolves (keep theirs, or save a merge over theirs). The document
 * is fetched again whenever a write-up event reaches the timeline, from any process.
 */
export class WriteupActions {
  private readonly local: LocalDrafts;
  private ticket = 0;

  constructor(
    private readonly controller: Controller,
    storage: DraftStorage = pageStorage(),
  ) {
    this.local = new LocalDrafts(storage);
  }

  private get state() {
    return this.controller.store.getState();
  }

  private get incidentId(): string | null {
    return this.state.incident?.id ?? null;
  }

  start(): () => void {
    const writeupEvent = (e: JournalEvent) => e.type === 'writeup.saved' || e.type === 'writeup.accepted';
    const changed = (s: WarroomState, prev: WarroomState) =>
      s.incident?.id !== prev.incident?.id || newEvents(s.events, prev.events).some(writeupEvent) || (s.link !== prev.link && s.link.kind === 'open');
    return refreshOnChange(this.controller.store, changed, () => void this.refresh(), REFRESH_SETTLE_MS);
  }

  /** Fetches the document and brings back unsaved text kept in page storage (after a reload too). */
  async refresh(): Promise<void> {
    const id = this.incidentId;
    if (this.state.link.kind !== 'open' || !id) {
      if (!id) this.state.clearWriteup();
      return;
    }
    const ticket = ++this.ticket;
    try {
      const { sections } = await this.controller.api.request('writeup.get', {});
      if (ticket !== this.ticket || id !== this.incidentId) return;
      this.state.setWriteup(id, sections);
      this.restoreLocal(id, sections);
    } catch (err) {
      this.controller.fail('Write-up', err);
    }
  }

  private restoreLocal(id: string, sections: readonly WriteupSection[]): void {
    for (const draft of this.local.list(id)) {
      const section = sections.find((s) => s.id === draft.section);
      if (!section) continue;
      if (draft.base === section.version) {
        if (draft.text === section.text) this.local.remove(id, draft.section, draft.base);
        else this.state.setWriteupUnsaved(draft.section, draft.text);
      } else if (!this.state.writeupConflicts[draft.section]) {
        // Typed on a version someone has since replaced: offered as a conflict, never applied blind.
        this.state.setWriteupConflict(draft.section, {
          section: draft.section,
          theirs: { seq: section.version, text: section.text, ...(section.actor ? { actor: section.actor } : {}), ...(section.ts ? { ts: section.ts } : {}) },
          yours: { base: draft.base, text: draft.text },
        });
      }
    }
  }

  private section(id: SectionId): WriteupSection | undefined {
    return this.state.writeup?.sections.find((s) => s.id === id);
  }

  /** Every keystroke's text: kept in page storage under the version it is edited from. */
  edit(section: SectionId, text: string): void {
    const id = this.incidentId;
    const current = this.section(section);
    if (!id || !current) return;
    if (text === current.text) {
      this.local.remove(id, section, current.version);
      this.state.setWriteupUnsaved(section, null);
      return;
    }
    this.local.put(id, { section, base: current.version, text });
    this.state.setWriteupUnsaved(section, text);
  }

  /** Saves the section's unsaved text, edited from its current version. */
  save(section: SectionId): Promise<SaveOutcome> {
    const current = this.section(section);
    const text = this.state.writeupUnsaved[section];
    if (!current || text === undefined) return Promise.resolve('saved');
    return this.send(section, text, current.version, current.version);
  }

  /** Resolves a conflict with the text the user chose or merged, saved over their version. */
  resolve(section: SectionId, text: string): Promise<SaveOutcome> {
    const conflict = this.state.writeupConflicts[section];
    if (!conflict) return this.save(section);
    return this.send(section, text, conflict.theirs.seq, conflict.yours.base);
  }

  /** Gives up one's own text in a conflict: theirs stands. */
  keepTheirs(section: SectionId): void {
    const id = this.incidentId;
    const conflict = this.state.writeupConflicts[section];
    if (!id || !conflict) return;
    this.local.remove(id, section, conflict.yours.base);
    this.state.setWriteupConflict(section, null);
    this.state.setWriteupUnsaved(section, null);
  }

  /** `localBase` is where the text being saved is kept in page storage: removed only once saved. */
  private async send(section: SectionId, text: string, base: number | null, localBase: number | null): Promise<SaveOutcome> {
    const id = this.incidentId;
    if (!id) return 'failed';
    try {
      const reply = await this.controller.api.request('writeup.save', { section, text, base });
      if (reply.result === 'conflict') {
        this.local.put(id, { section, base: localBase, text });
        this.state.setWriteupConflict(section, reply.conflict);
        return 'conflict';
      }
      this.local.remove(id, section, localBase);
      this.state.setWriteupConflict(section, null);
      this.state.setWriteupUnsaved(section, null);
      this.state.setWriteupSection(id, reply.section);
      this.state.addEvents([reply.event]);
      return 'saved';
    } catch (err) {
      this.controller.fail(`Save ${section}`, err);
      return 'failed';
    }
  }

  /**
   * Keeps a lint finding on purpose, with the reason (a `lint.waived` event): in the saved text, or in
   * `unsaved` (the text being edited), which the Node side lints to find it. The waiver is keyed by
   * rule, words and section, so it still covers the words once the text is saved.
   */
  async waive(section: SectionId, finding: { rule: RuleId; words: string }, reason: string, unsaved?: string): Promise<boolean> {
    try {
      const input = { rule: finding.rule, words: finding.words, where: { section }, reason, ...(unsaved !== undefined ? { text: unsaved } : {}) };
      this.state.addEvents([await this.controller.api.request('writeup.waive', input)]);
      return true;
    } catch (err) {
      this.controller.fail(`Waive in ${section}`, err);
      return false;
    }
  }

  async accept(section: SectionId, version: number): Promise<void> {
    try {
      this.state.addEvents([await this.controller.api.request('writeup.accept', { section, version })]);
    } catch (err) {
      this.controller.fail(`Accept ${section}`, err);
    }
  }

  /** Fills empty sections (one, or all) with drafts from the evidence. */
  async draft(section?: SectionId): Promise<RequestOutput<'writeup.draft'> | null> {
    try {
      const out = await this.controller.api.request('writeup.draft', section ? { section } : {});
      await this.refresh();
      return out;
    } catch (err) {
      this.controller.fail('Draft', err);
      return null;
    }
  }

  async history(section: SectionId): Promise<RequestOutput<'writeup.history'> | null> {
    try {
      return await this.controller.api.request('writeup.history', { section });
    } catch (err) {
      this.controller.fail(`History of ${section}`, err);
      return null;
    }
  }

  async diff(from: number, to: number): Promise<RequestOutput<'writeup.diff'> | null> {
    try {
      return await this.controller.api.request('writeup.diff', { from, to });
    } catch (err) {
      this.controller.fail('Diff', err);
      return null;
    }
  }
}
