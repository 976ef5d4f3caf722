import type { SearchHit } from '../../../shared/model/incidentList';

/** "db-01: exit 0, db-02: exit 1" (null is a host that gave no exit code: killed, or the link fell). */
export function describeExitCodes(hit: Pick<SearchHit, 'exitCodes'>): string | undefined {
  if (!hit.exitCodes) return undefined;
  const parts = Object.entries(hit.exitCodes).map(([host, code]) => `${host}: ${code === null ? 'no exit code' : `exit ${code}`}`);
  return parts.length > 0 ? parts.join(', ') : undefined;
}

/** Newest first: "who LAST ran it" is the question a search answers most. */
export function newestFirst(hits: readonly SearchHit[]): SearchHit[] {
  return [...hits].sort((a, b) => (a.ts === b.ts ? b.seq - a.seq : a.ts < b.ts ? 1 : -1));
}
