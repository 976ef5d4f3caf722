import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { annotationsOf, foldAnnotations, markWords } from '../../../shared/model/annotations';
import { MarkerKind, type EventDraft, type JournalEvent } from '../../../shared/model/incident';
import { foldState } from '../../../electron/incident/state';
import { toDetails } from '../../../electron/incident/details';

const HASH = 'd'.repeat(64);
const toEvents = (drafts: EventDraft[]): JournalEvent[] =>
  drafts.map((d, i) => ({ seq: i + 1, ts: new Date(Date.UTC(2026, 10, 25, 10, 0, i)).toISOString(), type: d.type, actor: d.actor, data: d.data, prev: HASH, hash: HASH }));

const ref = fc.integer({ min: 1, max: 4 });
const draft: fc.Arbitrary<EventDraft> = fc.oneof(
  fc.record({ type: fc.constant('note' as const), actor: fc.constant('ops'), data: fc.record({ text: fc.string({ minLength: 1 }) }) }),
  fc.record({ type: fc.constant('marker' as const), actor: fc.constant('ops'), data: fc.record({ ref, marker: fc.constantFrom(...MarkerKind.options), on: fc.boolean() }) }),
  fc.record({ type: fc.constant('pin' as const), actor: fc.constant('ops'), data: fc.record({ ref, pinned: fc.boolean() }) }),
  fc.record({ type: fc.constant('event.edited' as const), actor: fc.constant('bob'), data: fc.record({ ref, text: fc.string({ minLength: 1 }) }) }),
  fc.record({ type: fc.constant('event.redacted' as const), actor: fc.constant('eve'), data: fc.record({ ref, reason: fc.string({ minLength: 1 }) }) }),
);

describe('annotations', () => {
  it('fold to the last word on each event', () => {
    const a = foldAnnotations(
      toEvents([
        { type: 'marker', actor: 'ops', data: { ref: 1, marker: 'repair', on: true } },
        { type: 'marker', actor: 'ops', data: { ref: 1, marker: 'detection', on: true } },
        { type: 'marker', actor: 'ops', data: { ref: 1, marker: 'repair', on: false } },
        { type: 'marker', actor: 'ops', data: { ref: 2, marker: 'repair', on: true } },
        { type: 'marker', actor: 'ops', data: { ref: 2, marker: 'repair', on: false } },
        { type: 'pin', actor: 'ops', data: { ref: 1, pinned: true } },
        { type: 'event.edited', actor: 'ops', data: { ref: 3, text: 'first' } },
        { type: 'event.edited', actor: 'ops', data: { ref: 3, text: 'second', reason: 'typo' } },
      ]),
    );
    expect(markWords(a, 1)).toEqual(['pinned', 'detection']);
    expect(a.markers.has(2)).toBe(false);
    expect(a.edits.get(3)?.map((e) => e.text)).toEqual(['first', 'second']);
  });

  it('read back from IncidentDetails (what the window gets) equal the fold of the journal', () => {
    fc.assert(
      fc.property(fc.array(draft, { maxLength: 30 }), (drafts) => {
        const events = toEvents(drafts);
        expect(annotationsOf(toDetails(foldState(events), events))).toEqual(foldAnnotations(events));
      }),
    );
  });
});
