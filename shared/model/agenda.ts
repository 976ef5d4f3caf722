/**
 * The post-mortem meeting's agenda, after PagerDuty's post-mortem meeting guide: a blameless
 * reminder, the walk through the timeline, contributing factors, what went well and what did not,
 * the action items, the external message, and a wrap-up. Each step has a timebox; the facilitator
 * moves on when it runs out (or earlier). Pure, so the CLI, the window and the exports agree.
 */
import { z } from 'zod';

export const StepId = z.enum(['intro', 'timeline', 'factors', 'went-well', 'actions', 'message', 'wrap-up']);
export type StepId = z.infer<typeof StepId>;

export interface AgendaStepDef {
  step: StepId;
  title: string;
  /** What the facilitator says or asks in this step. */
  prompt: string;
  /** The timebox, in whole minutes. */
  minutes: number;
}

/** The default agenda for a 60-minute meeting. */
export const AGENDA: readonly AgendaStepDef[] = [
  { step: 'intro', title: 'Intro and blameless reminder', prompt: 'We are here to learn how the system let this happen, not who to blame. Everyone acted on what they knew at the time.', minutes: 3 },
  { step: 'timeline', title: 'Timeline review', prompt: 'Walk through the key moments: detection, diagnosis, repair. Replay what the terminals showed where memory differs.', minutes: 15 },
  { step: 'factors', title: 'Contributing factors', prompt: 'What made this possible, and what made it worse? Look for several factors, not one root cause.', minutes: 15 },
  { step: 'went-well', title: 'What went well, what went wrong', prompt: 'What helped us respond, and where did we get lucky or stuck?', minutes: 10 },
  { step: 'actions', title: 'Action items review', prompt: 'Accept each action with an owner and a due date, or mark it not-doing with a reason.', minutes: 10 },
  { step: 'message', title: 'External message', prompt: 'Agree on what customers and stakeholders are told.', minutes: 5 },
  { step: 'wrap-up', title: 'Wrap-up', prompt: 'Thank everyone, confirm owners, and ask for the short survey.', minutes: 2 },
];

const BY_ID = new Map(AGENDA.map((s) => [s.step, s]));

export function agendaStep(step: StepId): AgendaStepDef {
  return BY_ID.get(step) ?? { step, title: step, prompt: '', minutes: 5 };
}

/** The step after `step` in an agenda, or undefined at its end. */
export function nextStep(agenda: ReadonlyArray<{ step: StepId }>, step: StepId): StepId | undefined {
  const i = agenda.findIndex((s) => s.step === step);
  return i < 0 ? undefined : agenda[i + 1]?.step;
}

export interface Countdown {
  /** Milliseconds left in the timebox; negative once over. */
  leftMs: number;
  over: boolean;
  /** `4:05` left, or `+1:20` over. */
  text: string;
}

/** The countdown of a step that started at `startedAt` with a timebox of `minutes`, at `now`. */
export function countdown(startedAt: string, minutes: number, now: number): Countdown {
  const leftMs = Date.parse(startedAt) + minutes * 60_000 - now;
  const over = leftMs < 0;
  return { leftMs, over, text: `${over ? '+' : ''}${clock(Math.abs(leftMs))}` };
}

/** `m:ss` (or `h:mm:ss` from an hour), rounded towards the timebox's end so 0:00 shows only when it is up. */
export function clock(ms: number): string {
  const total = Math.ceil(ms / 1000);
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = String(total % 60).padStart(2, '0');
  return h > 0 ? `${h}:${String(m).padStart(2, '0')}:${s}` : `${m}:${s}`;
}

/** How long something took, for the export: `4m 05s`, `45s`, `1h 02m`. */
export function spanText(ms: number): string {
  const total = Math.max(0, Math.round(ms / 1000));
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = total % 60;
  if (h > 0) return `${h}h ${String(m).padStart(2, '0')}m`;
  return m > 0 ? `${m}m ${String(s).padStart(2, '0')}s` : `${s}s`;
}

/** The survey after the meeting (after Jeli's): three ratings from 1 (not at all) to 5 (fully), and a sentence. */
export const SURVEY_QUESTIONS = [
  { id: 'blameless', question: 'Was the meeting blameless?' },
  { id: 'factors', question: 'Did we find the real contributing factors?' },
  { id: 'confidence', question: 'How confident are you that the actions will prevent a recurrence?' },
] as const;
export type SurveyQuestion = (typeof SURVEY_QUESTIONS)[number]['id'];
export const Rating = z.number().int().min(1).max(5);
