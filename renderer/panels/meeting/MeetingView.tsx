import { useEffect, useMemo, useState } from 'react';
import { AGENDA, countdown, spanText, SURVEY_QUESTIONS, type SurveyQuestion } from '../../../shared/model/agenda';
import { foldAnnotations, markWords } from '../../../shared/model/annotations';
import { describeEvent, phraseText } from '../../../shared/model/describe';
import { eventData, type Incident, type JournalEvent } from '../../../shared/model/incident';
import { attended, foldMeetings, stepDurationMs, summarizeSurvey, type MeetingRecord } from '../../../shared/model/meetingRecord';
import type { ReplayCast } from '../../../shared/model/replay';
import { useController, useWarroom } from '../../app/context';
import { formatUtc } from '../../format/time';
import '../../styles/meeting.css';
import { REPLAY_AFTER_MS, REPLAY_BEFORE_MS, type MeetingActions } from './actions';
import { ReplayPanel } from './ReplayPanel';
import { ActionsPanel } from '../incident/ActionsPanel';

function useNow(): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(timer);
  }, []);
  return now;
}

/**
 * The facilitator's view of the post-mortem meeting: start it (attendees and the write-up owner),
 * the agenda with a timebox and a countdown per step, "enough, let's move on", notes on the current
 * step, replays of the terminals at the key moments, then the survey. Everything shown is folded
 * from the timeline, so the CLI and other windows see the same meeting.
 */
export function MeetingView() {
  const actions = useController().meeting;
  const { events, incident } = useWarroom((s) => ({ events: s.events, incident: s.incident }));
  const meetings = useMemo(() => foldMeetings(events), [events]);
  const meeting = meetings.at(-1);
  const running = meeting && meeting.endedAt === undefined ? meeting : undefined;
  const [starting, setStarting] = useState(false);

  if (!incident) return null;
  return (
    <section className="panel meeting" aria-label="Post-mortem meeting" data-testid="postmortem">
      <h2>Post-mortem meeting</h2>
      {running ? (
        <RunningMeeting meeting={running} incident={incident} events={events} actions={actions} />
      ) : meeting && !starting ? (
        <EndedMeeting meeting={meeting} actions={actions} onAnother={() => setStarting(true)} />
      ) : (
        <StartForm events={events} incident={incident} actions={actions} onStarted={() => setStarting(false)} />
      )}
    </section>
  );
}

function StartForm({ events, incident, actions, onStarted }: { events: readonly JournalEvent[]; incident: Incident; actions: MeetingActions; onStarted: () => void }) {
  const invited = useMemo(() => {
    for (let i = events.length - 1; i >= 0; i--) {
      const s = eventData(events[i]!, 'postmortem.scheduled');
      if (s) return s.attendees;
    }
    return [incident.commander];
  }, [events, incident.commander]);
  const [attendees, setAttendees] = useState(() => invited.join(', '));
  const [owner, setOwner] = useState('');
  const [busy, setBusy] = useState(false);
  const list = attendees.split(',').map((a) => a.trim()).filter(Boolean);
  return (
    <form
      className="meeting-start"
      onSubmit={(e) => {
        e.preventDefault();
        setBusy(true);
        void actions.change({ kind: 'start', attendees: list, owner }).then((ev) => {
          setBusy(false);
          if (ev) onStarted();
        });
      }}
    >
      <p className="muted small">Agenda: {AGENDA.map((s) => `${s.title} (${s.minutes} min)`).join(' · ')}</p>
      <label>
        Attendees (comma-separated)
        <input data-testid="meeting-attendees" value={attendees} onChange={(e) => setAttendees(e.target.value)} />
      </label>
      <label>
        Write-up owner
        <input data-testid="meeting-owner" value={owner} onChange={(e) => setOwner(e.target.value)} placeholder="who owns the write-up" />
      </label>
      <button type="submit" data-testid="meeting-start" disabled={busy || list.length === 0 || owner.trim() === ''}>
        Start the meeting
      </button>
    </form>
  );
}

function Presence({ meeting, commander }: { meeting: MeetingRecord; commander: string }) {
  const mark = (who: string, role: string) => {
    const here = attended(meeting.attendees, who);
    return (
      <span className={here ? 'present' : 'absent'} data-testid={`presence-${role}`}>
        {here ? '✓' : '✗'} {role} {who}
      </span>
    );
  };
  return (
    <p className="meeting-presence small">
      Attending: {meeting.attendees.join(', ')} · {mark(commander, 'commander')} · {mark(meeting.owner, 'owner')}
    </p>
  );
}

