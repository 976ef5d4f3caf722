/** The meeting's agenda and timeboxes, the fold of meeting events, and who counts as present. */
import { describe, expect, it } from 'vitest';
import { AGENDA, clock, countdown, nextStep, spanText } from '../../../shared/model/agenda';
import type { EventDataOf, EventType, JournalEvent } from '../../../shared/model/incident';
import { attended, foldMeetings, samePerson, stepDurationMs, summarizeSurvey } from '../../../shared/model/meetingRecord';
import { frameIndexAt } from '../../../shared/model/replay';

let seq = 0;
const at = (s: number) => new Date(Date.parse('2026-12-01T15:00:00.000Z') + s * 1000).toISOString();
function ev<T extends EventType>(type: T, data: EventDataOf<T>, second: number, actor = 'ops'): JournalEvent {
  seq++;
  return { seq, ts: at(second), actor, type, data: data as Record<string, unknown>, prev: '0'.repeat(64), hash: '0'.repeat(64) };
}
const agenda = AGENDA.map((s) => ({ step: s.step, minutes: s.minutes }));

describe('the agenda', () => {
  it('follows the meeting guide in order, a timebox per step, an hour in all', () => {
    expect(AGENDA.map((s) => s.step)).toEqual(['intro', 'timeline', 'factors', 'went-well', 'actions', 'message', 'wrap-up']);
    expect(AGENDA.reduce((n, s) => n + s.minutes, 0)).toBe(60);
    expect(nextStep(AGENDA, 'intro')).toBe('timeline');
    expect(nextStep(AGENDA, 'wrap-up')).toBeUndefined();
  });

  it('counts down the timebox and then counts up what is over', () => {
    const start = at(0);
    const t = Date.parse(start);
    expect(countdown(start, 3, t)).toEqual({ leftMs: 180_000, over: false, text: '3:00' });
    expect(countdown(start, 3, t + 1).text).toBe('3:00');
    expect(countdown(start, 3, t + 175_500).text).toBe('0:05');
    expect(countdown(start, 3, t + 180_000)).toMatchObject({ over: false, text: '0:00' });
    expect(countdown(start, 3, t + 260_000)).toMatchObject({ over: true, text: '+1:20' });
    expect(clock(3_725_000)).toBe('1:02:05');
    expect(spanText(245_000)).toBe('4m 05s');
    expect(spanText(45_000)).toBe('45s');
    expect(spanText(3_720_000)).toBe('1h 02m');
  });
});

describe('the meeting fold', () => {
  it('ties notes to their step, times each step, and keeps the latest survey answer per person', () => {
    const events = [
      ev('incident.declared', { id: 'i', title: 't', severity: 'SEV2', commander: 'ops' }, 0),
      ev('postmortem.started', { attendees: ['ops', 'Bob <bob@example.com>'], owner: 'bob', agenda }, 10),
      ev('postmortem.note', { step: 'intro', text: 'blameless' }, 20),
      ev('postmortem.step', { from: 'intro', to: 'timeline' }, 190),
      ev('postmortem.note', { step: 'timeline', text: 'alert was late' }, 200, 'bob'),
      // Answers during the meeting belong to no ended meeting yet; a second start while running is ignored.
      ev('postmortem.survey', { blameless: 1, factors: 1, confidence: 1 }, 210),
      ev('postmortem.started', { attendees: ['x'], owner: 'x', agenda }, 220),
      ev('postmortem.ended', { step: 'timeline' }, 1090),
      ev('postmortem.survey', { blameless: 5, factors: 4, confidence: 3 }, 1100),
      ev('postmortem.survey', { blameless: 2, factors: 2, confidence: 2, comment: 'x' }, 1110, 'bob'),
      ev('postmortem.survey', { blameless: 4, factors: 3, confidence: 2 }, 1120, 'bob'),
    ];
    const [m, ...more] = foldMeetings(events);
    expect(more).toEqual([]);
    expect(m).toMatchObject({ seq: 2, facilitator: 'ops', owner: 'bob', current: 'timeline', endedAt: at(1090) });
    expect(m!.steps.map((s) => [s.step, s.notes.map((n) => n.text), stepDurationMs(s)]).slice(0, 3)).toEqual([
      ['intro', ['blameless'], 180_000],
      ['timeline', ['alert was late'], 900_000],
      ['factors', [], undefined],
    ]);
    expect(m!.survey.map((a) => [a.actor, a.blameless])).toEqual([['ops', 5], ['bob', 4]]);
    expect(summarizeSurvey(m!.survey)).toEqual({ answers: 2, blameless: 4.5, factors: 3.5, confidence: 2.5 });
    expect(summarizeSurvey([])).toBeUndefined();
  });

  it('counts a person present under any of their names, and no one else', () => {
    expect(samePerson('alice', 'Alice <alice@example.com>')).toBe(true);
    expect(samePerson('alice@example.com', 'Alice Liddell <alice@example.com>')).toBe(true);
    expect(samePerson('alice', 'alice@example.com')).toBe(true);
    expect(samePerson('alice', 'bob@example.com')).toBe(false);
    expect(samePerson('Alice Liddell', 'alice')).toBe(false);
    expect(attended(['ops', 'Bob <bob@example.com>'], 'bob')).toBe(true);
    expect(attended(['ops'], 'bob')).toBe(false);
  });
});

describe('replay frames', () => {
  it('finds the first frame at or after a time', () => {
    const frames = [[0, 'o', 'a'], [100, 'o', 'b'], [100, 'o', 'c'], [250, 'r', '80x24']] as const;
    expect([-1, 0, 1, 100, 101, 250, 251].map((t) => frameIndexAt(frames as never, t))).toEqual([0, 0, 1, 1, 3, 3, 4]);
  });
});
