import type { WarroomApi } from '../../shared/contract';
import type { JournalEvent } from '../../shared/model/incident';
import { positionOf } from '../format/timelineIndex';
import type { WarroomStore } from '../store';

/**
 * The newest events the window asks for first: enough to fill the timeline several times over,
 * small enough to arrive, be checked and drawn within the 1 s the open has (the next page follows).
 */
export const FIRST_PAGE = 200;
/** Older events come in pages of this many (about 3 MB of JSON at most), one page per turn of the event loop. */
export const OLDER_PAGE = 10_000;
/** Events fetched on each side of a cited event that is not loaded yet. */
export const AROUND = 50;

/** Performance marks of the latest open (test/bench/timeline.ts reads them). */
export const OPEN_MARKS = { request: 'warroom:timeline-request', reply: 'warroom:timeline-reply' } as const;

/**
 * Brings the active incident's journal into the store newest page first, then the older pages in
 * the background, so a 100,000-event timeline shows within a second and no reply nears the
 * socket's limits. Live events (timeline.append) merge in meanwhile; a cited `#seq` not loaded yet
 * is fetched with its neighbours at once. A newer open (another incident, a reload) ends the
 * older loop.
 */
export class TimelinePages {
  private generation = 0;

  constructor(
    private readonly api: WarroomApi,
    private readonly store: WarroomStore,
    private readonly fail: (what: string, err: unknown) => void,
  ) {}

  /** Fetches the active incident and its newest page, then starts the older pages (not awaited). */
  async open(): Promise<void> {
    const generation = ++this.generation;
    // Marks for the bench: what the timeline's open costs, apart from the window's start-up.
    performance.mark(OPEN_MARKS.request);
    const { incident, events, integrity, total, folds } = await this.api.request('incident.active', { tail: FIRST_PAGE });
    performance.mark(OPEN_MARKS.reply);
    if (generation !== this.generation) return;
    const olderThan = events.length < total ? (events[0]?.seq ?? null) : null;
    this.store.getState().setIncident(incident, events, olderThan);
    // The panels read the Node side's folds until the older pages are here (renderer/app/usePanelFold.ts).
    this.store.getState().setPanelFolds(incident?.id ?? null, folds ?? null);
    this.store.getState().setIntegrity(integrity);
    if (incident && this.store.getState().olderThan !== null) void this.older(generation, incident.id);
  }

  /** The event with this seq, fetched with its neighbours when it is not in the store yet (a cite link to an old event). */
  async reveal(seq: number): Promise<void> {
    const { incident, olderThan, events } = this.store.getState();
    if (!incident || olderThan === null || seq >= olderThan || has(events, seq)) return;
    try {
      const page = await this.api.request('timeline.page', { incident: incident.id, before: seq + AROUND + 1, limit: 2 * AROUND + 1 });
      if (this.store.getState().incident?.id === incident.id) this.store.getState().addOlder(page.events, this.store.getState().olderThan);
    } catch (err) {
      this.fail('Timeline', err);
    }
  }

  private async older(generation: number, id: string): Promise<void> {
    try {
      for (;;) {
        // One page per turn: the window paints and answers keys between pages.
        await new Promise((resolve) => setTimeout(resolve, 0));
        const before = this.store.getState().olderThan;
        if (generation !== this.generation || before === null || this.store.getState().incident?.id !== id) return;
        const { events } = await this.api.request('timeline.page', { incident: id, before, limit: OLDER_PAGE });
        if (generation !== this.generation || this.store.getState().incident?.id !== id) return;
        this.store.getState().addOlder(events, events.length < OLDER_PAGE ? null : (events[0] as JournalEvent).seq);
      }
    } catch (err) {
      if (generation === this.generation && this.store.getState().incident?.id === id) this.fail('Timeline', err);
    }
  }
}

/** Whether the seq-ordered `events` hold `seq`. */
export function has(events: readonly JournalEvent[], seq: number): boolean {
  return positionOf(events, seq) !== -1;
}