function RunningMeeting({ meeting, incident, events, actions }: { meeting: MeetingRecord; incident: Incident; events: readonly JournalEvent[]; actions: MeetingActions }) {
  const now = useNow();
  const [note, setNote] = useState('');
  const [busy, setBusy] = useState(false);
  const current = meeting.steps.find((s) => s.step === meeting.current)!;
  const last = meeting.steps.at(-1)?.step === meeting.current;
  const act = (input: Parameters<MeetingActions['change']>[0]) => {
    setBusy(true);
    return actions.change(input).finally(() => setBusy(false));
  };
  return (
    <>
      <Presence meeting={meeting} commander={incident.commander} />
      <ol className="agenda" data-testid="agenda">
        {meeting.steps.map((s) => {
          const isCurrent = s.step === meeting.current;
          const took = stepDurationMs(s, now);
          const clock = isCurrent && s.startedAt ? countdown(s.startedAt, s.minutes, now) : undefined;
          return (
            <li key={s.step} className={isCurrent ? 'current' : s.endedAt ? 'done' : 'upcoming'} data-testid="agenda-step" data-step={s.step} aria-current={isCurrent ? 'step' : undefined}>
              <div className="agenda-head">
                <span className="agenda-title">{s.title}</span>
                <span className="muted small">{s.minutes} min</span>
                {clock ? (
                  <span className={clock.over ? 'countdown over' : 'countdown'} data-testid="countdown">
                    {clock.text}
                  </span>
                ) : s.endedAt && took !== undefined ? (
                  <span className="muted small">took {spanText(took)}</span>
                ) : null}
              </div>
              {isCurrent ? <p className="agenda-prompt small">{AGENDA.find((a) => a.step === s.step)?.prompt}</p> : null}
              {/* The actions are reviewed where they are discussed: the same list, status and edit forms as the Actions tab. */}
              {isCurrent && s.step === 'actions' ? (
                <div className="agenda-actions" data-testid="meeting-actions">
                  <ActionsPanel />
                </div>
              ) : null}
              <Notes notes={s.notes} step={s.step} />
            </li>
          );
        })}
      </ol>
      <form
        className="meeting-note"
        onSubmit={(e) => {
          e.preventDefault();
          void act({ kind: 'note', text: note, step: current.step }).then((ev) => {
            if (ev) setNote('');
          });
        }}
      >
        <textarea data-testid="meeting-note-input" rows={2} value={note} placeholder={`Note for “${current.title}”`} onChange={(e) => setNote(e.target.value)} />
        <button type="submit" data-testid="meeting-note-add" disabled={busy || note.trim() === ''}>
          Add note
        </button>
      </form>
      <div className="meeting-buttons">
        <button type="button" data-testid="meeting-move-on" disabled={busy || last} onClick={() => void act({ kind: 'step', from: current.step })}>
          Enough, let’s move on
        </button>
        <button type="button" data-testid="meeting-end" disabled={busy} onClick={() => void act({ kind: 'end' })}>
          End the meeting
        </button>
      </div>
      <KeyMoments events={events} actions={actions} />
    </>
  );
}

function Notes({ notes, step }: { notes: MeetingRecord['steps'][number]['notes']; step: string }) {
  if (notes.length === 0) return null;
  return (
    <ul className="agenda-notes">
      {notes.map((n) => (
        <li key={n.seq} data-testid="meeting-note" data-step={step}>
          {n.text} <span className="muted small">— {n.actor}, #{n.seq}</span>
        </li>
      ))}
    </ul>
  );
}

interface Moment {
  seq: number;
  at: string;
  why: string;
  text: string;
}

/** Milestones, marked or pinned events, and commands: the moments worth replaying. */
function keyMoments(events: readonly JournalEvent[]): Moment[] {
  const marks = foldAnnotations(events);
  const out: Moment[] = [];
  for (const e of events) {
    const words = markWords(marks, e.seq);
    const milestone = eventData(e, 'milestone');
    const command = e.type === 'command.broadcast' || e.type === 'command.run';
    if (!milestone && !command && words.length === 0) continue;
    const d = describeEvent(e);
    out.push({ seq: e.seq, at: milestone?.at ?? e.ts, why: milestone ? 'milestone' : words.length ? words.join(', ') : d.label, text: phraseText(d.text, formatUtc) + (d.hosts.length ? ` on ${d.hosts.join(', ')}` : '') });
  }
  return out;
}

function KeyMoments({ events, actions }: { events: readonly JournalEvent[]; actions: MeetingActions }) {
  const moments = useMemo(() => keyMoments(events), [events]);
  const [replay, setReplay] = useState<{ seq: number; at: string; casts: ReplayCast[] } | null>(null);
  return (
    <div className="key-moments" data-testid="key-moments">
      <h3>Key moments</h3>
      {moments.length === 0 ? <p className="muted small">No milestone, marked event or command on the timeline yet.</p> : null}
      <ul>
        {moments.map((m) => (
          <li key={m.seq} className={replay?.seq === m.seq ? 'selected' : undefined} data-testid="key-moment" data-seq={m.seq}>
            <button
              type="button"
              data-testid="replay-at"
              onClick={() => void actions.replay(m.at).then((casts) => casts && setReplay({ seq: m.seq, at: m.at, casts }))}
            >
              Replay
            </button>{' '}
            <span className="muted small">{formatUtc(m.at)} · {m.why} · #{m.seq}</span> {m.text}
          </li>
        ))}
      </ul>
      {replay ? (
        <div className="replay-wrap">
          <ReplayPanel key={replay.seq} casts={replay.casts} />
          <ReplayCommands events={events} at={replay.at} />
        </div>
      ) : null}
    </div>
  );
}

