/**
 * The one way a span of time reads, in the window and in every export: "45s", "12m 30s",
 * "3h 05m 00s", "333d 04h 05m". Units below the shown ones are cut off (a clock at 59.9 s still
 * reads "59s", like a stopwatch), so the text never claims more time than passed. A negative span
 * (milestones set out of order) reads as the same text after a minus sign, never as a remainder.
 */
export function formatDuration(ms: number): string {
  if (!Number.isFinite(ms)) return '—';
  const total = Math.floor(Math.abs(ms) / 1000);
  const s = total % 60;
  const m = Math.floor(total / 60) % 60;
  const h = Math.floor(total / 3600) % 24;
  const d = Math.floor(total / 86_400);
  const pad = (n: number) => String(n).padStart(2, '0');
  const text = d > 0 ? `${d}d ${pad(h)}h ${pad(m)}m` : h > 0 ? `${h}h ${pad(m)}m ${pad(s)}s` : m > 0 ? `${m}m ${pad(s)}s` : `${s}s`;
  // Less than a second either way reads "0s": a signed zero would only confuse.
  return ms < 0 && total > 0 ? `\u2212${text}` : text;
}
