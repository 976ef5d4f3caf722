import { useDeferredValue, useEffect, useMemo, useRef, useState } from 'react';
import { foldAnnotations, markWords, type Annotations } from '../../../shared/model/annotations';
import { timelineRows } from '../../../shared/model/timelineRuns';
import type { JournalEvent } from '../../../shared/model/incident';
import { useWarroom, useWarroomValue } from '../../app/context';
import { TIMELINE_KINDS, buildFilter, type TimelineKind } from '../../format/timelineFilter';
import { TimelineIndex, prepareSearch } from '../../format/timelineIndex';
import type { Row } from './VirtualRows';

export type Kind = TimelineKind | 'all' | 'pinned';
export const KINDS: Kind[] = ['all', ...(Object.keys(TIMELINE_KINDS) as TimelineKind[]), 'pinned'];

/** What the timeline panel shows: the journal, the user's filters and search, and the rows they leave. */
export interface TimelineView {
  events: readonly JournalEvent[];
  annotations: Annotations;
  /** The journal's count, events not fetched yet included. */
  total: number;
  /** Events not fetched yet (a big journal arrives newest page first). */
  missing: number;
  kind: Kind;
  setKind: (kind: Kind) => void;
  host: string;
  setHost: (host: string) => void;
  /** The search box's text (the list follows it deferred, see `shown`). */
  search: string;
  setSearch: (search: string) => void;
  /** Every host and actor named on the timeline, for the filters. */
  hosts: string[];
  actors: string[];
  /** The events the filters and search leave, in order. */
  shown: readonly JournalEvent[];
  /** `shown` as rows: runs of connection events fold into one. */
  rows: Row[];
}

/**
 * The timeline's state and the work behind its answers, kept off the panel: the index (extended as
 * the journal grows), the search texts (prepared while nobody searches), the filtered events and
 * their rows (the last few answers kept, so clearing a search or a filter is no new walk over a
 * 100,000-event journal).
 */
export function useTimeline(): TimelineView {
  const events = useWarroomValue((s) => s.events);
  const olderThan = useWarroom((s) => s.olderThan);
  const annotations = useMemo(() => foldAnnotations(events), [events]);
  // Kept across renders: a new event extends the index instead of rebuilding it.
  const indexed = useRef(new TimelineIndex());
  const index = useMemo(() => (indexed.current = indexed.current.update(events)), [events]);
  // The search texts, prepared while nobody searches (already prepared events cost nothing).
  useEffect(() => prepareSearch(events, annotations, 2000, () => index.prepareCorpus()), [events, annotations, index]);
  const hosts = useMemo(() => index.hosts(), [index]);
  const actors = useMemo(() => index.actors(), [index]);
  const [kind, setKind] = useState<Kind>('all');
  const [host, setHost] = useState('');
  const [search, setSearch] = useState('');
  // Typing stays responsive; the list follows as soon as it can.
  const query = useDeferredValue(search);
  const extra = useWarroom((s) => s.timelineExtra);
  const shown = useMemo(() => index.filter({ ...buildFilter(kind, host), ...extra }, annotations, query), [index, kind, host, annotations, extra, query]);
  // Events not fetched yet; seqs run from 1 without gaps.
  const missing = useMemo(() => (olderThan === null ? 0 : Math.max(0, olderThan - 1 - events.findIndex((e) => e.seq >= olderThan))), [events, olderThan]);
  const rowsCache = useRef(new RowsCache());
  const rows = useMemo(() => rowsCache.current.rows(shown, annotations), [shown, annotations]);
  return { events, annotations, total: events.length + missing, missing, kind, setKind, host, setHost, search, setSearch, hosts, actors, shown, rows };
}

/** How many filtered lists keep their rows: the whole journal, the last filter and the last search. */
const KEEP_ROWS = 3;

/** Rows of the last few filtered lists, for the same annotations (a pin or an edit changes which events fold). */
export class RowsCache {
  private annotations: Annotations | undefined;
  private readonly kept = new Map<readonly JournalEvent[], Row[]>();

  rows(shown: readonly JournalEvent[], annotations: Annotations): Row[] {
    if (annotations !== this.annotations) {
      this.kept.clear();
      this.annotations = annotations;
    }
    const known = this.kept.get(shown);
    if (known) {
      // Most recently used last.
      this.kept.delete(shown);
      this.kept.set(shown, known);
      return known;
    }
    // A pinned, marked, edited or redacted event keeps its own row rather than fold into a run.
    const rows = timelineRows(shown, (e) => annotations.edits.has(e.seq) || annotations.redactions.has(e.seq) || markWords(annotations, e.seq).length > 0);
    this.kept.set(shown, rows);
    if (this.kept.size > KEEP_ROWS) this.kept.delete(this.kept.keys().next().value as readonly JournalEvent[]);
    return rows;
  }
}
