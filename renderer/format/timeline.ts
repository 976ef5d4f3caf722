import { eventData, isKnownEvent, unknownEventText, type JournalEvent } from '../../shared/model/incident';
import { formatUtc } from './time';

export interface EventView {
  /** A short label for the kind of event. */
  label: string;
  /** The main text, shown as text (never as HTML). */
  text: string;
  /** Hosts the event concerns, when it has any. */
  hosts: string[];
  /** Commands are shown in monospace, with their hosts. */
  command: boolean;
  /** A short addition after the text: exit codes, "uncertain", who held a role before. */
  detail?: string;
}

/** What later events did to earlier ones: corrections and redactions point back by seq. */
export interface Corrections {
  edited: Map<number, string>;
  redacted: Map<number, string>;
}

export function collectCorrections(events: readonly JournalEvent[]): Corrections {
  const edited = new Map<number, string>();
  const redacted = new Map<number, string>();
  for (const event of events) {
    const edit = eventData(event, 'event.edited');
    if (edit) edited.set(edit.ref, edit.text);
    const redaction = eventData(event, 'event.redacted');
    if (redaction) redacted.set(redaction.ref, redaction.reason);
  }
  return { edited, redacted };
}

const plain = (label: string, text: string, detail?: string): EventView => ({ label, text, hosts: [], command: false, detail });

/** How one journal event reads on the timeline; unknown shapes still show, as their raw type and data. */
export function describeEvent(event: JournalEvent, corrections?: Corrections): EventView {
  const redacted = corrections?.redacted.get(event.seq);
  if (redacted !== undefined) return plain(event.type, '[redacted]', `reason: ${redacted}`);
  const view = describeRaw(event);
  const edited = corrections?.edited.get(event.seq);
  return edited === undefined ? view : { ...view, text: edited, detail: 'edited' };
}

function describeRaw(event: JournalEvent): EventView {
  const declared = eventData(event, 'incident.declared');
  if (declared) return plain('declared', `${declared.severity} ${declared.title}`, `commander ${declared.commander}`);
  const note = eventData(event, 'note');
  if (note) return plain('note', note.text);
  const connected = eventData(event, 'session.connected');
  if (connected) return { ...plain('connected', `${connected.alias} (${connected.hostname})`), hosts: [connected.alias] };
  const reconnected = eventData(event, 'session.reconnected');
  if (reconnected) {
    return { ...plain('reconnected', `${reconnected.alias} (${reconnected.hostname})`, reconnected.attempt ? `attempt ${reconnected.attempt}` : undefined), hosts: [reconnected.alias] };
  }
  const disconnected = eventData(event, 'session.disconnected');
  if (disconnected) return { ...plain('disconnected', `${disconnected.alias}: ${disconnected.reason}`), hosts: [disconnected.alias] };
  const broadcast = eventData(event, 'command.broadcast');
  if (broadcast) {
    const details = [broadcast.withheld ? 'withheld: typed at a secret prompt' : '', broadcast.uncertain ? 'uncertain: edited with cursor keys or history' : ''];
    return {
      label: broadcast.hosts.length > 1 ? 'broadcast' : 'command',
      text: broadcast.line,
      hosts: broadcast.hosts,
      command: true,
      detail: details.filter(Boolean).join('; ') || undefined,
    };
  }
  const run = eventData(event, 'command.run');
  if (run) {
    const failed = run.results.filter((r) => r.exitCode !== 0);
    const codes = failed.map((r) => `${r.host}: ${r.error ?? r.signal ?? `exit ${r.exitCode}`}`);
    return {
      label: 'run',
      text: run.line,
      hosts: run.results.map((r) => r.host),
      command: true,
      detail: failed.length === 0 ? 'exit 0 everywhere' : codes.join(', '),
    };
  }
  const tick = eventData(event, 'checklist.tick');
  if (tick) return plain(tick.done ? 'checked' : 'unchecked', tick.label);
  const exported = eventData(event, 'export');
  if (exported) return plain('export', `${exported.format} → ${exported.path}`);
  const status = eventData(event, 'incident.status');
  if (status) return plain('status', `${status.from} → ${status.to}`, status.reason);
  const severity = eventData(event, 'incident.severity');
  if (severity) return plain('severity', `${severity.from} → ${severity.to}`, severity.reason);
  const title = eventData(event, 'incident.title');
  if (title) return plain('title', title.to, `was: ${title.from}`);
  const assigned = eventData(event, 'role.assigned');
  if (assigned) return plain('role', `${assigned.role}: ${assigned.to}`, assigned.from ? `was ${assigned.from}` : undefined);
  const released = eventData(event, 'role.released');
  if (released) return plain('role', `${released.who} released ${released.role}`);
  const milestone = eventData(event, 'milestone');
  if (milestone) return plain('milestone', milestone.milestone, `at ${formatUtc(milestone.at)}`);
  const dismissed = eventData(event, 'milestone.dismissed');
  if (dismissed) return plain('milestone', `${dismissed.milestone} suggestion dismissed`);
  const marker = eventData(event, 'marker');
  if (marker) return plain('marker', `${marker.on ? 'marked' : 'unmarked'} #${marker.ref} as ${marker.marker}`);
  const pin = eventData(event, 'pin');
  if (pin) return plain('pin', `${pin.pinned ? 'pinned' : 'unpinned'} #${pin.ref}`);
  const edit = eventData(event, 'event.edited');
  if (edit) return plain('edit', `corrected #${edit.ref}`, edit.reason);
  const redaction = eventData(event, 'event.redacted');
  if (redaction) return plain('redaction', `redacted #${redaction.ref}`, redaction.reason);
  const attachment = eventData(event, 'attachment');
  if (attachment) return plain('attachment', attachment.name, attachment.caption);
  if (!isKnownEvent(event)) return plain(event.type, unknownEventText(event.type), JSON.stringify(event.data));
  return plain(event.type, JSON.stringify(event.data));
}
