/**
 * The write-up's action items: one Markdown table (HTML and PDF are made from the Markdown), and
 * the list the JSON export carries. Folded without redacted events, as a redaction hides content
 * in every export.
 */
import { foldActions, statusText, type Action } from '../../shared/model/action';
import type { JournalEvent } from '../../shared/model/incident';
import type { IncidentState } from '../incident/state';
import { mdText } from './escape';

export function exportedActions(events: readonly JournalEvent[], state: Pick<IncidentState, 'redactions'>): Action[] {
  return foldActions(events.filter((e) => !state.redactions.has(e.seq)));
}

/** A ticket is an http(s) URL (checked when recorded); the angle brackets keep it one link whatever it holds. */
function ticketLink(url: string): string {
  const target = url.replace(/[<>\s]/g, '');
  return `[${mdText(url)}](<${target}>)`;
}

/** The table (id, title, type, owner, due, priority, ticket, status), with the events each came from as `#seq`. */
export function actionsMarkdown(actions: readonly Action[]): string[] {
  if (actions.length === 0) return ['_No action items yet._'];
  const rows = actions.map((a) => {
    const from = a.from.length ? ` (from ${a.from.map((s) => `#${s}`).join(', ')})` : '';
    const cells = [a.id, `${mdText(a.title)}${from}`, a.type, mdText(a.owner), a.due, a.priority, a.ticket ? ticketLink(a.ticket) : '—', mdText(statusText(a))];
    return `| ${cells.join(' | ')} |`;
  });
  return ['| ID | Title | Type | Owner | Due | Priority | Ticket | Status |', '| --- | --- | --- | --- | --- | --- | --- | --- |', ...rows];
}
