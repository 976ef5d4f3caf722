/**
 * What the drafts are written from, gathered in one pass over the journal. Roles, milestones,
 * clocks, markers, pins, edits and redactions are not folded again here: they come from the
 * incident's details (the Node side's fold, electron/incident/state.ts, as IncidentDetails), read
 * back through the shared annotations. A redacted event is no evidence: its content is left out.
 */
import { annotationsOf, type Annotations } from '../../model/annotations';
import { eventData, isReopening, type EventDataOf, type IncidentDetails, type JournalEvent, type Severity } from '../../model/incident';

export type RunResult = EventDataOf<'command.run'>['results'][number];

export interface Run {
  seq: number;
  ts: string;
  line: string;
  results: RunResult[];
}

/** A line typed into terminals: no exit codes. */
export interface Typed {
  seq: number;
  ts: string;
  line: string;
  hosts: string[];
  withheld: boolean;
  uncertain: boolean;
}

export interface Moment {
  seq: number;
  ts: string;
}

export interface Evidence {
  events: readonly JournalEvent[];
  details: IncidentDetails;
  annotations: Annotations;
  declared?: Moment & { title: string; severity: Severity; commander: string; kind?: string };
  severityChanges: Array<Moment & { from: Severity; to: Severity; reason?: string }>;
  releases: Array<Moment & { role: string; who: string }>;
  /** Runs, typed lines, and both together, in journal order. */
  runs: Run[];
  typed: Typed[];
  commands: Array<Run | Typed>;
  recordings: Array<Moment & EventDataOf<'recording.sealed'>>;
  /** When the incident ended (the resolution), or the moment an open incident is drafted at. */
  end: { ts: string; seq?: number; resolved: boolean };
  event(seq: number): JournalEvent | undefined;
}

export interface DraftOptions {
  /**
   * The incident's folded details (IncidentService.details(), or toDetails(foldState(events),
   * events) on the Node side; `incident.details` in the window), for the same events.
   */
  details: IncidentDetails;
  /** What an open incident's spans run to (ISO-8601 UTC); the last event's time when absent. */
  now?: string;
}

export function gatherEvidence(events: readonly JournalEvent[], opts: DraftOptions): Evidence {
  const annotations = annotationsOf(opts.details);
  const ev: Evidence = {
    events,
    details: opts.details,
    annotations,
    severityChanges: [],
    releases: [],
    runs: [],
    typed: [],
    commands: [],
    recordings: [],
    end: { ts: opts.now ?? events.at(-1)?.ts ?? new Date(0).toISOString(), resolved: false },
    event: lookup(events),
  };
  for (const e of events) {
    if (annotations.redactions.has(e.seq)) continue;
    // One look at the type first: eventData validates, and most events are none of these.
    switch (e.type) {
      case 'incident.declared': {
        const declared = eventData(e, 'incident.declared');
        if (declared && !ev.declared) {
          ev.declared = { seq: e.seq, ts: e.ts, title: declared.title, severity: declared.severity, commander: declared.commander, ...(declared.kind ? { kind: declared.kind } : {}) };
        }
        break;
      }
      case 'incident.severity': {
        const severity = eventData(e, 'incident.severity');
        if (severity) ev.severityChanges.push({ seq: e.seq, ts: e.ts, ...severity });
        break;
      }
      case 'role.released': {
        const released = eventData(e, 'role.released');
        if (released) ev.releases.push({ seq: e.seq, ts: e.ts, ...released });
        break;
      }
      case 'command.run': {
        const run = eventData(e, 'command.run');
        if (run) {
          const r = { seq: e.seq, ts: e.ts, line: run.line, results: run.results };
          ev.runs.push(r);
          ev.commands.push(r);
        }
        break;
      }
      case 'command.broadcast': {
        const typed = eventData(e, 'command.broadcast');
        if (typed) {
          const t = { seq: e.seq, ts: e.ts, line: typed.line, hosts: typed.hosts, withheld: typed.withheld === true, uncertain: typed.uncertain === true };
          ev.typed.push(t);
          ev.commands.push(t);
        }
        break;
      }
      case 'recording.sealed': {
        const sealed = eventData(e, 'recording.sealed');
        if (sealed) ev.recordings.push({ seq: e.seq, ts: e.ts, ...sealed });
        break;
      }
      default:
        break;
    }
  }
  const resolution = resolvedAt(opts.details);
  if (resolution) ev.end = { ...resolution, resolved: true };
  return ev;
}

/**
 * When the incident was resolved: the `resolved` milestone (which may be set to when it really
 * happened), else the status change to resolved; nothing when it is open, or was reopened after.
 */
function resolvedAt(details: IncidentDetails): Moment | undefined {
  const milestone = details.milestones.find((m) => m.milestone === 'resolved');
  const last = details.statusChanges.at(-1);
  const reopened = last !== undefined && isReopening(last) && (!milestone || last.seq > milestone.seq);
  if (milestone && !reopened) return { seq: milestone.seq, ts: milestone.at };
  const lastResolved = details.statusChanges.filter((c) => c.to === 'resolved').at(-1);
  if (lastResolved && !reopened && (last?.to === 'resolved' || last?.to === 'closed')) return { seq: lastResolved.seq, ts: lastResolved.at };
  return undefined;
}

/** Journals number events 1, 2, 3…, so the index is the seq; a hand-built list falls back to a map. */
function lookup(events: readonly JournalEvent[]): (seq: number) => JournalEvent | undefined {
  let bySeq: Map<number, JournalEvent> | undefined;
  return (seq) => {
    const direct = events[seq - 1];
    if (direct?.seq === seq) return direct;
    bySeq ??= new Map(events.map((e) => [e.seq, e]));
    return bySeq.get(seq);
  };
}
