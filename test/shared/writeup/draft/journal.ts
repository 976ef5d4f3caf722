/** Hand-built journals for the draft tests: events numbered as a journal numbers them, folded as the Node side folds them. */
import { toDetails } from '../../../../electron/incident/details';
import { foldState } from '../../../../electron/incident/state';
import type { EventDataOf, EventType, IncidentDetails, JournalEvent } from '../../../../shared/model/incident';
import { citedSeqs } from '../../../../shared/writeup/draft';

export class HandJournal {
  readonly events: JournalEvent[] = [];

  /** Appends an event at `ts` ("00:10:00" on 2026-11-30, or a full ISO moment); returns its seq. */
  add<T extends EventType>(ts: string, type: T, data: EventDataOf<T>, actor = 'alice'): number {
    const seq = this.events.length + 1;
    const iso = ts.includes('T') ? ts : `2026-11-30T${ts}.000Z`;
    this.events.push({ seq, ts: iso, type, actor, data: data as Record<string, unknown>, prev: '0'.repeat(64), hash: '1'.repeat(64) });
    return seq;
  }

  get details(): IncidentDetails {
    return toDetails(foldState(this.events), this.events);
  }
}

export const at = (time: string) => `2026-11-30T${time}.000Z`;

/** Every seq a draft cites is an event of the journal. */
export function citesExisting(draft: string, events: readonly JournalEvent[]): boolean {
  const seqs = new Set(events.map((e) => e.seq));
  return citedSeqs(draft).every((s) => seqs.has(s));
}
