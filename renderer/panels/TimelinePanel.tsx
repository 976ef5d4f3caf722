import { useEffect, useLayoutEffect, useMemo, useRef, useState, type KeyboardEvent, type ReactNode } from 'react';
import { markWords } from '../../shared/model/annotations';
import type { JournalEvent } from '../../shared/model/incident';
import { useController, useWarroom } from '../app/context';
import { groupMap } from '../store/hostsSlice';
import { has } from '../app/timelinePages';
import { TimelineExtras } from './incident/TimelineExtras';
import { TimelineEvent, TimelineRun } from './timeline/TimelineRows';
import { KINDS, useTimeline } from './timeline/useTimeline';
import { VIRTUAL_ABOVE, VirtualRows, rowKey, type Row } from './timeline/VirtualRows';

/** The journal as it grows; follows the newest event unless the user scrolled up to read. */
export function TimelinePanel() {
  const controller = useController();
  const { events, annotations, total, missing, kind, setKind, host, setHost, search, setSearch, hosts, actors, shown, rows } = useTimeline();
  const hostList = useWarroom((s) => s.hosts);
  const groupLists = useWarroom((s) => s.groups);
  const groups = useMemo(() => groupMap(hostList, groupLists), [hostList, groupLists]);
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
  // A journal still arriving is virtualized from its first page: it will be long.
  const virtual = rows.length > VIRTUAL_ABOVE || missing > 0;
  const lastTop = useRef(0);
  // Opening (or closing) a run resizes the list: stay on the row the user clicked, not the newest event.
  const release = () => {
    stick.current = false;
  };

  useLayoutEffect(() => {
    const element = list.current;
    if (element && stick.current && !virtual) element.scrollTop = element.scrollHeight;
  }, [shown, virtual]);

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
        {virtual ? (
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
