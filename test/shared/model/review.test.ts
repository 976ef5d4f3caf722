import { describe, expect, it } from 'vitest';
import { foldReview, refuseTransition } from '../../../shared/model/review';
import type { EventDraft, JournalEvent } from '../../../shared/model/incident';

let seq = 0;
const ev = (d: EventDraft): JournalEvent => ({ seq: ++seq, ts: `2026-11-30T10:00:${String(seq).padStart(2, '0')}.000Z`, type: d.type, actor: d.actor, data: d.data as Record<string, unknown>, prev: '0'.repeat(64), hash: String(seq % 10).repeat(64) });
const state = (from: 'draft' | 'in-review' | 'approved' | 'published', to: typeof from, actor = 'carol') => ev({ type: 'writeup.state', actor, data: { from, to } });

describe('the write-up review fold', () => {
  it('starts as a draft whose authors are the people who saved sections (not drafts, not the declarer)', () => {
    const r = foldReview([
      ev({ type: 'incident.declared', actor: 'dan', data: { id: 'I', title: 't', severity: 'SEV2', commander: 'dan' } }),
      ev({ type: 'writeup.saved', actor: 'alice', data: { section: 'summary', text: 'x', base: null, origin: 'person' } }),
      ev({ type: 'writeup.saved', actor: 'warroom', data: { section: 'impact', text: 'y', base: null, origin: 'draft' } }),
    ]);
    expect(r).toEqual({ state: 'draft', authors: ['alice'] });
    expect(refuseTransition(r, 'in-review', 'alice')).toBeUndefined();
  });

  it('refuses changes out of order, naming what is allowed', () => {
    const draft = foldReview([]);
    expect(refuseTransition(draft, 'published', 'bob')).toBe('cannot make a draft write-up published: only an approved write-up can be published (draft → in review → approved → published)');
    expect(refuseTransition(draft, 'approved', 'bob')).toMatch(/only a write-up in review can be approved/);
    expect(refuseTransition(draft, 'draft', 'bob')).toBe('the write-up is already draft');
    const review = foldReview([state('draft', 'in-review')]);
    expect(refuseTransition(review, 'published', 'bob')).toMatch(/cannot make a in review write-up published/);
    expect(refuseTransition(review, 'in-review', 'bob')).toBe('the write-up is already in review');
    expect(refuseTransition(review, 'draft', 'bob')).toBeUndefined();
  });

  it('refuses an author as approver and keeps the approval until the write-up is reopened', () => {
    const events = [
      ev({ type: 'writeup.saved', actor: 'alice', data: { section: 'summary', text: 'x', base: null, origin: 'person' } }),
      state('draft', 'in-review', 'alice'),
    ];
    expect(refuseTransition(foldReview(events), 'approved', 'alice')).toMatch(/^alice cannot approve: they wrote part of the write-up \(authors: alice\)/);
    expect(refuseTransition(foldReview(events), 'approved', 'bob')).toBeUndefined();
    events.push(state('in-review', 'approved', 'bob'), ev({ type: 'writeup.approved', actor: 'bob', data: { sha256: 'a'.repeat(64), head: 'b'.repeat(64), approver: 'bob' } }));
    const approved = foldReview(events);
    expect(approved).toMatchObject({ state: 'approved', approval: { seq: events[3]!.seq, approver: 'bob', sha256: 'a'.repeat(64), head: 'b'.repeat(64) } });
    events.push(state('approved', 'draft', 'alice'));
    const reopened = foldReview(events);
    expect(reopened.state).toBe('draft');
    expect(reopened.approval).toBeUndefined();
    expect(reopened.lastApproval?.sha256).toBe('a'.repeat(64));
  });
});
