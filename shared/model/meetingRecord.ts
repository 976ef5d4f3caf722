/**
 * The post-mortem meetings as the journal tells them: who attended, each agenda step with when it
 * began and ended, the notes taken in it, and the survey answers after. One pure fold, used by the
 * service's checks, the facilitator view and the write-up export alike.
 */
import { agendaStep, type StepId } from './agenda';
import { eventData, type JournalEvent } from './incident';
import { parseAttendee } from './meeting';

export interface MeetingNote {
  seq: number;
  ts: string;
  actor: string;
  text: string;
}

export interface MeetingStep {
  step: StepId;
  title: string;
  minutes: number;
  /** When the meeting reached the step; absent if it has not (yet). */
  startedAt?: string;
  endedAt?: string;
  notes: MeetingNote[];
}

export interface SurveyAnswer {
  seq: number;
  ts: string;
  actor: string;
  blameless: number;
  factors: number;
  confidence: number;
  comment?: string;
}

export interface MeetingRecord {
  /** The `postmortem.started` event. */
  seq: number;
  startedAt: string;
  facilitator: string;
  attendees: string[];
  owner: string;
  steps: MeetingStep[];
  /** The step the meeting is in (the last one reached). */
  current: StepId;
  endedAt?: string;
  /** Latest answer per person. */
  survey: SurveyAnswer[];
}

export interface SurveySummary {
  answers: number;
  /** Mean rating per question, one decimal. */
  blameless: number;
  factors: number;
  confidence: number;
}

/** Every meeting, oldest first. A meeting runs from its `postmortem.started` to its `postmortem.ended`; survey answers go to the latest ended one. */
export function foldMeetings(events: readonly JournalEvent[]): MeetingRecord[] {
  const meetings: MeetingRecord[] = [];
  for (const e of events) {
    const last = meetings.at(-1);
    const running = last && last.endedAt === undefined ? last : undefined;
    const started = eventData(e, 'postmortem.started');
    if (started) {
      if (running) continue; // the service refuses this; a hand-edited journal cannot nest meetings
      const steps: MeetingStep[] = started.agenda.map((s) => ({ step: s.step, title: agendaStep(s.step).title, minutes: s.minutes, notes: [] }));
      if (steps[0]) steps[0].startedAt = e.ts;
      meetings.push({ seq: e.seq, startedAt: e.ts, facilitator: e.actor, attendees: started.attendees, owner: started.owner, steps, current: steps[0]!.step, survey: [] });
      continue;
    }
    const moved = eventData(e, 'postmortem.step');
    if (moved && running) {
      const from = running.steps.find((s) => s.step === moved.from);
      const to = running.steps.find((s) => s.step === moved.to);
      if (!to) continue;
      if (from && from.endedAt === undefined) from.endedAt = e.ts;
      to.startedAt ??= e.ts;
      to.endedAt = undefined;
      running.current = to.step;
      continue;
    }
    const note = eventData(e, 'postmortem.note');
    if (note && running) {
      running.steps.find((s) => s.step === note.step)?.notes.push({ seq: e.seq, ts: e.ts, actor: e.actor, text: note.text });
      continue;
    }
    if (eventData(e, 'postmortem.ended') && running) {
      running.endedAt = e.ts;
      const current = running.steps.find((s) => s.step === running.current);
      if (current && current.endedAt === undefined) current.endedAt = e.ts;
      continue;
    }
    const answer = eventData(e, 'postmortem.survey');
    if (answer && last?.endedAt !== undefined) {
      last.survey = [...last.survey.filter((a) => a.actor !== e.actor), { seq: e.seq, ts: e.ts, actor: e.actor, ...answer }];
    }
  }
  return meetings;
}

/** How long a step took (absent when it never began); a running step counts up to `now`. */
export function stepDurationMs(step: MeetingStep, now?: number): number | undefined {
  if (!step.startedAt) return undefined;
  const end = step.endedAt ? Date.parse(step.endedAt) : now;
  return end === undefined ? undefined : end - Date.parse(step.startedAt);
}

export function summarizeSurvey(answers: readonly SurveyAnswer[]): SurveySummary | undefined {
  if (answers.length === 0) return undefined;
  const mean = (k: 'blameless' | 'factors' | 'confidence') => Math.round((answers.reduce((n, a) => n + a[k], 0) / answers.length) * 10) / 10;
  return { answers: answers.length, blameless: mean('blameless'), factors: mean('factors'), confidence: mean('confidence') };
}

/**
 * Whether two ways of naming a person name the same one: `alice`, `Alice <alice@example.com>` and
 * `alice@example.com` all do (same name, same address, or a bare name equal to the address's local part).
 */
export function samePerson(a: string, b: string): boolean {
  const keys = (text: string): Set<string> => {
    const t = text.trim().toLowerCase();
    const parsed = parseAttendee(t);
    const out = new Set([t]);
    if (parsed?.name) out.add(parsed.name);
    if (parsed) {
      out.add(parsed.email);
      out.add(parsed.email.split('@')[0]!);
    }
    return out;
  };
  const ka = keys(a);
  return [...keys(b)].some((k) => ka.has(k));
}

/** Whether `who` is among the attendees. */
export function attended(attendees: readonly string[], who: string): boolean {
  return attendees.some((a) => samePerson(a, who));
}
