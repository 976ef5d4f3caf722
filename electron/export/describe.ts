/** One line of Markdown per journal event, for the timeline. Text from users and hosts is escaped. */
import { eventData, type JournalEvent } from '../../shared/model/incident';
import { mdCode, mdText } from './escape';

export function describeEvent(e: JournalEvent): string {
  const declared = eventData(e, 'incident.declared');
  if (declared) return `**Incident declared**: ${mdText(declared.title)} (${mdText(declared.severity)}), commander ${mdText(declared.commander)}`;
  const note = eventData(e, 'note');
  if (note) return `**Note**: ${mdText(note.text)}`;
  const connected = eventData(e, 'session.connected');
  if (connected) return `Connected to ${mdText(connected.alias)} (${mdText(connected.hostname)})`;
  const dropped = eventData(e, 'session.disconnected');
  if (dropped) return `Disconnected from ${mdText(dropped.alias)}: ${mdText(dropped.reason)}`;
  const cmd = eventData(e, 'command.broadcast');
  if (cmd) {
    const what = cmd.withheld ? '*secret input withheld*' : mdCode(cmd.line);
    return `Sent ${what} to ${hostList(cmd.hosts)}`;
  }
  const tick = eventData(e, 'checklist.tick');
  if (tick) return `Checklist ${mdText(tick.checklist)}: ${tick.done ? 'done' : 'reopened'}: ${mdText(tick.label)}`;
  const exp = eventData(e, 'export');
  if (exp) return `Exported ${mdText(exp.format)} to ${mdCode(exp.path)}`;
  return `${mdText(e.type)}: ${mdCode(JSON.stringify(e.data))}`;
}

export function hostList(hosts: readonly string[]): string {
  if (hosts.length === 0) return 'no hosts';
  return `${hosts.length} host${hosts.length === 1 ? '' : 's'} (${hosts.map(mdText).join(', ')})`;
}
