import { memo, useCallback, useDeferredValue, useEffect, useLayoutEffect, useMemo, useRef, useState, type KeyboardEvent, type ReactNode, type RefObject } from 'react';
import { useVirtualizer } from '@tanstack/react-virtual';
import { foldAnnotations, markWords } from '../../shared/model/annotations';
import { nameHostSet } from '../../shared/model/hostSet';
import { summarizeRun, timelineRows, type RunType } from '../../shared/model/timelineRuns';
import type { JournalEvent } from '../../shared/model/incident';
import { useController, useWarroom, useWarroomValue } from '../app/context';
import { formatLocalTime, formatUtc } from '../format/time';
import { groupMap } from '../store/hostsSlice';
import { describeEvent } from '../format/timeline';
import { TIMELINE_KINDS, buildFilter, type TimelineKind } from '../format/timelineFilter';
import { TimelineIndex, prepareSearch } from '../format/timelineIndex';
import { has } from '../app/timelinePages';
import { EventActions } from './incident/EventActions';
import { TimelineExtras } from './incident/TimelineExtras';

type Kind = TimelineKind | 'all' | 'pinned';
const KINDS: Kind[] = ['all', ...(Object.keys(TIMELINE_KINDS) as TimelineKind[]), 'pinned'];

/** Props are the event and its own corrections only, so a new event re-renders one row, not all. */
const TimelineEvent = memo(function TimelineEvent({
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
function TimelineRun(props: { run: RunType; events: JournalEvent[]; groups: Readonly<Record<string, readonly string[]>>; onOpen: () => void; children: ReactNode }) {
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

/**
 * Above this many rows only the rows in view (and a few around them) are in the DOM: a 100,000-event
 * incident must open and scroll smoothly. Below it every row is rendered, as find-in-page expects.
 */
export const VIRTUAL_ABOVE = 500;

type Row = ReturnType<typeof timelineRows>[number];

/** The rows in view of `scroller`, each measured once rendered (rows differ in height: outputs, runs). */
function VirtualRows(props: { rows: Row[]; scroller: RefObject<HTMLDivElement | null>; render: (row: Row) => ReactNode; stick: RefObject<boolean>; focus?: number }) {
  const { rows, scroller, render, stick, focus } = props;
  const virtualizer = useVirtualizer({
    count: rows.length,
    getScrollElement: () => scroller.current,
    estimateSize: () => 64,
    overscan: 8,
    // Stable while the rows are: a new function makes the virtualizer measure every row again.
    getItemKey: useCallback((i: number) => rowKey(rows[i] as Row), [rows]),
  });
  // The row at the top of the view, and how far above the view's top it starts: older pages
  // arriving above it (or a filter change that keeps it) must not move what the user reads.
  const anchor = useRef<{ key: string; above: number } | null>(null);
  useEffect(() => {
    const element = scroller.current;
    const keepAnchor = () => {
      const top = element?.scrollTop ?? 0;
      const item = virtualizer.getVirtualItems().find((i) => i.end > top);
      anchor.current = item ? { key: String(item.key), above: top - item.start } : null;
    };
    element?.addEventListener('scroll', keepAnchor, { passive: true });
    return () => element?.removeEventListener('scroll', keepAnchor);
  }, [scroller, virtualizer]);
  // Follow the newest row, as the full list does, unless the user scrolled up to read.
  useLayoutEffect(() => {
    if (stick.current && rows.length > 0) virtualizer.scrollToIndex(rows.length - 1, { align: 'end' });
    else if (anchor.current) {
      const { key, above } = anchor.current;
      const index = rows.findIndex((row) => rowKey(row) === key);
      const start = index >= 0 ? virtualizer.measurementsCache[index]?.start : undefined;
      if (start !== undefined && Math.abs((scroller.current?.scrollTop ?? 0) - (start + above)) > 1) virtualizer.scrollToOffset(start + above);
    }
  }, [rows, virtualizer, stick, scroller]);
  // A clicked `#seq` citation: bring its row (or the run holding it) into the DOM; the panel then centres it.
  useEffect(() => {
    if (focus === undefined) return;
    const index = rows.findIndex((row) => ('event' in row ? row.event.seq === focus : row.events.some((e) => e.seq === focus)));
    if (index >= 0) virtualizer.scrollToIndex(index, { align: 'center' });
  }, [focus, rows, virtualizer]);
  const items = virtualizer.getVirtualItems();
  return (
    <div className="virtual-rows" style={{ height: virtualizer.getTotalSize() }} data-testid="timeline-virtual" data-rows={rows.length}>
      <div className="virtual-window" style={{ transform: `translateY(${items[0]?.start ?? 0}px)` }}>
        {/* One list per row: the row is an <li>, and its list is what gets measured. */}
        {items.map((item) => (
          <ol className="events" key={item.key} data-index={item.index} ref={virtualizer.measureElement}>
            {render(rows[item.index] as Row)}
          </ol>
        ))}
      </div>
    </div>
  );
}

function rowKey(row: Row): string {
  return 'event' in row ? String(row.event.seq) : `run-${row.events[0]?.seq}`;
}

/** The journal as it grows; follows the newest event unless the user scrolled up to read. */
export function TimelinePanel() {
  const controller = useController();
  const events = useWarroomValue((s) => s.events);
  const olderThan = useWarroom((s) => s.olderThan);
  const annotations = useMemo(() => foldAnnotations(events), [events]);
  // Kept across renders: a new event extends the index instead of rebuilding it.
  const indexed = useRef(new TimelineIndex());
  const index = useMemo(() => (indexed.current = indexed.current.update(events)), [events]);
  // The search texts, prepared while nobody searches (already prepared events cost nothing).
  useEffect(() => prepareSearch(events, annotations), [events, annotations]);
  const hosts = useMemo(() => index.hosts(), [index]);
  const actors = useMemo(() => index.actors(), [index]);
  const [kind, setKind] = useState<Kind>('all');
  const [host, setHost] = useState('');
  const [search, setSearch] = useState('');
  // Typing stays responsive; the list follows as soon as it can.
  const query = useDeferredValue(search);
  const extra = useWarroom((s) => s.timelineExtra);
  const shown = useMemo(() => index.filter({ ...buildFilter(kind, host), ...extra }, annotations, query), [index, kind, host, annotations, extra, query]);
  // Events not fetched yet (a big journal arrives newest page first); seqs run from 1 without gaps.
  const missing = useMemo(() => (olderThan === null ? 0 : Math.max(0, olderThan - 1 - events.findIndex((e) => e.seq >= olderThan))), [events, olderThan]);
  const total = events.length + missing;
  const hostList = useWarroom((s) => s.hosts);
  const groupLists = useWarroom((s) => s.groups);
  const groups = useMemo(() => groupMap(hostList, groupLists), [hostList, groupLists]);
  // A pinned, marked, edited or redacted event keeps its own row rather than fold into a run.
  const rows = useMemo(
    () => timelineRows(shown, (e) => annotations.edits.has(e.seq) || annotations.redactions.has(e.seq) || markWords(annotations, e.seq).length > 0),
    [shown, annotations],
  );
  const marksOf = (seq: number): string | undefined => {
    const words = markWords(annotations, seq);
    return words.length > 0 ? words.join(' · ') : undefined;
  };
  const list = useRef<HTMLDivElement>(null);
  const stick = useRef(true);
  const focus = useWarroom((s) => s.timelineFocus);
  const picked = useWarroom((s) => s.timelinePick);
  // A clicked citation whose event the filters hide shows the whole timeline again.
  useEffect(() => {
    if (!focus) return;
    // A big journal still arriving: the cited event and its neighbours are fetched first.
    if (!has(events, focus.seq)) void controller.timeline.reveal(focus.seq);
    if (shown.some((e) => e.seq === focus.seq)) return;
    setKind('all');
    setHost('');
    setSearch('');
    // Only a new click moves the filters, not every new event.
  }, [focus]);
  useEffect(() => {
    if (!focus) return;
    stick.current = false;
    // A virtualized timeline renders the row only once VirtualRows has scrolled to it: look for a few frames.
    let frame = 0;
    let tries = 0;
    const find = () => {
      const row = list.current?.querySelector(`[data-testid="timeline-event"][data-seq="${focus.seq}"]`);
      if (!row) {
        if (++tries < 20) frame = requestAnimationFrame(find);
        return;
      }
      // Inside a folded run of connection events: open the run.
      for (let d = row.parentElement?.closest('details'); d; d = d.parentElement?.closest('details')) d.open = true;
      row.scrollIntoView({ block: 'center' });
    };
    find();
    return () => cancelAnimationFrame(frame);
  }, [focus, rows]);
  const lastTop = useRef(0);
  // Opening (or closing) a run resizes the list: stay on the row the user clicked, not the newest event.
  const release = () => {
    stick.current = false;
  };

  useLayoutEffect(() => {
    const element = list.current;
    if (element && stick.current && rows.length <= VIRTUAL_ABOVE) element.scrollTop = element.scrollHeight;
  }, [shown, rows.length]);

  // Panels below (an export preview, a form) can shrink the list: stay on the newest event.
  useEffect(() => {
    const element = list.current;
    if (!element) return;
    const observer = new ResizeObserver(() => {
      if (stick.current) element.scrollTop = element.scrollHeight;
    });
    observer.observe(element);
    return () => observer.disconnect();
  }, []);

  const one = (e: JournalEvent) => (
    <TimelineEvent
      key={e.seq}
      event={e}
      edited={annotations.edits.get(e.seq)?.at(-1)?.text}
      redacted={annotations.redactions.get(e.seq)?.reason}
      marks={marksOf(e.seq)}
      groups={groups}
      focused={focus?.seq === e.seq}
      picked={picked === e.seq}
    />
  );
  const renderRow = (row: Row): ReactNode =>
    'event' in row ? (
      one(row.event)
    ) : (
      <TimelineRun key={rowKey(row)} run={row.run} events={row.events} groups={groups} onOpen={release}>
        {row.events.map(one)}
      </TimelineRun>
    );

  return (
    <section className="panel timeline" aria-label="Timeline">
      <div className="section-title">
        Timeline <span className="muted">{shown.length === events.length ? total : `${shown.length} of ${total}`}</span>
        {missing > 0 ? (
          <span className="timeline-loading" data-testid="timeline-loading">
            fetching {missing} older events…
          </span>
        ) : null}
      </div>
      {events.length > 0 ? (
        <div className="timeline-filter" role="group" aria-label="Filter the timeline">
          {KINDS.map((k) => (
            <button
              type="button"
              key={k}
              className={k === kind ? 'chip active' : 'chip'}
              aria-pressed={k === kind}
              data-testid="timeline-filter"
              data-kind={k}
              onClick={() => setKind(k)}
            >
              {k}
            </button>
          ))}
          {hosts.length > 0 ? (
            <select data-testid="timeline-host" aria-label="Only events about this host" value={host} onChange={(e) => setHost(e.target.value)}>
              <option value="">any host</option>
              {hosts.map((h) => (
                <option key={h} value={h}>
                  {h}
                </option>
              ))}
            </select>
          ) : null}
          <TimelineExtras actors={actors} />
          <input
            type="search"
            data-testid="timeline-search"
            aria-label="Search the timeline"
            placeholder="Search the timeline"
            value={search}
            onChange={(e) => setSearch(e.target.value)}
          />
        </div>
      ) : null}
      <div
        className="timeline-scroll"
        ref={list}
        onScroll={(e) => {
          // Scroll events arrive a frame late, after layout may have moved: only a move up is the
          // user leaving the bottom; reaching the bottom again re-attaches.
          const el = e.currentTarget;
          if (el.scrollTop < lastTop.current - 2) stick.current = false;
          if (el.scrollHeight - el.scrollTop - el.clientHeight < 24) stick.current = true;
          lastTop.current = el.scrollTop;
        }}
      >
        {events.length === 0 ? <p className="muted small">Events appear here once an incident is declared.</p> : null}
        {rows.length > VIRTUAL_ABOVE ? (
          <VirtualRows rows={rows} scroller={list} render={renderRow} stick={stick} focus={focus?.seq} />
        ) : (
          <ol className="events">{rows.map(renderRow)}</ol>
        )}
      </div>
      <NoteBox />
    </section>
  );
}

function NoteBox() {
  const controller = useController();
  const [text, setText] = useState('');
  const [busy, setBusy] = useState(false);
  const hasIncident = useWarroom((s) => s.incident !== null);

  const submit = async () => {
    const value = text.trim();
    if (value === '' || busy) return;
    setBusy(true);
    // Keep the text until the journal has it: a note is never lost to a failed request.
    const ok = await controller.incident.note(value);
    setBusy(false);
    if (ok) setText('');
  };
  const onKey = (e: KeyboardEvent<HTMLTextAreaElement>) => {
    if (e.key === 'Enter' && !e.shiftKey && !e.nativeEvent.isComposing) {
      e.preventDefault();
      void submit();
    }
  };
  return (
    <div className="note">
      <textarea
        data-testid="note-input"
        rows={2}
        placeholder={hasIncident ? 'Note for the timeline (Enter adds, Shift+Enter new line)' : 'Declare an incident to take notes'}
        value={text}
        onChange={(e) => setText(e.target.value)}
        onKeyDown={onKey}
      />
      <button type="button" data-testid="note-submit" disabled={busy || text.trim() === ''} onClick={() => void submit()}>
        Add note
      </button>
    </div>
  );
}
