/**
 * The active incident as the app holds it: its journal open and watched (so `warroom log` from
 * another terminal shows up live), the pointer other processes move followed, events recorded
 * before any declaration held and flushed into the first one, and the journal re-verified in the
 * background. IncidentService (service.ts) adds what a person does to the incident.
 */
import type { EventDraft, Incident, IncidentDetails, JournalEvent, JournalIntegrity } from '../../shared/model/incident';
import { Journal } from '../journal/journal';
import { UserError } from '../core/errors';
import { INCIDENT_TYPES, applyEvent, foldIncidentOf, materiallyDiffers } from './fold';
import { STATE_TYPES, applyToState, foldState, type IncidentState } from './state';
import { toDetails } from './details';
import { SUGGESTION_TYPES } from './milestones';
import { saveRunOutputs, type SavedFile } from './evidence-files';
import { IncidentStore } from './store';

/** What adopting an incident folds: the incident's and its state's event types. */
const FOLDED_TYPES: ReadonlySet<string> = new Set([...INCIDENT_TYPES, ...STATE_TYPES]);

/** Drafts recorded before any incident exists are kept up to this many, oldest dropped first. */
export const MAX_HELD = 10_000;

export interface Open {
  journal: Journal;
  incident: Incident;
  state: IncidentState;
  integrity: JournalIntegrity;
  unsubscribe: () => void;
}

export class ActiveIncident {
  readonly store: IncidentStore;
  /** Problems met while opening (e.g. the active incident's journal is damaged), for the window to show. */
  readonly warnings: string[] = [];
  protected current: Open | null = null;
  private held: Array<{ draft: EventDraft; at: Date }> = [];
  private droppedHeld = 0;
  private readonly eventListeners = new Set<(e: JournalEvent) => void>();
  private readonly incidentListeners = new Set<(i: Incident | null) => void>();
  private readonly integrityListeners = new Set<(i: JournalIntegrity) => void>();
  private timer: NodeJS.Timeout | undefined;
  private switching: Promise<unknown> = Promise.resolve();
  private closed = false;

  protected constructor(
    readonly dataDir: string,
    readonly actor: string,
    protected readonly pollMs: number,
  ) {
    this.store = new IncidentStore(dataDir);
  }

  /** Opens the incident the pointer names (a damaged one is a warning, not a failure) and starts following the pointer. */
  protected async follow(): Promise<void> {
    const id = await this.store.activeId();
    if (id) {
      try {
        await this.switchTo(id);
      } catch (err) {
        this.warnings.push(`could not open the active incident ${id}: ${err instanceof Error ? err.message : String(err)}`);
      }
    }
    this.timer = setInterval(() => void this.followActivePointer(), this.pollMs);
    this.timer.unref();
  }

  /** The active incident's header alone, for callers that need no events (no copy of 100,000 of them). */
  activeIncident(): Incident | null {
    return this.current?.incident ?? null;
  }

  /** The active incident's events as the journal holds them, read-only and not copied. */
  activeEvents(): readonly JournalEvent[] {
    return this.current?.journal.events ?? [];
  }

  /** The active incident with its events, or only the newest `tail` of them (`total` counts them all). */
  active(tail?: number): { incident: Incident | null; events: JournalEvent[]; integrity: JournalIntegrity | null; total: number } {
    if (!this.current) return { incident: null, events: [], integrity: null, total: 0 };
    const journal = this.current.journal;
    const total = journal.count;
    // Only the tail is parsed: a journal opened from a checkpoint reads the rest when asked.
    const events = tail === undefined ? [...journal.events] : journal.slice(Math.max(0, total - tail));
    return { incident: this.current.incident, events, integrity: this.current.integrity, total };
  }

  /** Up to `limit` events of the active incident with seq below `before`, the newest of them, oldest first. */
  timelinePage(id: string, before: number, limit: number): JournalEvent[] {
    if (!this.current || this.current.incident.id !== id) throw new UserError(`incident ${id} is not the active incident any more`);
    // The event with seq s sits at index s - 1 (the chain numbers them from 1 without gaps).
    const end = Math.min(Math.max(0, before - 1), this.current.journal.count);
    return this.current.journal.slice(Math.max(0, end - limit), end);
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
    if (!this.current) return null;
    const journal = this.current.journal;
    // Only the events suggestions come from are parsed, and a detection marker's target.
    const bySeq = (seq: number) => (seq >= 1 && seq <= journal.count ? journal.slice(seq - 1, seq)[0] : undefined);
    return toDetails(this.current.state, journal.ofTypes(SUGGESTION_TYPES), bySeq);
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

  protected requireJournal(): Journal {
    return this.requireOpen().journal;
  }

  protected requireOpen(): Open {
    if (!this.current) throw new UserError('no active incident: declare one first');
    return this.current;
  }

  protected async act(draft: (open: Open) => EventDraft): Promise<JournalEvent> {
    const open = this.requireOpen();
    // Catch up first so checks (e.g. "already resolved") see what other processes recorded.
    await open.journal.refresh();
    return open.journal.append(draft(open));
  }

  protected async flushHeld(): Promise<void> {
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

  protected switchTo(id: string): Promise<void> {
    return this.serially(async () => {
      if (this.closed || this.current?.incident.id === id) return;
      const journal = await Journal.open(this.store.journalFile(id), { watch: true, pollMs: this.pollMs });
      await this.adopt(id, journal);
      await this.flushHeld();
    });
  }

  /** Declaring and following the pointer both change the active incident: one at a time. */
  protected serially(work: () => Promise<void>): Promise<void> {
    const run = this.switching.then(work);
    this.switching = run.catch(() => undefined);
    return run;
  }

  protected async adopt(id: string, journal: Journal): Promise<void> {
    // Only the events that change the incident or its state are parsed (fold.ts, state.ts).
    const typed = journal.ofTypes(FOLDED_TYPES);
    const incident = foldIncidentOf(typed.filter((e) => INCIDENT_TYPES.has(e.type)), journal.count);
    if (!incident || incident.id !== id) {
      await journal.close();
      throw new Error(`${journal.file}: does not declare incident ${id}`);
    }
    const previous = this.current;
    const integrity: JournalIntegrity = { incidentId: id, state: journal.trustedSeq > 0 ? 'verifying' : 'verified' };
    if (journal.checkpointWarning) this.warnings.push(journal.checkpointWarning);
    const open: Open = { journal, incident, state: foldState(typed.filter((e) => STATE_TYPES.has(e.type))), integrity, unsubscribe: () => undefined };
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
