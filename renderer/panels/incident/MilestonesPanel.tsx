import { useEffect, useState, type FormEvent } from 'react';
import { Milestone, type IncidentDetails } from '../../../shared/model/incident';
import { formatElapsed } from '../../format/time';
import type { IncidentActions } from './actions';
import { liveClocks, milestoneTimes } from './clocks';
import { readableProblem } from './problemText';
import { TimeStamp } from './TimeStamp';
import { formatUtcInput, parseUtcInput } from './utcInput';

/** TTD, TTA, TTM, TTR; a clock whose end is not set yet ticks every second. */
export function Clocks({ details }: { details: IncidentDetails }) {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(timer);
  }, []);
  return (
    <div className="clocks" role="group" aria-label="Incident clocks">
      {liveClocks(details.milestones, now).map((c) => (
        <span key={c.key} className={c.running ? 'clock running' : c.ms === undefined ? 'clock unset' : 'clock'} title={c.title} data-testid={`clock-${c.key}`} data-running={c.running}>
          <span className="clock-label">{c.label}</span> <span className="clock-value">{c.ms === undefined ? '—' : formatElapsed(c.ms)}</span>
        </span>
      ))}
    </div>
  );
}

/** Order problems (a resolution before the detection): errors, shown wherever milestones are. */
export function MilestoneProblems({ details }: { details: IncidentDetails }) {
  if (details.milestoneProblems.length === 0) return null;
  return (
    <ul className="milestone-problems" role="alert">
      {details.milestoneProblems.map((p) => (
        <li key={p} data-testid="milestone-problem">
          Milestones out of order: {readableProblem(p)}
        </li>
      ))}
    </ul>
  );
}

/** Candidates Warroom saw in the activity; the commander confirms or dismisses each. */
export function Suggestions({ details, actions }: { details: IncidentDetails; actions: IncidentActions }) {
  if (details.suggestions.length === 0) return null;
  return (
    <ul className="suggestions" aria-label="Suggested milestones">
      {details.suggestions.map((s) => (
        <li key={`${s.milestone}@${s.suggestedBy}`} className="suggestion" data-testid="milestone-suggestion" data-milestone={s.milestone} data-seq={s.suggestedBy}>
          <div className="row">
            <span className="suggest-tag">suggested</span>
            <strong>{s.milestone}</strong>
            <button type="button" className="primary push" data-testid="suggestion-confirm" title={`Set ${s.milestone} at the suggested time`} onClick={() => void actions.milestone(s.milestone, s.at, s.suggestedBy)}>
              Confirm
            </button>
            <button type="button" data-testid="suggestion-dismiss" onClick={() => void actions.dismissSuggestion(s.milestone, s.suggestedBy)}>
              Dismiss
            </button>
          </div>
          <div className="small suggestion-why" title={s.why}>
            <TimeStamp iso={s.at} /> <span className="muted">· {s.why} (#{s.suggestedBy})</span>
          </div>
        </li>
      ))}
    </ul>
  );
}

function MilestoneRow({ milestone, at, actions }: { milestone: Milestone; at?: string; actions: IncidentActions }) {
  const [editing, setEditing] = useState(false);
  const [text, setText] = useState('');
  const [error, setError] = useState<string | null>(null);
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const parsed = parseUtcInput(text);
    if (!parsed.ok) {
      setError(parsed.error);
      return;
    }
    setError(null);
    if (await actions.milestone(milestone, parsed.iso)) setEditing(false);
  };
  return (
    <li className={at ? 'milestone set' : 'milestone'} data-testid="milestone-row" data-milestone={milestone} data-set={at !== undefined}>
      <div className="milestone-line">
        <span className="milestone-name">{milestone}</span>
        <button type="button" data-testid={`milestone-now-${milestone}`} title={`Set ${milestone} to now`} onClick={() => void actions.milestone(milestone)}>
          Now
        </button>
        <button
          type="button"
          data-testid={`milestone-edit-${milestone}`}
          aria-expanded={editing}
          title={`Set ${milestone} at a given UTC time`}
          onClick={() => {
            setText(formatUtcInput(at ?? Date.now()));
            setError(null);
            setEditing(!editing);
          }}
        >
          At…
        </button>
      </div>
      <div className="milestone-at">{at ? <TimeStamp iso={at} testId={`milestone-at-${milestone}`} /> : <span className="muted small">not set</span>}</div>
      {editing ? (
        <form className="row" onSubmit={(e) => void submit(e)}>
          <input
            data-testid={`milestone-time-${milestone}`}
            className="grow mono"
            aria-label={`${milestone} time in UTC`}
            value={text}
            autoFocus
            onChange={(e) => setText(e.target.value)}
          />
          <span className="muted small">UTC</span>
          <button type="submit" className="primary" data-testid={`milestone-save-${milestone}`}>
            Set
          </button>
        </form>
      ) : null}
      {error ? <div className="field-error small">{error}</div> : null}
    </li>
  );
}

export function MilestonesPanel({ details, actions }: { details: IncidentDetails; actions: IncidentActions }) {
  const times = milestoneTimes(details.milestones);
  return (
    <ol className="milestones">
      {Milestone.options.map((m) => (
        <MilestoneRow key={m} milestone={m} at={times[m]} actions={actions} />
      ))}
    </ol>
  );
}
