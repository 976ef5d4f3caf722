import { eventHosts, matchesTimelineFilter, type JournalEvent, type TimelineFilter } from '../../shared/model/incident';
import type { Annotations } from '../../shared/model/annotations';
import { describeEvent } from './timeline';

/**
 * The timeline's filters and search over a 100,000-event journal within 100 ms: positions of the
 * events by type, host and actor, kept as the journal grows (an append extends them, a page of
 * older events rebuilds them). A filter walks only the shortest list its criteria name and checks
 * each event there with matchesTimelineFilter itself, so it answers exactly what a scan would.
 */
export class TimelineIndex {
  private events: readonly JournalEvent[] = [];
  private byType = new Map<string, number[]>();
  private byHost = new Map<string, number[]>();
  private byActor = new Map<string, number[]>();
  /** The last answers (see filter), for the annotations they were given. */
  private readonly answers = new Map<string, { criteria: string; words: readonly string[]; events: readonly JournalEvent[] }>();
  private answered: Annotations | undefined;
  /** The plain search texts, joined (see searchCorpus); built on the first search or by prepareSearch. */
  private corpus: Corpus | undefined;
  /** The corpus of the index this one grew from, extended on the first search. */
  private grownFrom: Corpus | undefined;

  /** The index of `events`, reusing this one's work when `events` only adds to the end of what it indexed. */
  update(events: readonly JournalEvent[]): TimelineIndex {
    if (events === this.events) return this;
    const next = new TimelineIndex();
    const old = this.events;
    const appended = old.length > 0 && events.length >= old.length && events[old.length - 1] === old[old.length - 1] && events[0] === old[0];
    if (appended) {
      // Lists are copied on write only for the keys the new events touch; the rest are shared.
      next.byType = new Map(this.byType);
      next.byHost = new Map(this.byHost);
      next.byActor = new Map(this.byActor);
      next.add(events, old.length, true);
      next.grownFrom = this.corpus ?? this.grownFrom;
    } else next.add(events, 0, false);
    next.events = events;
    return next;
  }

  private add(events: readonly JournalEvent[], from: number, copy: boolean): void {
    const touched = new Set<number[]>();
    const put = (map: Map<string, number[]>, key: string, at: number) => {
      let list = map.get(key);
      if (!list) map.set(key, (list = []));
      else if (copy && !touched.has(list)) map.set(key, (list = [...list]));
      touched.add(list);
      if (list[list.length - 1] !== at) list.push(at);
    };
    for (let i = from; i < events.length; i++) {
      const e = events[i] as JournalEvent;
      put(this.byType, e.type, i);
      put(this.byActor, e.actor, i);
      for (const h of eventHosts(e)) put(this.byHost, h, i);
    }
  }

  /** Every host named on the timeline, sorted, for the host filter. */
  hosts(): string[] {
    return [...this.byHost.keys()].sort((a, b) => a.localeCompare(b));
  }

  /** Every actor on the timeline, sorted, for the actor filter. */
  actors(): string[] {
    return [...this.byActor.keys()].sort((a, b) => a.localeCompare(b));
  }

  /**
   * The events matching `filter` (and every word of `search`, see `searchText`), in order. With
   * no criterion at all, the indexed array itself. The same question asked again gets the same
   * array (the rows built from it are kept by identity), and a search that only narrows the last
   * one (typing on: every old word is inside a new one) walks the last answer, not the journal.
   */
  filter(filter: TimelineFilter, annotations: Annotations, search = ''): readonly JournalEvent[] {
    const words = searchWords(search);
    const candidates = this.candidates(filter, annotations);
    if (candidates === undefined && words.length === 0) return this.events;
    if (annotations !== this.answered) {
      this.answers.clear();
      this.answered = annotations;
    }
    const criteria = JSON.stringify(filter);
    const key = `${criteria}\n${words.join(' ')}`;
    const known = this.answers.get(key);
    if (known) return known.events;
    const test = (e: JournalEvent) => matchesTimelineFilter(e, filter, annotations) && (words.length === 0 || matchesWords(e, words, annotations));
    const narrowed = this.narrowest(criteria, words);
    const hits = narrowed || words.length === 0 ? undefined : this.searchHits(words, annotations);
    const out: JournalEvent[] = [];
    if (narrowed) {
      for (const e of narrowed) if (test(e)) out.push(e);
    } else if (hits && (candidates === undefined || hits.length <= candidates.length)) {
      for (const i of hits) {
        const e = this.events[i] as JournalEvent;
        if (test(e)) out.push(e);
      }
    } else if (candidates === undefined) {
      for (const e of this.events) if (test(e)) out.push(e);
    } else {
      for (const i of candidates) {
        const e = this.events[i] as JournalEvent;
        if (test(e)) out.push(e);
      }
    }
    this.answers.set(key, { criteria, words, events: out });
    if (this.answers.size > KEEP_ANSWERS) this.answers.delete(this.answers.keys().next().value as string);
    return out;
  }

