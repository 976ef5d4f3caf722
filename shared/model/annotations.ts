/**
 * What later events say about earlier ones (markers, pins, corrections, redactions), folded from the
 * journal in one place for the Node side's incident state and the window's timeline. The entry
 * shapes are IncidentDetails' own, less the `ref` that is their key here.
 */
import { eventData, type IncidentDetails, type JournalEvent, type MarkerKind } from './incident';

export type Edit = Omit<IncidentDetails['edits'][number], 'ref'>;
export type Redaction = Omit<IncidentDetails['redactions'][number], 'ref'>;

/** Keyed by the seq of the event they annotate. */
export interface Annotations {
  /** Only events with at least one marker on. */
  markers: Map<number, Set<MarkerKind>>;
  pinned: Set<number>;
  /** Oldest first; the last is the current text. */
  edits: Map<number, Edit[]>;
  /** The latest redaction of each event. */
  redactions: Map<number, Redaction>;
}

export function emptyAnnotations(): Annotations {
  return { markers: new Map(), pinned: new Set(), edits: new Map(), redactions: new Map() };
}

/** Applies one event in place (events only ever append); false when it annotates nothing. */
export function applyAnnotation(a: Annotations, e: JournalEvent): boolean {
  const marker = eventData(e, 'marker');
  if (marker) {
    const set = a.markers.get(marker.ref) ?? new Set<MarkerKind>();
    if (marker.on) set.add(marker.marker);
    else set.delete(marker.marker);
    if (set.size > 0) a.markers.set(marker.ref, set);
    else a.markers.delete(marker.ref);
    return true;
  }
  const pin = eventData(e, 'pin');
  if (pin) {
    if (pin.pinned) a.pinned.add(pin.ref);
    else a.pinned.delete(pin.ref);
    return true;
  }
  const edit = eventData(e, 'event.edited');
  if (edit) {
    const list = a.edits.get(edit.ref) ?? [];
    list.push({ seq: e.seq, ts: e.ts, actor: e.actor, text: edit.text, ...(edit.reason ? { reason: edit.reason } : {}) });
    a.edits.set(edit.ref, list);
    return true;
  }
  const redacted = eventData(e, 'event.redacted');
  if (redacted) {
    a.redactions.set(redacted.ref, { seq: e.seq, ts: e.ts, actor: e.actor, reason: redacted.reason });
    return true;
  }
  return false;
}

export function foldAnnotations(events: readonly JournalEvent[]): Annotations {
  const a = emptyAnnotations();
  for (const e of events) applyAnnotation(a, e);
  return a;
}

/** Pins and markers of one event, pins first: the words the timeline and the write-up tag it with. */
export function markWords(a: Pick<Annotations, 'markers' | 'pinned'>, seq: number): string[] {
  // Asked for every event on the timeline, and most have neither: no arrays built for them.
  const pinned = a.pinned.has(seq);
  const markers = a.markers.get(seq);
  if (!markers) return pinned ? ['pinned'] : [];
  return pinned ? ['pinned', ...markers] : [...markers];
}

/** The same annotations read back from IncidentDetails (the form they cross the contract in). */
export function annotationsOf(details: Pick<IncidentDetails, 'markers' | 'pinned' | 'edits' | 'redactions'>): Annotations {
  const a = emptyAnnotations();
  for (const m of details.markers) if (m.markers.length > 0) a.markers.set(m.seq, new Set(m.markers));
  for (const seq of details.pinned) a.pinned.add(seq);
  for (const { ref, ...edit } of details.edits) a.edits.set(ref, [...(a.edits.get(ref) ?? []), edit]);
  for (const { ref, ...redaction } of details.redactions) a.redactions.set(ref, redaction);
  return a;
}
