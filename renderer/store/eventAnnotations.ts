import type { IncidentDetails, MarkerKind } from '../../shared/model/incident';

/** What later events say about one event: its markers, pin, corrections and attachments. */
export interface EventAnnotations {
  pinned: boolean;
  markers: MarkerKind[];
  edits: IncidentDetails['edits'];
  redactions: IncidentDetails['redactions'];
  attachments: IncidentDetails['attachments'];
}

/**
 * Annotations by the seq they point at. An entry equal to the previous one is the previous object,
 * so a timeline row re-renders only when its own annotations change, not on every details refresh.
 */
export function indexAnnotations(details: IncidentDetails | null, previous: Readonly<Record<number, EventAnnotations>> = {}): Record<number, EventAnnotations> {
  if (!details) return {};
  const out: Record<number, EventAnnotations> = {};
  const entry = (seq: number): EventAnnotations => (out[seq] ??= { pinned: false, markers: [], edits: [], redactions: [], attachments: [] });
  for (const seq of details.pinned) entry(seq).pinned = true;
  for (const m of details.markers) if (m.markers.length > 0) entry(m.seq).markers = [...m.markers];
  for (const e of details.edits) entry(e.ref).edits.push(e);
  for (const r of details.redactions) entry(r.ref).redactions.push(r);
  for (const a of details.attachments) if (a.ref !== undefined) entry(a.ref).attachments.push(a);
  for (const [key, value] of Object.entries(out)) {
    const seq = Number(key);
    const before = previous[seq];
    if (before && JSON.stringify(before) === JSON.stringify(value)) out[seq] = before;
  }
  return out;
}
