/** "2026-11-25 10:05:24 UTC": full date, always UTC, so a write-up never depends on where it was read. */
export function formatUtc(iso: string | number | Date): string {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return String(iso);
  return `${d.toISOString().slice(0, 10)} ${d.toISOString().slice(11, 19)} UTC`;
}

/** Local wall-clock time, for the commander's own sense of "how long ago". */
export function formatLocalTime(iso: string | number | Date): string {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return '';
  const pad = (n: number) => String(n).padStart(2, '0');
  // Always with the date: incidents run past midnight, and a bare time is ambiguous.
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())} ${pad(d.getHours())}:${pad(d.getMinutes())}:${pad(d.getSeconds())} local`;
}

/** Elapsed time and clocks read like every other duration (shared/model/duration.ts), signs included. */
export { formatDuration as formatElapsed } from '../../shared/model/duration';