/** The commands around the replayed moment, with each host's output where the run kept it. */
function ReplayCommands({ events, at }: { events: readonly JournalEvent[]; at: string }) {
  const t = Date.parse(at);
  const near = events.filter((e) => (e.type === 'command.broadcast' || e.type === 'command.run') && Date.parse(e.ts) >= t - REPLAY_BEFORE_MS && Date.parse(e.ts) <= t + REPLAY_AFTER_MS);
  return (
    <div className="replay-commands" data-testid="replay-commands">
      <h4>Commands in this stretch</h4>
      {near.length === 0 ? <p className="muted small">None.</p> : null}
      {near.map((e) => {
        const d = describeEvent(e);
        return (
          <div key={e.seq} className="replay-command" data-testid="replay-command">
            <code>{phraseText(d.text, formatUtc)}</code> <span className="muted small">{formatUtc(e.ts)} · {d.hosts.join(', ')}{d.detail ? ` · ${phraseText(d.detail, formatUtc)}` : ''}</span>
            {d.outputs?.map((o) => (
              <details key={o.host} open>
                <summary>{o.host}</summary>
                <pre className="replay-output">{o.tail}</pre>
              </details>
            ))}
          </div>
        );
      })}
    </div>
  );
}

function EndedMeeting({ meeting, actions, onAnother }: { meeting: MeetingRecord; actions: MeetingActions; onAnother: () => void }) {
  const summary = summarizeSurvey(meeting.survey);
  const [ratings, setRatings] = useState<Record<SurveyQuestion, number>>({ blameless: 5, factors: 4, confidence: 4 });
  const [comment, setComment] = useState('');
  const [busy, setBusy] = useState(false);
  return (
    <>
      <p className="small" data-testid="meeting-ended">
        Ended {formatUtc(meeting.endedAt!)} after {spanText(Date.parse(meeting.endedAt!) - Date.parse(meeting.startedAt))} · owner {meeting.owner} · {meeting.attendees.join(', ')}
      </p>
      <ol className="agenda" data-testid="agenda">
        {meeting.steps.map((s) => {
          const took = stepDurationMs(s);
          return (
            <li key={s.step} className={s.startedAt ? 'done' : 'upcoming'} data-testid="agenda-step" data-step={s.step}>
              <div className="agenda-head">
                <span className="agenda-title">{s.title}</span>
                <span className="muted small">
                  {s.minutes} min · {took === undefined ? 'skipped' : `took ${spanText(took)}`}
                </span>
              </div>
              <Notes notes={s.notes} step={s.step} />
            </li>
          );
        })}
      </ol>
      <form
        className="survey"
        data-testid="survey"
        onSubmit={(e) => {
          e.preventDefault();
          setBusy(true);
          void actions.change({ kind: 'survey', ...ratings, ...(comment.trim() ? { comment } : {}) }).finally(() => setBusy(false));
        }}
      >
        <h3>Survey</h3>
        {SURVEY_QUESTIONS.map((q) => (
          <label key={q.id}>
            {q.question}{' '}
            <select data-testid={`survey-${q.id}`} value={ratings[q.id]} onChange={(e) => setRatings({ ...ratings, [q.id]: Number(e.target.value) })}>
              {[1, 2, 3, 4, 5].map((n) => (
                <option key={n} value={n}>
                  {n}
                </option>
              ))}
            </select>
          </label>
        ))}
        <input data-testid="survey-comment" value={comment} maxLength={2000} placeholder="One sentence (optional)" onChange={(e) => setComment(e.target.value)} />
        <button type="submit" data-testid="survey-submit" disabled={busy}>
          Send my answers
        </button>
      </form>
      <div className="survey-summary" data-testid="survey-summary">
        {summary ? (
          <>
            <p className="small">
              {summary.answers} {summary.answers === 1 ? 'answer' : 'answers'}, mean of 5: blameless {summary.blameless}, factors {summary.factors}, confidence {summary.confidence}
            </p>
            <ul className="small">
              {meeting.survey.map((a) => (
                <li key={a.seq}>
                  {a.actor}: {a.blameless}/{a.factors}/{a.confidence}
                  {a.comment ? ` — ${a.comment}` : ''}
                </li>
              ))}
            </ul>
          </>
        ) : (
          <p className="muted small">No answers yet.</p>
        )}
      </div>
      <button type="button" data-testid="meeting-another" onClick={onAnother}>
        Start another meeting
      </button>
    </>
  );
}
