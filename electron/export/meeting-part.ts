/**
 * The write-up's "Post-mortem meeting" part: for each meeting held, who attended, each agenda step
 * with its timebox and how long it took, the notes taken in it, and the survey after. Notes and
 * comments are untrusted text (escaped); a redacted note shows as redacted.
 */
import type { JournalEvent } from '../../shared/model/incident';
import { spanText } from '../../shared/model/agenda';
import { foldMeetings, stepDurationMs, summarizeSurvey, type MeetingRecord } from '../../shared/model/meetingRecord';
import { mdText, utc } from './escape';

export function meetingMarkdown(events: readonly JournalEvent[], redacted: ReadonlySet<number>): string[] {
  const meetings = foldMeetings(events);
  if (meetings.length === 0) return [];
  const out = ['## Post-mortem meeting', ''];
  meetings.forEach((m, i) => {
    if (meetings.length > 1) out.push(`### Meeting ${i + 1}`, '');
    out.push(...oneMeeting(m, redacted));
  });
  return out;
}

function oneMeeting(m: MeetingRecord, redacted: ReadonlySet<number>): string[] {
  const end = m.endedAt ? `, ended ${utc(m.endedAt)} (${spanText(Date.parse(m.endedAt) - Date.parse(m.startedAt))})` : ', not ended';
  const out = [
    `Started ${utc(m.startedAt)} by ${mdText(m.facilitator)} ([#${m.seq}](#event-${m.seq}))${end}.`,
    '',
    `- Attendees: ${m.attendees.map(mdText).join(', ')}`,
    `- Write-up owner: ${mdText(m.owner)}`,
    '',
    '| Step | Timebox | Took |',
    '| --- | --- | --- |',
  ];
  for (const s of m.steps) {
    const took = stepDurationMs(s);
    const over = took !== undefined && took > s.minutes * 60_000 ? ' (over)' : '';
    out.push(`| ${mdText(s.title)} | ${s.minutes} min | ${took === undefined ? (s.startedAt ? 'running' : 'skipped') : spanText(took) + over} |`);
  }
  const noted = m.steps.filter((s) => s.notes.length > 0);
  if (noted.length) {
    out.push('', '**Notes**', '');
    for (const s of noted) {
      out.push(`*${mdText(s.title)}*`, '');
      for (const n of s.notes) out.push(`- ${redacted.has(n.seq) ? '*(redacted)*' : mdText(n.text)} (${mdText(n.actor)}, ${utc(n.ts)}, #${n.seq})`);
      out.push('');
    }
    out.pop();
  }
  const summary = summarizeSurvey(m.survey);
  out.push('', '**Survey**', '');
  if (!summary) out.push('_No answers yet._');
  else {
    out.push(
      `${summary.answers} ${summary.answers === 1 ? 'answer' : 'answers'}, mean of 5: blameless ${summary.blameless}, contributing factors found ${summary.factors}, confidence in the actions ${summary.confidence}.`,
      '',
    );
    for (const a of m.survey) {
      const comment = a.comment && !redacted.has(a.seq) ? `: ${mdText(a.comment)}` : '';
      out.push(`- ${mdText(a.actor)}: ${a.blameless}/${a.factors}/${a.confidence}${comment} (#${a.seq})`);
    }
  }
  out.push('');
  return out;
}
