import { describe, expect, it } from 'vitest';
import type { IncidentDetails } from '../../../shared/model/incident';
import { indexAnnotations } from '../../../renderer/store/eventAnnotations';
import { createWarroomStore } from '../../../renderer/store';

const TS = '2026-11-25T23:59:59.000Z';
function details(over: Partial<IncidentDetails> = {}): IncidentDetails {
  return {
    roles: { commander: ['ops'], deputy: [], scribe: [], communications: [], sme: [] },
    handoffs: [],
    statusChanges: [],
    milestones: [],
    milestoneProblems: [],
    clocks: {},
    suggestions: [],
    markers: [],
    pinned: [],
    edits: [],
    redactions: [],
    attachments: [],
    ...over,
  };
}

describe('event annotations', () => {
  it('gather pins, markers, edits, redactions and attachments under the event they point at', () => {
    const index = indexAnnotations(
      details({
        pinned: [4],
        markers: [{ seq: 4, markers: ['diagnosis', 'key-moment'] }, { seq: 9, markers: [] }],
        edits: [
          { ref: 4, seq: 10, ts: TS, actor: 'ops', text: 'first fix' },
          { ref: 4, seq: 12, ts: TS, actor: 'ops', text: 'second fix', reason: 'typo' },
        ],
        redactions: [{ ref: 5, seq: 11, ts: TS, actor: 'ops', reason: 'secret' }],
        attachments: [
          { seq: 13, ts: TS, name: 'graph.png', file: 'attachments/graph.png', bytes: 3, sha256: 'b'.repeat(64), ref: 4 },
          { seq: 14, ts: TS, name: 'loose.txt', file: 'attachments/loose.txt', bytes: 1, sha256: 'c'.repeat(64) },
        ],
      }),
    );
    expect(Object.keys(index).map(Number).sort((a, b) => a - b)).toEqual([4, 5]);
    expect(index[4]!.pinned).toBe(true);
    expect(index[4]!.markers).toEqual(['diagnosis', 'key-moment']);
    expect(index[4]!.edits.map((e) => e.text)).toEqual(['first fix', 'second fix']);
    expect(index[4]!.attachments.map((a) => a.name)).toEqual(['graph.png']);
    expect(index[5]!).toMatchObject({ pinned: false, markers: [], redactions: [{ reason: 'secret' }] });
    expect(indexAnnotations(null)).toEqual({});
  });

  it('keep an unchanged entry as the same object, so only changed rows re-render', () => {
    const first = indexAnnotations(details({ pinned: [4, 7] }));
    const second = indexAnnotations(details({ pinned: [4, 7], markers: [{ seq: 7, markers: ['repair'] }] }), first);
    expect(second[4]).toBe(first[4]);
    expect(second[7]).not.toBe(first[7]);
    expect(second[7]!.markers).toEqual(['repair']);
  });

  it('never carry one incident’s annotations over to another incident with the same seqs', () => {
    const store = createWarroomStore();
    store.getState().setDetails('inc-a', details({ pinned: [4] }));
    const fromA = store.getState().annotations[4];
    store.getState().setDetails('inc-b', details({ pinned: [4] }));
    expect(store.getState().annotations[4]).toEqual(fromA);
    expect(store.getState().annotations[4]).not.toBe(fromA);
  });
});
