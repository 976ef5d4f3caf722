/**
 * How each journal event reads, for the window's timeline and for every export. One table, keyed by
 * every event type, so a type added to EventData does not compile until it is described here.
 *
 * Descriptions are structured parts, never markup: plain strings are text (often untrusted, from
 * people and hosts), and each medium renders them its own way (the window as React text, the
 * write-up through electron/export/escape.ts).
 */
import { statusText } from './action';
import { nameHostSet } from './hostSet';
import { eventData, isReopening, type EventDataOf, type EventType, type JournalEvent } from './incident';
import { WRITEUP_STATE_LABELS as STATE_WORDS } from './review';
import { agendaStep } from './agenda';

/** A piece of a description: text, a command or path (monospace), a moment, or a file in the incident folder. */
export type Part = string | { code: string } | { time: string } | { file: string; name: string };
export type Phrase = readonly Part[];

export interface EventDescription {
  /** A short word for the kind of event ("note", "run", "status"). */
  label: string;
  text: Phrase;
  /** Hosts the event concerns, when it has any. */
  hosts: string[];
  /** A command: its text is the line as typed, shown in monospace with its hosts. */
  command: boolean;
  /** A short addition after the text: exit codes, a reason, who held a role before. */
  detail?: Phrase;
  /**
   * What a run printed, per host that printed anything: the tail (untrusted host output, shown as
   * text, folded by default), the file holding all of it, and how much was beyond that file's limit.
   */
  outputs?: readonly RunOutput[];
}

export interface RunOutput {
  host: string;
  tail: string;
  /** Relative to the incident folder. */
  file?: string;
  dropped?: number;
}

export type Describer<T extends EventType> = (data: EventDataOf<T>) => EventDescription;
/** Exhaustive over EventType: leaving a type out, or describing one that does not exist, is a type error. */
export type Describers = { readonly [T in EventType]: Describer<T> };

const plain = (label: string, text: Phrase, detail?: Phrase): EventDescription => ({ label, text, hosts: [], command: false, ...(detail ? { detail } : {}) });
const optional = (text: string | undefined): Phrase | undefined => (text ? [text] : undefined);

/** How one host's end of a run reads: "exit 3", "killed by SIGKILL", "error: ...". */
export function exitText(r: { exitCode: number | null; signal?: string; error?: string }): string {
  if (r.error) return `error: ${r.error}`;
  if (r.exitCode === null) return r.signal ? `killed by ${r.signal}` : 'no exit code';
  // A long incident reads "exit 0" hundreds of thousands of times: the usual codes are made once.
  if (Number.isInteger(r.exitCode) && r.exitCode >= 0 && r.exitCode < EXIT_TEXTS.length) return EXIT_TEXTS[r.exitCode] as string;
  return `exit ${r.exitCode}`;
}

const EXIT_TEXTS: readonly string[] = Array.from({ length: 256 }, (_, code) => `exit ${code}`);

/**
 * The hosts where a run did not exit 0: "web-2: exit 3" one by one when few, otherwise by outcome with
 * the hosts in ranges ("exit 1 on web[01-32]; killed by SIGKILL on db03"), every host still named.
 */
function failedText(failed: ReadonlyArray<{ host: string; exitCode: number | null; signal?: string; error?: string }>): string {
  if (failed.length < 3) return failed.map((r) => `${r.host}: ${exitText(r)}`).join(', ');
  const byEnd = new Map<string, string[]>();
  for (const r of failed) byEnd.set(exitText(r), [...(byEnd.get(exitText(r)) ?? []), r.host]);
  return [...byEnd].map(([end, hosts]) => `${end} on ${nameHostSet(hosts).text}`).join('; ');
}

