import { annotationsOf, type Edit, type Redaction } from '../../shared/model/annotations';
import type { IncidentDetails, MarkerKind } from '../../shared/model/incident';

/** What later events say about one event: its markers, pin, corrections and attachments. */
export interface EventAnnotations {
  pinned: boolean;
  markers: MarkerKind[];
  edits: Edit[];
  redactions: Redaction[];
  attachments: IncidentDetails['attachments'];
}

/**
 * Annotations by the seq they point at, read through the same shape the journal is folded into
 * (shared/model/annotations.ts). An entry equal to the previous one is the previous object, so a
 * timeline row re-renders only when its own annotations change, not on every details refresh.
 */
export function indexAnnotations(details: IncidentDetails | null, previous: Readonly<Record<number, EventAnnotations>> = {}): Record<number, EventAnnotations> {
  if (!details) return {};
  const a = annotationsOf(details);
  const attachments = new Map<number, IncidentDetails['attachments']>();
  for (const item of details.attachments) if (item.ref !== undefined) attachments.set(item.ref, [...(attachments.get(item.ref) ?? []), item]);
  const seqs = new Set([...a.pinned, ...a.markers.keys(), ...a.edits.keys(), ...a.redactions.keys(), ...attachments.keys()]);
  const out: Record<number, EventAnnotations> = {};
  for (const seq of seqs) {
    const redaction = a.redactions.get(seq);
    const value: EventAnnotations = {
      pinned: a.pinned.has(seq),
      markers: [...(a.markers.get(seq) ?? [])],
      edits: a.edits.get(seq) ?? [],
      redactions: redaction ? [redaction] : [],
      attachments: attachments.get(seq) ?? [],
    };
    const before = previous[seq];
    out[seq] = before && JSON.stringify(before) === JSON.stringify(value) ? before : value;
  }
  return out;
}
