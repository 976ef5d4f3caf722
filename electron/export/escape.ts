/**
 * Terminal output, commands and notes are untrusted: they must render as the text they are, never
 * as Markdown structure or raw HTML, and must not carry terminal escape sequences into a file that
 * someone may `cat`.
 */

/** Control characters become their visible Control Pictures (ESC → ␛), newlines become ↵. */
export function visibleControls(text: string): string {
  return text.replace(/\r\n|[\u0000-\u001f\u007f-\u009f]/g, (c) => {
    if (c === '\r\n' || c === '\n') return '↵ ';
    if (c === '\t') return ' ';
    const code = c.charCodeAt(0);
    if (code < 0x20) return String.fromCharCode(0x2400 + code);
    if (code === 0x7f) return '␡';
    return '\ufffd';
  });
}

/**
 * Text in a paragraph, list item or table cell: it renders as the text it is and reads cleanly raw.
 * Inline markup characters are backslash-escaped everywhere; the characters that only start a block
 * (heading, list, numbered list) are escaped only where a block starts, since the text is one line.
 * <, > and & become entities so no HTML survives.
 */
export function mdText(text: string): string {
  return visibleControls(text)
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/[\\`*_[\]|~]/g, (c) => `\\${c}`)
    .replace(/^(\s*)([#+=-])/, '$1\\$2')
    .replace(/^(\s*\d+)([.)])/, '$1\\$2');
}

/**
 * A code span that holds any text: the fence is one backtick longer than the longest run inside,
 * padded with spaces, and `|` is escaped so a GFM table cell does not split (GFM unescapes `\|`
 * inside code spans in tables, and nowhere else, so use only in table cells).
 */
export function mdCodeCell(text: string): string {
  const visible = visibleControls(text);
  const longest = Math.max(0, ...(visible.match(/`+/g) ?? []).map((run) => run.length));
  const fence = '`'.repeat(longest + 1);
  const body = visible.replace(/\|/g, '\\|');
  return `${fence} ${body} ${fence}`;
}

/** A code span outside tables (no pipe escaping, which would show literally there). */
export function mdCode(text: string): string {
  const visible = visibleControls(text);
  const longest = Math.max(0, ...(visible.match(/`+/g) ?? []).map((run) => run.length));
  const fence = '`'.repeat(longest + 1);
  return `${fence} ${visible} ${fence}`;
}

/**
 * A fenced code block holding any text, lines kept: the fence is longer than any backtick run
 * inside, so the text cannot close it, and control characters other than newline and tab are made
 * visible (no escape sequence reaches a terminal that shows the file).
 */
export function mdFence(text: string): string {
  const body = text
    .replace(/\r\n/g, '\n')
    .replace(/\n$/, '')
    .replace(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/g, (c) => {
      const code = c.charCodeAt(0);
      if (code < 0x20) return String.fromCharCode(0x2400 + code);
      return code === 0x7f ? '␡' : '\ufffd';
    });
  const longest = Math.max(0, ...(body.match(/`+/g) ?? []).map((run) => run.length));
  const fence = '`'.repeat(Math.max(3, longest + 1));
  return `${fence}text\n${body}\n${fence}`;
}

/** "2026-11-25T23:59:59.123Z" → "2026-11-25 23:59:59.123 UTC": full date, always UTC. */
export function utc(ts: string): string {
  const m = /^(\d{4}-\d{2}-\d{2})T(\d{2}:\d{2}:\d{2}(?:\.\d{3})?)Z$/.exec(ts);
  if (m) return `${m[1]} ${m[2]} UTC`;
  const d = new Date(ts);
  return Number.isNaN(d.getTime()) ? ts : utc(d.toISOString());
}

/**
 * The same moment in local time, with its date and UTC offset: "2026-11-26 00:58:01 GMT+1".
 * Incidents run past midnight, so the date is never left out.
 */
export function localTime(ts: string, timeZone?: string): string {
  const d = new Date(ts);
  if (Number.isNaN(d.getTime())) return ts;
  const parts = new Intl.DateTimeFormat('en-US', {
    ...(timeZone ? { timeZone } : {}),
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
    hourCycle: 'h23',
    timeZoneName: 'shortOffset',
  }).formatToParts(d);
  const get = (type: Intl.DateTimeFormatPartTypes) => parts.find((p) => p.type === type)?.value ?? '';
  return `${get('year')}-${get('month')}-${get('day')} ${get('hour')}:${get('minute')}:${get('second')} ${get('timeZoneName')}`;
}
