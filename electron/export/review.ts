/**
 * Moving the write-up through its review (shared/model/review.ts has the rules). Every check runs
 * before anything is written, so a refused change leaves the journal and the incident folder as
 * they were. Approving keeps the rendered bytes and records their hash with the journal head they
 * were rendered at; publishing writes exactly those bytes to exports/.
 */
import type { EventDraft, JournalEvent } from '../../shared/model/incident';
import type { WriteupState } from '../../shared/model/writeup';
import { foldReview, refuseTransition } from '../../shared/model/review';
import { GENESIS_HASH } from '../../shared/model/incident';
import { exportsDir } from '../core/data-layout';
import { UserError } from '../core/errors';
import { withIncident } from '../incident/session';
import { ownPrivateDir, writeFileAtomic } from '../journal/files';
import { keepApproved, publishedBytes, publishedFile, readApproved, renderWriteup } from './approved';

export interface StateChange {
  dataDir: string;
  /** The incident's journal file and id. */
  journalFile: string;
  id: string;
  actor: string;
  to: WriteupState;
  reason?: string;
}

export interface StateChanged {
  events: JournalEvent[];
  /** The published file, when the change published the write-up. */
  published?: string;
}

export async function changeWriteupState(req: StateChange): Promise<StateChanged> {
  return withIncident(req.journalFile, async ({ journal, incident }) => {
    const events = journal.events;
    const review = foldReview(events);
    const refused = refuseTransition(review, req.to, req.actor);
    if (refused) throw new UserError(refused);
    const reason = req.reason?.trim();
    const change: EventDraft = { type: 'writeup.state', actor: req.actor, data: { from: review.state, to: req.to, ...(reason ? { reason } : {}) } };

    if (req.to === 'approved') {
      const head = events.at(-1)?.hash ?? GENESIS_HASH;
      const sha256 = await keepApproved(req.dataDir, req.id, await renderWriteup(req.dataDir, incident, events));
      const approved: EventDraft = { type: 'writeup.approved', actor: req.actor, data: { sha256, head, approver: req.actor } };
      return { events: await journal.appendMany([change, approved]) };
    }
    if (req.to === 'published') {
      const approval = review.approval;
      if (!approval) throw new UserError('the write-up has no approval in force');
      const kept = await readApproved(req.dataDir, req.id, approval);
      if ('error' in kept) throw new UserError(kept.error);
      const dir = exportsDir(req.dataDir, req.id);
      await ownPrivateDir(dir);
      const file = publishedFile(dir, req.id);
      await writeFileAtomic(file, publishedBytes(req.id, approval, kept.bytes));
      return { events: [await journal.append(change)], published: file };
    }
    return { events: [await journal.append(change)] };
  });
}
