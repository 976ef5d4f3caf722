/**
 * The Markdown escaping itself lives in shared/markdown.ts (drafts in shared/ write Markdown too);
 * it is re-exported here for the exports and the CLI. Local time stays on this side.
 */
export { visibleControls, mdText, mdCodeCell, mdCode, utc } from '../../shared/markdown';

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