export const DESCRIBERS: Describers = {
  'incident.declared': (d) => plain('declared', [`${d.severity} `, d.title], [`commander ${d.commander}`, ...(d.kind ? [`, type ${d.kind}`] : [])]),
  note: (d) => plain('note', [d.text]),
  'session.connected': (d) => ({ ...plain('connected', [d.alias, ` (${d.hostname})`]), hosts: [d.alias] }),
  'session.reconnected': (d) => ({ ...plain('reconnected', [d.alias, ` (${d.hostname})`], d.attempt ? [`attempt ${d.attempt}`] : undefined), hosts: [d.alias] }),
  'session.disconnected': (d) => ({ ...plain('disconnected', [d.alias, `: ${d.reason}`]), hosts: [d.alias] }),
  'command.broadcast': (d) => {
    const notes = [d.withheld ? 'withheld: typed at a secret prompt' : '', d.uncertain ? 'uncertain: edited with cursor keys or history' : ''].filter(Boolean);
    return { label: d.hosts.length > 1 ? 'broadcast' : 'command', text: [{ code: d.line }], hosts: d.hosts, command: true, ...(notes.length ? { detail: [notes.join('; ')] } : {}) };
  },
  'command.run': (d) => {
    const failed = d.results.filter((r) => r.exitCode !== 0);
    const detail = failed.length === 0 ? 'exit 0 everywhere' : failedText(failed);
    const outputs: RunOutput[] = d.results.flatMap((r) =>
      r.tail || r.output ? [{ host: r.host, tail: r.tail ?? '', ...(r.output ? { file: r.output.file } : {}), ...(r.dropped ? { dropped: r.dropped } : {}) }] : [],
    );
    return { label: 'run', text: [{ code: d.line }], hosts: d.results.map((r) => r.host), command: true, detail: [detail], ...(outputs.length ? { outputs } : {}) };
  },
  'checklist.tick': (d) => plain(d.done ? 'checked' : 'unchecked', [d.label], [`checklist ${d.checklist}`]),
  export: (d) => plain('export', [`${d.format} → `, { code: d.path }]),
  'incident.status': (d) => plain('status', [`${d.from} → ${d.to}${isReopening(d) ? ' (reopened)' : ''}`], optional(d.reason)),
  'incident.severity': (d) => plain('severity', [`${d.from} → ${d.to}`], optional(d.reason)),
  'incident.title': (d) => plain('title', [d.to], [`was: ${d.from}`]),
  'role.assigned': (d) => plain('role', [`${d.role}: `, d.to], d.from ? [`was ${d.from}`] : undefined),
  'role.released': (d) => plain('role', [d.who, ` released ${d.role}`]),
  milestone: (d) => plain('milestone', [d.milestone], ['at ', { time: d.at }, ...(d.suggestedBy ? [`, suggested by #${d.suggestedBy}`] : [])]),
  'milestone.dismissed': (d) => plain('milestone', [`${d.milestone} suggestion dismissed`], [`suggested by #${d.suggestedBy}`]),
  marker: (d) => plain('marker', [`${d.on ? 'marked' : 'unmarked'} #${d.ref} as ${d.marker}`]),
  pin: (d) => plain('pin', [`${d.pinned ? 'pinned' : 'unpinned'} #${d.ref}`]),
  'event.edited': (d) => plain('edit', [`corrected #${d.ref}`], optional(d.reason)),
  'event.redacted': (d) => plain('redaction', [`redacted #${d.ref}`], optional(d.reason)),
  attachment: (d) => plain('attachment', [{ file: d.file, name: d.name }], optional(d.caption)),
  'writeup.saved': (d) =>
    plain('writeup', [`${d.origin === 'draft' ? 'drafted' : 'saved'} section ${d.section}`], [d.base ? `edited from #${d.base}` : 'first version', `, ${d.text.length} characters`]),
  'screen.grouped': (d) => {
    const [top, ...rest] = d.groups;
    const differ = rest.flatMap((g) => g.hosts);
    const same = top?.hosts.length ?? 0;
    const grouped =
      differ.length === 0 ? `${same} identical` : same === 1 ? `all ${differ.length + 1} differ` : `${same} identical, ${differ.length} differ: ${differ.join(', ')}`;
    const apart = [
      ...(d.interrupted ? [`${d.interrupted.length} interrupted: ${d.interrupted.join(', ')}`] : []),
      ...(d.running ? [`${d.running.length} still printing: ${d.running.join(', ')}`] : []),
    ];
    const text = [grouped, ...apart].join('; ');
    const hosts = [...d.groups.flatMap((g) => g.hosts), ...(d.interrupted ?? []), ...(d.running ?? [])];
    return { label: 'screens', text: [text], hosts, command: false, detail: ['after ', { code: d.line }, ` (#${d.ref})`] };
  },
  'scrollback.found': (d) => {
    const lines = d.hits.reduce((n, h) => n + h.count, 0);
    const hosts = d.hits.map((h) => h.host);
    return {
      label: 'search',
      text: ['scrollback search ', { code: d.query }, `: ${lines} matching ${lines === 1 ? 'line' : 'lines'} on ${hosts.length === 0 ? 'no host' : hosts.join(', ')}`],
      hosts,
      command: false,
      ...(d.hits[0]?.lines[0] ? { detail: [`${d.hits[0].host}: `, { code: d.hits[0].lines[0] }] } : {}),
    };
  },
  'writeup.state': (d) => plain('review', [`write-up ${STATE_WORDS[d.from]} → ${STATE_WORDS[d.to]}`], optional(d.reason)),
  'writeup.approved': (d) => plain('approval', [`write-up approved by `, d.approver], [`sha256 ${d.sha256}, journal head ${d.head}`]),
  'postmortem.scheduled': (d) =>
    plain('meeting', ['post-mortem meeting at ', { time: d.at }, ` with ${d.attendees.join(', ')}`], [`${d.durationMinutes} minutes`, ...(d.invite ? [', invite ', { code: d.invite }] : [])]),
  'postmortem.started': (d) => plain('meeting', [`post-mortem meeting started with ${d.attendees.join(', ')}`], ['owner ', d.owner, `, ${d.agenda.length} agenda steps`]),
  'postmortem.step': (d) => plain('meeting', [`moved on from ${agendaStep(d.from).title} to ${agendaStep(d.to).title}`]),
  'postmortem.note': (d) => plain('meeting', [d.text], [`meeting note, ${agendaStep(d.step).title}`]),
  'postmortem.ended': (d) => plain('meeting', ['post-mortem meeting ended'], [`during ${agendaStep(d.step).title}`]),
  'postmortem.survey': (d) =>
    plain('survey', [`blameless ${d.blameless}/5, contributing factors ${d.factors}/5, confidence in actions ${d.confidence}/5`], optional(d.comment)),
  'checklist.waived': (d) => plain('waived', [`checklist item ${d.checklist}/${d.itemId}`], [d.reason]),
  'lint.waived': (d) => plain('lint', [`waived ${d.rule}: "`, d.words, `" in ${'section' in d.where ? `section ${d.where.section}` : `#${d.where.seq}`}`], [d.reason]),
  'recording.sealed': (d) => ({ ...plain('recording', [{ file: d.file, name: d.file.split('/').at(-1) ?? d.file }], [`${d.alias}, ${d.bytes} bytes, sha256 ${d.sha256}`]), hosts: [d.alias] }),
  'writeup.accepted': (d) => plain('writeup', [`accepted the draft of ${d.section}`], [`#${d.version}`]),
  'action.created': (d) =>
    plain('action', [`${d.id} `, d.title], [`${d.type}, ${d.priority}, owner `, d.owner, `, due ${d.due}`, ...(d.from.length ? [`, from ${d.from.map((s) => `#${s}`).join(' ')}`] : [])]),
  'action.updated': (d) => {
    const changed = Object.entries(d.changes).flatMap(([k, v]) => (v === undefined ? [] : v === null ? [`${k} removed`] : [`${k} ${v}`]));
    const status = d.status ? [statusText({ status: d.status, ...(d.reason ? { reason: d.reason } : {}), ...(d.evidence ? { evidence: d.evidence } : {}) })] : [];
    return plain('action', [`${d.id} `, [...status, ...changed].join('; ') || 'updated']);
  },
};

function describeAs<T extends EventType>(event: JournalEvent, type: T): EventDescription | undefined {
  const data = eventData(event, type);
  return data === undefined ? undefined : DESCRIBERS[type](data);
}

/**
 * How one journal event reads. An event whose data does not fit its type still shows, as its raw
 * data; so does one of a type this table does not have (a newer Warroom wrote it).
 */
export function describeEvent(event: JournalEvent): EventDescription {
  const type: string = event.type;
  if (!Object.hasOwn(DESCRIBERS, type)) return plain(type, [`unknown event type ${type} (written by a newer Warroom)`], [JSON.stringify(event.data)]);
  return describeAs(event, type as EventType) ?? plain(type, [JSON.stringify(event.data)]);
}

/** A phrase as plain text; `time` renders moments (the window and the write-up show them differently). */
export function phraseText(phrase: Phrase, time: (iso: string) => string): string {
  return phrase.map((p) => (typeof p === 'string' ? p : 'code' in p ? p.code : 'time' in p ? time(p.time) : p.name)).join('');
}
