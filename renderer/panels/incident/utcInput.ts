/**
 * Milestone times are typed in UTC ("2026-11-25 09:41" or with seconds): the journal and the
 * write-up speak UTC, and a commander in another zone must not shift the record by their offset.
 */
const UTC_INPUT = /^\s*(\d{4})-(\d{2})-(\d{2})[ T](\d{2}):(\d{2})(?::(\d{2}))?\s*(?:UTC|Z)?\s*$/i;

export type ParsedTime = { ok: true; iso: string } | { ok: false; error: string };

export function parseUtcInput(text: string): ParsedTime {
  const m = UTC_INPUT.exec(text);
  if (!m) return { ok: false, error: `"${text.trim()}" is not a UTC time like 2026-11-25 09:41 or 2026-11-25 09:41:30` };
  const [year, month, day, hour, minute, second] = m.slice(1).map((v) => (v === undefined ? 0 : Number(v))) as [number, number, number, number, number, number];
  const ms = Date.UTC(year, month - 1, day, hour, minute, second);
  const d = new Date(ms);
  // Date.UTC rolls 2026-02-30 over into March; a typo must not become a different day.
  if (d.getUTCFullYear() !== year || d.getUTCMonth() !== month - 1 || d.getUTCDate() !== day || hour > 23 || minute > 59 || second > 59) {
    return { ok: false, error: `"${text.trim()}" is not a real date and time` };
  }
  return { ok: true, iso: d.toISOString() };
}

/** The form the input shows for a time: what parseUtcInput reads back. */
export function formatUtcInput(time: number | string): string {
  const iso = new Date(time).toISOString();
  return `${iso.slice(0, 10)} ${iso.slice(11, 19)}`;
}
