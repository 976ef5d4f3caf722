/**
 * Drafts of the write-up's sections, built from the journal and nothing else (design.md: "drafts
 * are built from evidence and cite it"). Every statement is a fixed sentence filled from events and
 * ends with the `#seq` of the events it rests on; text from people and hosts is escaped Markdown.
 * A section with no evidence has no draft (null), never a placeholder: contributing factors, what
 * went well or wrong, luck and messages are for people to write. Pure: no Node, no clock (an open
 * incident's spans run to `now`, given or the last event's time).
 */
import type { JournalEvent } from '../../model/incident';
import { SectionId } from '../../model/writeup';
import { detection } from './detection';
import { gatherEvidence, type DraftOptions, type Evidence } from './evidence';
import { impact } from './impact';
import { recovery } from './recovery';
import { response } from './response';
import { summary } from './summary';
import { supporting } from './supporting';
import { timeline } from './timeline';
import { trigger } from './trigger';

export type { DraftOptions } from './evidence';
export { citations as citedSeqs } from '../document';

const DRAFTERS: { readonly [S in SectionId]: ((ev: Evidence) => string | null) | null } = {
  summary,
  impact,
  trigger,
  detection,
  response,
  recovery,
  timeline,
  factors: null,
  'went-well': null,
  'went-wrong': null,
  lucky: null,
  actions: null,
  messages: null,
  supporting,
};

/** One section's draft, or null when the journal holds no evidence for it. */
export function draftSection(id: SectionId, events: readonly JournalEvent[], opts: DraftOptions): string | null {
  const drafter = DRAFTERS[id];
  return drafter ? drafter(gatherEvidence(events, opts)) : null;
}

/** Every section's draft (in document order) from one pass over the journal. */
export function draftAll(events: readonly JournalEvent[], opts: DraftOptions): Record<SectionId, string | null> {
  const ev = gatherEvidence(events, opts);
  return Object.fromEntries(SectionId.options.map((id) => [id, DRAFTERS[id]?.(ev) ?? null])) as Record<SectionId, string | null>;
}