  /**
   * Positions that may match `words`: those whose plain text holds the rarest word (one native
   * indexOf over the joined texts per hit, not a test of every event), and every corrected
   * (edited or redacted) event, whose shown text is not its plain one. Sorted; each event once.
   * Undefined when a word holds the separator.
   */
  private searchHits(words: readonly string[], annotations: Annotations): number[] | undefined {
    if (words.some((w) => w.includes(SEPARATOR))) return undefined;
    const { text, starts, count } = this.searchCorpus();
    // The rarest word's events: longest first (likely rarest), each next word given up as soon as
    // it holds more events than the best so far ("observation 77777:" walks 1 event, not 66,666).
    let hits: number[] | undefined;
    for (const word of [...words].sort((a, b) => b.length - a.length)) {
      const limit = hits?.length ?? Infinity;
      const found: number[] = [];
      for (let at = text.indexOf(word); at >= 0 && found.length < limit; ) {
        const i = lastAtOrBefore(starts, count, at);
        found.push(i);
        at = i + 1 < count ? text.indexOf(word, starts[i + 1] as number) : -1;
      }
      if (found.length < limit) hits = found;
    }
    if (!hits) return [];
    const corrected = this.positions(new Set([...annotations.edits.keys(), ...annotations.redactions.keys()]));
    if (corrected.length === 0) return hits;
    return [...new Set([...hits, ...corrected])].sort((x, y) => x - y);
  }

  /** The plain search texts of the indexed events, each followed by the separator, and where each starts. */
  private searchCorpus(): Corpus {
    if (this.corpus) return this.corpus;
    const from = this.grownFrom;
    // The starts list is shared with the index this one grew from while nobody else extended it.
    const starts = from && from.starts.length === from.count ? from.starts : (from?.starts.slice(0, from.count) ?? []);
    const parts: string[] = [];
    let offset = from?.text.length ?? 0;
    for (let i = from?.count ?? 0; i < this.events.length; i++) {
      const t = searchText(this.events[i] as JournalEvent, NO_CORRECTIONS) + SEPARATOR;
      starts.push(offset);
      parts.push(t);
      offset += t.length;
    }
    this.corpus = { text: (from?.text ?? '') + parts.join(''), starts, count: this.events.length };
    this.grownFrom = undefined;
    return this.corpus;
  }

  /** Builds the search corpus now (prepareSearch calls it once the texts are prepared). */
  prepareCorpus(): void {
    this.searchCorpus();
  }

  /**
   * The shortest kept answer for the same filter whose search every match of `words` also matches
   * (each of its words is inside one of `words`), or undefined.
   */
  private narrowest(criteria: string, words: readonly string[]): readonly JournalEvent[] | undefined {
    let best: readonly JournalEvent[] | undefined;
    for (const a of this.answers.values()) {
      if (a.criteria !== criteria || a.words.length === 0) continue;
      if (!a.words.every((old) => words.some((w) => w.includes(old)))) continue;
      if (!best || a.events.length < best.length) best = a.events;
    }
    return best;
  }

  /** The shortest sorted list of positions that holds every match; undefined: no criterion narrows. */
  private candidates(f: TimelineFilter, a: Annotations): readonly number[] | undefined {
    const lists: (readonly number[])[] = [];
    if (f.types?.length) lists.push(union(f.types.map((t) => this.byType.get(t) ?? [])));
    if (f.hosts?.length) lists.push(union(f.hosts.map((h) => this.byHost.get(h) ?? [])));
    if (f.actors?.length) lists.push(union(f.actors.map((x) => this.byActor.get(x) ?? [])));
    if (f.pinnedOnly) lists.push(this.positions(a.pinned));
    if (f.markers?.length) lists.push(this.positions(new Set([...a.markers.keys()])));
    if (lists.length === 0) return undefined;
    return lists.reduce((best, l) => (l.length < best.length ? l : best));
  }

