/**
 * Running the post-mortem meeting: start (attendees, owner, the agenda with its timeboxes), move on
 * to the next step, notes tied to the current step, end, and the survey after. The CLI
 * (`warroom postmortem start|step|note|end|survey`) and the window call these same functions on the
 * incident's journal. Each check runs again under the journal's lock (Journal.append's `check`),
 * so two facilitators clicking "move on" at once move the meeting one step, not two.
 */
import { AGENDA, nextStep, agendaStep, type StepId } from '../../shared/model/agenda';
import { eventData, type EventDraft, type JournalEvent } from '../../shared/model/incident';
import { foldMeetings, type MeetingRecord } from '../../shared/model/meetingRecord';
import { UserError } from '../core/errors';
import { Journal } from '../journal/journal';
import { notDeclared } from './fold';

export interface MeetingTarget {
  /** The incident's journal file. */
  journalFile: string;
  actor: string;
}

export type MeetingChange =
  | { kind: 'start'; attendees?: readonly string[]; owner: string }
  | { kind: 'step'; /** The step the caller saw; refused if the meeting has moved on since. */ from?: StepId }
  | { kind: 'note'; text: string; step?: StepId }
  | { kind: 'end' }
  | { kind: 'survey'; blameless: number; factors: number; confidence: number; comment?: string };

const MAX_ATTENDEES = 200;

/** Records one change to the meeting; a refused change writes nothing and names why. */
export async function changeMeeting(target: MeetingTarget, change: MeetingChange): Promise<JournalEvent> {
  const journal = await Journal.open(target.journalFile);
  try {
    await journal.refresh();
    const draft = draftChange(journal.events, target.actor, change, journal.file);
    // The same decision again under the lock, against whatever other writers added meanwhile.
    const check = (events: readonly JournalEvent[], earlier: readonly JournalEvent[]) => {
      const again = draftChange([...events, ...earlier], target.actor, change);
      if (JSON.stringify(again.data) !== JSON.stringify(draft.data)) throw new UserError('the meeting changed while this was being recorded; look again and retry');
    };
    return await journal.append(draft, { check });
  } finally {
    await journal.close();
  }
}

/** The event a change would record, or a UserError naming why it is refused. Pure over the journal. */
export function draftChange(events: readonly JournalEvent[], actor: string, change: MeetingChange, file?: string): EventDraft {
  if (!events.some((e) => e.type === 'incident.declared')) throw notDeclared(file);
  const meetings = foldMeetings(events);
  const last = meetings.at(-1);
  const running = last && last.endedAt === undefined ? last : undefined;
  switch (change.kind) {
    case 'start': {
      if (running) throw new UserError(`a post-mortem meeting is already running (started #${running.seq} at ${running.startedAt}); end it first`);
      const attendees = cleanAttendees(change.attendees ?? scheduledAttendees(events));
      const owner = change.owner.trim();
      if (!owner) throw new UserError('--owner: name the write-up owner');
      if (owner.length > 300 || /[\u0000-\u001f\u007f]/.test(owner)) throw new UserError('--owner: at most 300 characters, no control characters');
      return { type: 'postmortem.started', actor, data: { attendees, owner, agenda: AGENDA.map((s) => ({ step: s.step, minutes: s.minutes })) } };
    }
    case 'step': {
      const m = requireRunning(running);
      if (change.from !== undefined && change.from !== m.current) {
        throw new UserError(`the meeting is at "${agendaStep(m.current).title}", not "${agendaStep(change.from).title}": someone moved on already`);
      }
      const to = nextStep(m.steps, m.current);
      if (!to) throw new UserError(`"${agendaStep(m.current).title}" is the last step: end the meeting instead`);
      return { type: 'postmortem.step', actor, data: { from: m.current, to } };
    }
    case 'note': {
      const m = requireRunning(running);
      const text = change.text.trim();
      if (!text) throw new UserError('a meeting note needs some text');
      const step = change.step ?? m.current;
      const reached = m.steps.find((s) => s.step === step);
      if (!reached) throw new UserError(`unknown agenda step ${JSON.stringify(step)}: one of ${m.steps.map((s) => s.step).join(', ')}`);
      if (!reached.startedAt) throw new UserError(`the meeting has not reached "${reached.title}" yet`);
      return { type: 'postmortem.note', actor, data: { step, text } };
    }
    case 'end': {
      const m = requireRunning(running);
      return { type: 'postmortem.ended', actor, data: { step: m.current } };
    }
    case 'survey': {
      if (!last) throw new UserError('no post-mortem meeting has been held: the survey comes after it');
      if (running) throw new UserError('the meeting is still running: end it, then answer the survey');
      const ratings = { blameless: change.blameless, factors: change.factors, confidence: change.confidence };
      for (const [k, v] of Object.entries(ratings)) if (!Number.isInteger(v) || v < 1 || v > 5) throw new UserError(`--${k} ${String(v)}: a rating is a whole number from 1 (not at all) to 5 (fully)`);
      const comment = change.comment?.trim();
      if (comment && comment.length > 2000) throw new UserError(`--comment: at most 2000 characters (this one has ${comment.length})`);
      return { type: 'postmortem.survey', actor, data: { ...ratings, ...(comment ? { comment } : {}) } };
    }
  }
}

function requireRunning(m: MeetingRecord | undefined): MeetingRecord {
  if (!m) throw new UserError('no post-mortem meeting is running: start one first (`warroom postmortem start`)');
  return m;
}

/** Who was invited to the latest scheduled meeting: the default attendance. */
function scheduledAttendees(events: readonly JournalEvent[]): string[] {
  for (let i = events.length - 1; i >= 0; i--) {
    const scheduled = eventData(events[i]!, 'postmortem.scheduled');
    if (scheduled) return scheduled.attendees;
  }
  throw new UserError('no attendees given and no meeting was scheduled (`warroom postmortem schedule`) to take them from: give --attendees a,b,...');
}

function cleanAttendees(list: readonly string[]): string[] {
  const out = [...new Set(list.map((a) => a.trim()).filter(Boolean))];
  if (out.length === 0) throw new UserError('--attendees: nobody attended');
  if (out.length > MAX_ATTENDEES) throw new UserError(`--attendees: at most ${MAX_ATTENDEES} (${out.length} given)`);
  const bad = out.find((a) => a.length > 300 || /[\u0000-\u001f\u007f]/.test(a));
  if (bad !== undefined) throw new UserError(`--attendees: ${JSON.stringify(bad.slice(0, 60))} is longer than 300 characters or holds control characters`);
  return out;
}

