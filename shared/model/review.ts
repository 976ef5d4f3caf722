/**
 * The write-up's review lifecycle, folded from the journal: draft → in review → approved →
 * published, and back to draft when reopened. One pure fold and one transition check, used by the
 * CLI and the window alike.
 *
 * Authors are the actors of `writeup.saved` events a person wrote (origin `person`). The declarer
 * is not counted: declaring an incident is not writing its write-up, and the commander who declared
 * is often the right person to approve it. Accepting a generated draft is not authorship either.
 */
import { z } from 'zod';
import { eventData, type JournalEvent } from './incident';
import { WriteupState } from './writeup';

/** How each state reads to a person. */
export const WRITEUP_STATE_LABELS: Record<WriteupState, string> = {
  draft: 'draft',
  'in-review': 'in review',
  approved: 'approved',
  published: 'published',
};

/** The changes allowed from each state; everything else is refused with the reason. */
const NEXT: Record<WriteupState, readonly WriteupState[]> = {
  draft: ['in-review'],
  'in-review': ['approved', 'draft'],
  approved: ['published', 'draft'],
  published: ['draft'],
};

/** A `writeup.approved` event as folded: what was approved (rendered sha256, journal head) and by whom. */
export const Approval = z.object({
  seq: z.number().int().positive(),
  ts: z.string(),
  sha256: z.string(),
  head: z.string(),
  approver: z.string(),
});
export type Approval = z.infer<typeof Approval>;

export const ReviewStatus = z.object({
  state: WriteupState,
  /** The `writeup.state` event that set the state; absent while it is the initial draft. */
  since: z.object({ seq: z.number().int().positive(), ts: z.string(), actor: z.string(), reason: z.string().optional() }).optional(),
  /** The approval in force: set on approval, cleared when the write-up is reopened. */
  approval: Approval.optional(),
  /** The latest approval ever recorded, even a withdrawn one (verify explains why a file no longer counts). */
  lastApproval: Approval.optional(),
  /** Who wrote the write-up (see the rule above). */
  authors: z.array(z.string()),
});
export type ReviewStatus = z.infer<typeof ReviewStatus>;

export function foldReview(events: readonly JournalEvent[]): ReviewStatus {
  const status: ReviewStatus = { state: 'draft', authors: [] };
  for (const e of events) applyReview(status, e);
  return status;
}

/** One event into the review status (the fold kept open, as the Node side keeps it: shared/model/panelFolds.ts). */
export function applyReview(status: ReviewStatus, e: JournalEvent): void {
  const saved = eventData(e, 'writeup.saved');
  if (saved?.origin === 'person' && !status.authors.includes(e.actor)) status.authors.push(e.actor);
  const change = eventData(e, 'writeup.state');
  if (change) {
    status.state = change.to;
    status.since = { seq: e.seq, ts: e.ts, actor: e.actor, ...(change.reason ? { reason: change.reason } : {}) };
    if (change.to === 'draft') delete status.approval;
  }
  const approved = eventData(e, 'writeup.approved');
  if (approved) {
    status.approval = { seq: e.seq, ts: e.ts, ...approved };
    status.lastApproval = status.approval;
  }
}

/**
 * Why `actor` may not move the write-up to `to`, or undefined when the change is allowed. Approval
 * additionally needs an approver who is not an author.
 */
export function refuseTransition(review: ReviewStatus, to: WriteupState, actor: string): string | undefined {
  const from = review.state;
  const label = WRITEUP_STATE_LABELS;
  if (from === to) return `the write-up is already ${label[to]}`;
  if (!NEXT[from].includes(to)) {
    const why: Partial<Record<WriteupState, string>> = {
      'in-review': 'only a draft goes to review',
      approved: 'only a write-up in review can be approved',
      published: 'only an approved write-up can be published',
    };
    return `cannot make a ${label[from]} write-up ${label[to]}: ${why[to] ?? 'not allowed'} (draft → in review → approved → published)`;
  }
  if (to === 'approved' && review.authors.includes(actor)) {
    return `${actor} cannot approve: they wrote part of the write-up (authors: ${review.authors.join(', ')}); someone who did not write it must approve`;
  }
  return undefined;
}