  /** Positions of these seqs among the indexed events, sorted (events are ordered by seq). */
  private positions(seqs: ReadonlySet<number>): number[] {
    const out: number[] = [];
    for (const seq of seqs) {
      const i = positionOf(this.events, seq);
      if (i >= 0) out.push(i);
    }
    return out.sort((x, y) => x - y);
  }
}

/** Between two events' texts in the corpus: a character no search word holds (words with it take the slow path). */
const SEPARATOR = '\u0001';

const NO_CORRECTIONS: Pick<Annotations, 'edits' | 'redactions'> = { edits: new Map(), redactions: new Map() };

interface Corpus {
  text: string;
  /** Where each event's text starts; only the first `count` belong to this corpus (the list may be shared with a grown one). */
  starts: number[];
  count: number;
}

/** The last i < count with starts[i] <= at. */
function lastAtOrBefore(starts: readonly number[], count: number, at: number): number {
  let lo = 0;
  let hi = count;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if ((starts[mid] as number) <= at) lo = mid + 1;
    else hi = mid;
  }
  return lo - 1;
}

/** Answers kept per index: the filters and searches of the last few keystrokes and clicks. */
const KEEP_ANSWERS = 8;

/** Sorted positions from several sorted lists, each once. */
function union(lists: (readonly number[])[]): readonly number[] {
  const nonEmpty = lists.filter((l) => l.length > 0);
  if (nonEmpty.length <= 1) return nonEmpty[0] ?? [];
  return [...new Set(nonEmpty.flat())].sort((x, y) => x - y);
}

/** Where `seq` is in the seq-ordered `events`, or -1 (binary search: the journal may hold 100,000). */
export function positionOf(events: readonly JournalEvent[], seq: number): number {
  let lo = 0;
  let hi = events.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    const at = (events[mid] as JournalEvent).seq;
    if (at === seq) return mid;
    if (at < seq) lo = mid + 1;
    else hi = mid;
  }
  return -1;
}

/** The words of a timeline search, lower-cased: an event matches when its text holds every one. */
export function searchWords(search: string): string[] {
  return search.toLowerCase().split(/\s+/).filter((w) => w !== '');
}

/** Texts of events without corrections, prepared once per event (events never change; corrections are later events). */
const prepared = new WeakMap<JournalEvent, string>();

/**
 * What a search looks in, lower-cased: the event as the timeline shows it (label, text, detail,
 * hosts) and its actor. An edited event is found by its corrected text, a redacted one never by
 * what was redacted.
 */
export function searchText(e: JournalEvent, annotations: Pick<Annotations, 'edits' | 'redactions'>): string {
  const edited = annotations.edits.get(e.seq)?.at(-1)?.text;
  const redacted = annotations.redactions.get(e.seq)?.reason;
  const plain = edited === undefined && redacted === undefined;
  if (plain) {
    const known = prepared.get(e);
    if (known !== undefined) return known;
  }
  const view = describeEvent(e, { ...(edited !== undefined ? { edited } : {}), ...(redacted !== undefined ? { redacted } : {}) });
  const text = `${view.label}\n${view.text}\n${view.detail ?? ''}\n${view.hosts.join(' ')}\n${e.actor}`.toLowerCase();
  if (plain) prepared.set(e, text);
  return text;
}

/**
 * Prepares the search texts of `events` a slice per turn of the event loop, so that the first
 * search of a 100,000-event timeline does not pay for them, then calls `done` (the index joins
 * them into its corpus). Returns the cancel.
 */
export function prepareSearch(events: readonly JournalEvent[], annotations: Pick<Annotations, 'edits' | 'redactions'>, slice = 2000, done?: () => void): () => void {
  let at = 0;
  let timer: ReturnType<typeof setTimeout> | undefined;
  const step = () => {
    const end = Math.min(events.length, at + slice);
    for (; at < end; at++) searchText(events[at] as JournalEvent, annotations);
    if (at < events.length) timer = setTimeout(step, 0);
    else done?.();
  };
  timer = setTimeout(step, 0);
  return () => clearTimeout(timer);
}

/** Whether the event's search text holds every one of `words` (as searchWords gives them). */
export function matchesWords(e: JournalEvent, words: readonly string[], annotations: Pick<Annotations, 'edits' | 'redactions'>): boolean {
  const text = searchText(e, annotations);
  return words.every((w) => text.includes(w));
}
