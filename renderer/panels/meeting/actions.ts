import type { RequestInput } from '../../../shared/contract';
import type { JournalEvent } from '../../../shared/model/incident';
import type { ReplayCast } from '../../../shared/model/replay';
import type { Controller } from '../../app/controller';

/** How long before a key moment a replay starts, and how long after it runs. */
export const REPLAY_BEFORE_MS = 10_000;
export const REPLAY_AFTER_MS = 5 * 60_000;

/**
 * The post-mortem meeting's actions (`controller.meeting`): the meeting's changes (start, move on,
 * note, end, survey) and replays of the recordings. The meeting's state is folded from the timeline
 * (shared/model/meetingRecord.ts), so a change shows once its event arrives. Failures become error
 * lines; a refused change returns undefined so a form can keep what was typed.
 */
export class MeetingActions {
  constructor(private readonly controller: Controller) {}

  async change(input: RequestInput<'meeting.change'>): Promise<JournalEvent | undefined> {
    try {
      const event = await this.controller.api.request('meeting.change', input);
      this.controller.store.getState().addEvents([event]);
      return event;
    } catch (err) {
      this.controller.fail('Post-mortem meeting', err);
      return undefined;
    }
  }

  async replay(at: string): Promise<ReplayCast[] | undefined> {
    try {
      const { casts } = await this.controller.api.request('replay.casts', { at, beforeMs: REPLAY_BEFORE_MS, afterMs: REPLAY_AFTER_MS });
      return casts;
    } catch (err) {
      this.controller.fail('Replay', err);
      return undefined;
    }
  }
}
