import { eventData, type JournalEvent } from '../../shared/model/incident';

export interface EventView {
  /** A short label for the kind of event. */
  label: string;
  /** The main text, shown as text (never as HTML). */
  text: string;
  /** Hosts the event concerns, when it has any. */
  hosts: string[];
  /** Broadcast lines are commands: shown in monospace. */
  command: boolean;
}

/** How one journal event reads on the timeline; unknown shapes still show, as their raw type. */
export function describeEvent(event: JournalEvent): EventView {
  const declared = eventData(event, 'incident.declared');
  if (declared) return { label: 'declared', text: `${declared.severity} ${declared.title} (commander ${declared.commander})`, hosts: [], command: false };
  const note = eventData(event, 'note');
  if (note) return { label: 'note', text: note.text, hosts: [], command: false };
  const connected = eventData(event, 'session.connected');
  if (connected) return { label: 'connected', text: `${connected.alias} (${connected.hostname})`, hosts: [connected.alias], command: false };
  const disconnected = eventData(event, 'session.disconnected');
  if (disconnected) return { label: 'disconnected', text: `${disconnected.alias}: ${disconnected.reason}`, hosts: [disconnected.alias], command: false };
  const broadcast = eventData(event, 'command.broadcast');
  if (broadcast) {
    return {
      label: broadcast.hosts.length > 1 ? 'broadcast' : 'command',
      text: broadcast.withheld ? `${broadcast.line} (withheld)` : broadcast.line,
      hosts: broadcast.hosts,
      command: true,
    };
  }
  const tick = eventData(event, 'checklist.tick');
  if (tick) return { label: tick.done ? 'checked' : 'unchecked', text: tick.label, hosts: [], command: false };
  const exported = eventData(event, 'export');
  if (exported) return { label: 'export', text: `${exported.format} → ${exported.path}`, hosts: [], command: false };
  return { label: event.type, text: JSON.stringify(event.data), hosts: [], command: false };
}
