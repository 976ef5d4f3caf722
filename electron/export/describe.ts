/** One line of Markdown per journal event, for the timeline. Text from users and hosts is escaped. */
import { eventData, type JournalEvent } from '../../shared/model/incident';
import type { IncidentState } from '../incident/state';
import { mdCode, mdText, utc } from './escape';

export function describeEvent(e: JournalEvent, state?: IncidentState): string {
  const redaction = state?.redactions.get(e.seq);
  if (redaction) return `*Redacted by ${mdText(redaction.actor)} at ${utc(redaction.ts)}: ${mdText(redaction.reason)}*`;
  const declared = eventData(e, 'incident.declared');
  if (declared) return `**Incident declared**: ${mdText(declared.title)} (${mdText(declared.severity)}), commander ${mdText(declared.commander)}`;
  const note = eventData(e, 'note');
  if (note) {
    const edits = state?.edits.get(e.seq);
    const latest = edits?.at(-1);
    if (!latest) return `**Note**: ${mdText(note.text)}`;
    return `**Note**: ${mdText(latest.text)} *(edited by ${mdText(latest.actor)} at ${utc(latest.ts)}; originally: ${mdText(note.text)})*`;
  }
  const connected = eventData(e, 'session.connected');
  if (connected) return `Connected to ${mdText(connected.alias)} (${mdText(connected.hostname)})`;
  const reconnected = eventData(e, 'session.reconnected');
  if (reconnected) return `Reconnected to ${mdText(reconnected.alias)} (${mdText(reconnected.hostname)})`;
  const dropped = eventData(e, 'session.disconnected');
  if (dropped) return `Disconnected from ${mdText(dropped.alias)}: ${mdText(dropped.reason)}`;
  const cmd = eventData(e, 'command.broadcast');
  if (cmd) return `Sent ${cmd.withheld ? '*secret input withheld*' : mdCode(cmd.line)} to ${hostList(cmd.hosts)}`;
  const run = eventData(e, 'command.run');
  if (run) return `Ran ${mdCode(run.line)} on ${run.results.map((r) => `${mdText(r.host)} (${exitText(r)})`).join(', ') || 'no hosts'}`;
  const tick = eventData(e, 'checklist.tick');
  if (tick) return `Checklist ${mdText(tick.checklist)}: ${tick.done ? 'done' : 'reopened'}: ${mdText(tick.label)}`;
  const exp = eventData(e, 'export');
  if (exp) return `Exported ${mdText(exp.format)} to ${mdCode(exp.path)}`;
  const status = eventData(e, 'incident.status');
  if (status) return `**Status** ${mdText(status.from)} → ${mdText(status.to)}${status.from === 'resolved' ? ' (reopened)' : ''}${reason(status.reason)}`;
  const severity = eventData(e, 'incident.severity');
  if (severity) return `**Severity** ${mdText(severity.from)} → ${mdText(severity.to)}${reason(severity.reason)}`;
  const title = eventData(e, 'incident.title');
  if (title) return `**Title** changed to ${mdText(title.to)}`;
  const role = eventData(e, 'role.assigned');
  if (role) return `**Role** ${mdText(role.role)}: ${role.from ? `${mdText(role.from)} → ` : ''}${mdText(role.to)}`;
  const released = eventData(e, 'role.released');
  if (released) return `**Role** ${mdText(released.role)} released by ${mdText(released.who)}`;
  const milestone = eventData(e, 'milestone');
  if (milestone) return `**Milestone** ${mdText(milestone.milestone)} at ${utc(milestone.at)}${milestone.suggestedBy ? ` (suggested by #${milestone.suggestedBy})` : ''}`;
  const dismissed = eventData(e, 'milestone.dismissed');
  if (dismissed) return `Dismissed the suggested milestone ${mdText(dismissed.milestone)} (from #${dismissed.suggestedBy})`;
  const marker = eventData(e, 'marker');
  if (marker) return `${marker.on ? 'Marked' : 'Unmarked'} #${marker.ref} as ${mdText(marker.marker)}`;
  const pin = eventData(e, 'pin');
  if (pin) return `${pin.pinned ? 'Pinned' : 'Unpinned'} #${pin.ref}`;
  const edited = eventData(e, 'event.edited');
  if (edited) return `Edited #${edited.ref}${reason(edited.reason)}`;
  const redacted = eventData(e, 'event.redacted');
  if (redacted) return `Redacted #${redacted.ref}${reason(redacted.reason)}`;
  const attachment = eventData(e, 'attachment');
  if (attachment) return `Attached [${mdText(attachment.name)}](<../${attachment.file.replace(/[<>\n]/g, '')}>)${attachment.caption ? `: ${mdText(attachment.caption)}` : ''}`;
  return `${mdText(e.type)}: ${mdCode(JSON.stringify(e.data))}`;
}

export function hostList(hosts: readonly string[]): string {
  if (hosts.length === 0) return 'no hosts';
  return `${hosts.length} host${hosts.length === 1 ? '' : 's'} (${hosts.map(mdText).join(', ')})`;
}

export function exitText(r: { exitCode: number | null; signal?: string; error?: string }): string {
  if (r.error) return `error: ${mdText(r.error)}`;
  if (r.exitCode === null) return r.signal ? `killed by ${mdText(r.signal)}` : 'no exit code';
  return `exit ${r.exitCode}`;
}

function reason(text: string | undefined): string {
  return text ? `: ${mdText(text)}` : '';
}
