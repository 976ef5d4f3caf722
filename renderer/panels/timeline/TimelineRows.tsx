import { memo, type ReactNode } from 'react';
import { nameHostSet } from '../../../shared/model/hostSet';
import { summarizeRun, type RunType } from '../../../shared/model/timelineRuns';
import type { JournalEvent } from '../../../shared/model/incident';
import { useWarroom } from '../../app/context';
import { formatLocalTime, formatUtc } from '../../format/time';
import { describeEvent } from '../../format/timeline';
import { EventActions } from '../incident/EventActions';

/** Props are the event and its own corrections only, so a new event re-renders one row, not all. */
export const TimelineEvent = memo(function TimelineEvent({
  event,
  edited,
  redacted,
  marks,
  groups,
  focused,
  picked,
}: {
  event: JournalEvent;
  /** A `#seq` citation was clicked: this row is highlighted. */
  focused?: boolean;
  /** Picked for citing in the write-up (a click on the row; a second click lets go). */
  picked?: boolean;
  /** Groups by name, to name a broadcast's hosts by group and range (a stable object, for memo). */
  groups: Readonly<Record<string, readonly string[]>>;
  edited?: string;
  redacted?: string;
  /** Pins and markers on this event, as one short string (stable for memo). */
  marks?: string;
}) {
  const view = describeEvent(event, { edited, redacted });
  const pickEvent = useWarroom((s) => s.pickEvent);
  return (
    <li
      className={`event type-${event.type.replace(/\./g, '-')}${focused ? ' focused' : ''}${picked ? ' picked' : ''}`}
      data-testid="timeline-event"
      data-type={event.type}
      data-seq={event.seq}
      data-focused={focused || undefined}
      aria-selected={picked ?? false}
      onClick={(e) => {
        // A click on the row picks it for citing; its buttons, menus and outputs keep their own clicks.
        if ((e.target as Element).closest('button, a, input, select, textarea, summary, details, form, [role="menu"]')) return;
        pickEvent(picked ? null : event.seq);
      }}
    >
      <div className="event-meta">
        <time dateTime={event.ts} title={`seq ${event.seq}, by ${event.actor}`}>
          {formatUtc(event.ts)}
        </time>
        <span className="muted"> ({formatLocalTime(event.ts)})</span>
        <span className="event-label">{view.label}</span>
        {marks ? <span className="event-marks">{marks}</span> : null}
      </div>
      <div className={view.command ? 'event-text command' : 'event-text'}>{view.text}</div>
      {view.detail ? <div className="event-detail">{view.detail}</div> : null}
      {view.outputs?.map((o) => (
        <details key={o.host} className="event-output" data-testid="timeline-output" data-host={o.host}>
          <summary>
            output of {o.host}
            {o.file ? <span className="muted"> · all of it in {o.file}</span> : null}
            {o.dropped ? <span className="muted"> · {o.dropped} bytes beyond the file&apos;s limit not kept</span> : null}
          </summary>
          <pre>{o.tail}</pre>
        </details>
      ))}
      {view.hosts.length > 0 && view.command ? (
        <div className="event-hosts" data-testid="timeline-hosts" title={view.hosts.join(', ')}>
          → {view.hosts.length} {view.hosts.length === 1 ? 'host' : 'hosts'}: {nameHostSet(view.hosts, { groups, max: HOST_PARTS }).text}
        </div>
      ) : null}
      <EventActions event={event} />
    </li>
  );
});

/** Parts of a host set shown on one timeline row before "+N more" (the whole list is on hover). */
const HOST_PARTS = 6;

/** A run of connection events as one row; expanding it shows each event, so each `#seq` stays reachable. */
export function TimelineRun(props: { run: RunType; events: JournalEvent[]; groups: Readonly<Record<string, readonly string[]>>; onOpen: () => void; children: ReactNode }) {
  const { run, events, groups, onOpen, children } = props;
  const s = summarizeRun({ run, events }, { groups, max: HOST_PARTS });
  return (
    <li className={`event run type-${run.replace(/\./g, '-')}`} data-testid="timeline-run" data-type={run} data-count={s.count} data-from={s.from.seq} data-to={s.to.seq}>
      <details>
        <summary onClick={onOpen}>
          <span className="event-meta">
            <time dateTime={s.from.ts} title={`seq ${s.from.seq} to ${s.to.seq}`}>
              {formatUtc(s.from.ts)}
            </time>
            {s.to.ts.slice(0, 19) !== s.from.ts.slice(0, 19) ? <span className="muted"> – {s.to.ts.slice(11, 19)}</span> : null}
            <span className="event-label">
              {s.label} {s.count}
            </span>
          </span>
          <span className="event-text" data-testid="timeline-run-hosts">
            {s.hosts}
          </span>
        </summary>
        <ol className="events">{children}</ol>
      </details>
    </li>
  );
}
