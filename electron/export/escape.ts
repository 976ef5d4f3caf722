/**
 * The Markdown escaping itself lives in shared/markdown.ts (drafts in shared/ write Markdown too);
 * it is re-exported here for the exports and the CLI. Local time stays on this side.
 */
export { visibleControls, mdText, mdCodeCell, mdCode, utc } from '../../shared/markdown';

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
