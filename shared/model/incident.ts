import { z } from 'zod';
import { SectionId, SectionOrigin, SectionText, WriteupState } from './writeup';
import { ActionCreatedData, ActionUpdatedData } from './actionFields';
import { Rating, StepId } from './agenda';
import { shapeChecks } from './eventShapes';

export const Severity = z.enum(['SEV1', 'SEV2', 'SEV3', 'SEV4']);
export type Severity = z.infer<typeof Severity>;

/** `closed` follows `resolved` once the post-mortem is done (shared/model/closing.ts). */
export const IncidentStatus = z.enum(['investigating', 'identified', 'monitoring', 'resolved', 'closed']);
export type IncidentStatus = z.infer<typeof IncidentStatus>;

/** A change that takes a resolved (or closed) incident back to an open status. */
export function isReopening(c: { from: IncidentStatus; to: IncidentStatus }): boolean {
  const done = (s: IncidentStatus) => s === 'resolved' || s === 'closed';
  return done(c.from) && !done(c.to);
}

/** Incident ids are folder names, so they are restricted to a safe alphabet. */
export const IncidentId = z.string().regex(/^[A-Za-z0-9][A-Za-z0-9._-]{0,127}$/, 'an incident id is letters, digits, dot, dash or underscore');
export type IncidentId = z.infer<typeof IncidentId>;

/** The most one note (or a correction of one) may hold, in string length as zod counts it. */
export const MAX_NOTE_CHARS = 64 * 1024;

/** The incident as folded from its journal. Never stored on its own: the journal is the truth. */
export const Incident = z.object({
  id: IncidentId,
  title: z.string().min(1).max(500),
  severity: Severity,
  status: IncidentStatus,
  commander: z.string(),
  startedAt: z.string(),
  eventCount: z.number().int().nonnegative(),
  /** The incident type, when one was given. */
  kind: z.string().optional(),
});
export type Incident = z.infer<typeof Incident>;

/**
 * Whether the open incident's journal is known intact. A journal opened from a checkpoint is
 * 'verifying' until the events before the checkpoint have been re-hashed in the background;
 * 'broken' (the message names file and line) means the journal was altered and the window must
 * raise the alarm. Not folded from the journal and never exported: it is about the file.
 */
export const JournalIntegrity = z.object({
  incidentId: z.string(),
  state: z.enum(['verified', 'verifying', 'broken']),
  message: z.string().optional(),
});
export type JournalIntegrity = z.infer<typeof JournalIntegrity>;

/** Incident roles, after Dispatch and PagerDuty's response roles. Subject-matter experts can be many. */
export const Role = z.enum(['commander', 'deputy', 'scribe', 'communications', 'sme']);
export type Role = z.infer<typeof Role>;

/** Milestones in the order they must happen (FireHydrant's lifecycle). */
export const Milestone = z.enum(['started', 'detected', 'acknowledged', 'identified', 'mitigated', 'resolved']);
export type Milestone = z.infer<typeof Milestone>;

/** Markers put on any event, after Jeli's: they place evidence in the story. */
export const MarkerKind = z.enum(['detection', 'diagnosis', 'repair', 'key-moment']);
export type MarkerKind = z.infer<typeof MarkerKind>;

const Seq = z.number().int().positive();
const Reason = z.string().max(2000);

const Iso = z.string().regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/, 'UTC ISO-8601 with milliseconds');
const Sha256 = z.string().regex(/^[0-9a-f]{64}$/);

/** A run's tail per host: the last 4 KiB of its output, decoded (so at most this many UTF-16 units). */
export const MAX_RUN_TAIL_BYTES = 4096;
const MAX_RUN_TAIL_CHARS = MAX_RUN_TAIL_BYTES;
/** A run's output file per host holds at most this much; the rest is counted, not kept. */
export const MAX_RUN_OUTPUT_BYTES = 16 * 1024 * 1024;

/**
 * What each journal event type carries. The journal accepts a type added here at once (EventType
 * and the validation of stored events come from this map); the compiler then refuses the build
 * until the type has a describer in shared/model/describe.ts, which the timeline and every export
 * use. Whether the type changes the incident or its details (electron/incident/fold.ts, state.ts,
 * shared/model/annotations.ts) is decided there, and nothing forces it.
 */
export const EventData = {
  'incident.declared': z.object({
    id: IncidentId,
    title: z.string().min(1).max(500),
    severity: Severity,
    commander: z.string(),
    /** The incident type (outage, security, ...), from the incident config. */
    kind: z.string().min(1).max(100).optional(),
  }),
  note: z.object({ text: z.string().min(1).max(MAX_NOTE_CHARS) }),
  'session.connected': z.object({ alias: z.string(), hostname: z.string() }),
  'session.disconnected': z.object({ alias: z.string(), reason: z.string() }),
  'command.broadcast': z.object({
    /** The line as typed, or a placeholder when it was typed at a secret prompt. */
    line: z.string(),
    hosts: z.array(z.string()),
    withheld: z.boolean().optional(),
    /** Cursor keys, history or completion were used, so the shell may have run other text. */
    uncertain: z.boolean().optional(),
  }),
  'checklist.tick': z.object({ checklist: z.string(), itemId: z.string(), label: z.string(), done: z.boolean() }),
  export: z.object({ format: z.string(), path: z.string() }),
  'session.reconnected': z.object({ alias: z.string(), hostname: z.string(), attempt: z.number().int().positive().optional() }),
  /** A command run to completion on hosts (`warroom run`, or a run from the window), with exit codes per host. */
  'command.run': z.object({
    line: z.string(),
    results: z.array(
      z.object({
        host: z.string(),
        exitCode: z.number().int().nullable(),
        signal: z.string().optional(),
        error: z.string().optional(),
        /** The last 4 KiB of stdout and stderr as they arrived (untrusted host output). */
        tail: z.string().max(MAX_RUN_TAIL_CHARS).optional(),
        /** The whole output (up to MAX_RUN_OUTPUT_BYTES) in a file of the incident folder. */
        output: z.object({ file: z.string().min(1).max(1000), sha256: Sha256, bytes: z.number().int().nonnegative() }).optional(),
        /** Bytes of output past MAX_RUN_OUTPUT_BYTES that the file does not hold. */
        dropped: z.number().int().positive().optional(),
      }),
    ),
    durationMs: z.number().nonnegative().optional(),
  }),
  'incident.status': z.object({ from: IncidentStatus, to: IncidentStatus, reason: Reason.optional() }),
  'incident.severity': z.object({ from: Severity, to: Severity, reason: Reason.optional() }),
  'incident.title': z.object({ from: z.string(), to: z.string().min(1).max(500) }),
  /** A role handed to someone; `from` is who held it before (absent for a first assignment or an added SME). */
  'role.assigned': z.object({ role: Role, to: z.string().min(1).max(200), from: z.string().max(200).optional() }),
  'role.released': z.object({ role: Role, who: z.string().min(1).max(200) }),
  /** `at` is when it happened, which may be before it was recorded. `suggestedBy` is the event that prompted it. */
  milestone: z.object({ milestone: Milestone, at: Iso, suggestedBy: Seq.optional() }),
  'milestone.dismissed': z.object({ milestone: Milestone, suggestedBy: Seq }),
  marker: z.object({ ref: Seq, marker: MarkerKind, on: z.boolean() }),
  pin: z.object({ ref: Seq, pinned: z.boolean() }),
  /** A correction of a note. The original event stays in the journal and is shown on request. */
  'event.edited': z.object({ ref: Seq, text: z.string().min(1).max(MAX_NOTE_CHARS), reason: Reason.optional() }),
  /** Hides an event's content in views and exports; the original stays in the journal (the chain needs it). */
  'event.redacted': z.object({ ref: Seq, reason: Reason.min(1) }),
  /** A file copied into the incident folder; `file` is relative to it. */
  attachment: z.object({
    name: z.string().min(1).max(255),
    file: z.string().min(1).max(1000),
    bytes: z.number().int().nonnegative(),
    sha256: z.string().regex(/^[0-9a-f]{64}$/),
    caption: z.string().max(2000).optional(),
    ref: Seq.optional(),
  }),
  /** A version of a write-up section; `base` is the `writeup.saved` it was edited from (null for the first). */
  'writeup.saved': z.object({ section: SectionId, text: SectionText, base: Seq.nullable(), origin: SectionOrigin }),
  /** A person accepts a draft version as it is. */
  'writeup.accepted': z.object({ section: SectionId, version: Seq }),
  /**
   * How the targets of a broadcast line grouped by what it printed (ref: its command.broadcast); the
   * first group is the largest. A sample is the group's output, cut to 4000 characters.
   */
  'screen.grouped': z.object({
    ref: Seq,
    line: z.string(),
    groups: z.array(z.object({ hosts: z.array(z.string()).min(1), sample: z.string().max(4000) })).min(1),
    /** Hosts in no group: interrupted while the line ran, or still printing when the watch gave up. */
    interrupted: z.array(z.string()).min(1).optional(),
    running: z.array(z.string()).min(1).optional(),
  }),
  /** A search across the scrollbacks kept as evidence: the query and each host's matching lines. */
  'scrollback.found': z.object({
    query: z.string().min(1).max(500),
    regex: z.boolean().optional(),
    wholeWord: z.boolean().optional(),
    caseSensitive: z.boolean().optional(),
    hits: z.array(z.object({ host: z.string(), count: z.number().int().positive(), lines: z.array(z.string()) })),
  }),
  /** The write-up's review state changed (shared/model/review.ts says which changes are allowed). */
  'writeup.state': z.object({ from: WriteupState, to: WriteupState, reason: Reason.optional() }),
  /**
   * What was approved: the sha256 of the rendered write-up and the journal head it was rendered at.
   * Recorded right after the `writeup.state` change to approved, in the same append.
   */
  'writeup.approved': z.object({ sha256: Sha256, head: Sha256, approver: z.string().min(1).max(200) }),
  /** The post-mortem meeting: when, who is invited, and the invite written (relative to the incident folder). */
  'postmortem.scheduled': z.object({
    at: Iso,
    attendees: z.array(z.string().min(1).max(300)).min(1).max(200),
    durationMinutes: z.number().int().positive().max(24 * 60),
    invite: z.string().max(1000).optional(),
  }),
  /** The post-mortem meeting began: who attended, the write-up owner, and the agenda with its timeboxes (minutes). */
  'postmortem.started': z.object({
    attendees: z.array(z.string().min(1).max(300)).min(1).max(200),
    owner: z.string().min(1).max(300),
    agenda: z.array(z.object({ step: StepId, minutes: z.number().int().min(1).max(240) })).min(1).max(20),
  }),
  /** "Enough, let's move on": the meeting left step `from` for step `to`. */
  'postmortem.step': z.object({ from: StepId, to: StepId }),
  /** A note taken in the meeting, during agenda step `step`. */
  'postmortem.note': z.object({ step: StepId, text: z.string().min(1).max(MAX_NOTE_CHARS) }),
  /** The meeting ended, during agenda step `step`. */
  'postmortem.ended': z.object({ step: StepId }),
  /** One attendee's answers to the survey after the meeting (ratings 1 to 5); the actor is who answered. */
  'postmortem.survey': z.object({ blameless: Rating, factors: Rating, confidence: Rating, comment: z.string().max(2000).optional() }),
  /** A checklist item left undone on purpose, with the reason, so the incident can be closed. */
  'checklist.waived': z.object({ checklist: z.string().min(1).max(100), itemId: z.string().min(1).max(100), reason: Reason.min(1) }),
  /** A blameless-lint finding kept on purpose, with the reason; it shows as waived while the words stay. */
  'lint.waived': z.object({
    rule: z.string().min(1).max(100),
    words: z.string().min(1).max(500),
    where: z.union([z.object({ section: SectionId }).strict(), z.object({ seq: Seq }).strict()]),
    reason: Reason.min(1),
  }),
  /** An action item (follow-up); `from` are the events it came from. Folded in shared/model/action.ts. */
  'action.created': ActionCreatedData,
  /** Changed fields of an action, and/or its new status with a reason (not-doing) or evidence (verified). */
  'action.updated': ActionUpdatedData,
  /** A terminal recording closed; `file` is relative to the incident folder. A later seal of the same file supersedes it. */
  'recording.sealed': z.object({ alias: z.string(), file: z.string().min(1).max(1000), sha256: Sha256, bytes: z.number().int().nonnegative() }),
} as const;
export type EventType = keyof typeof EventData;
export const EventType = z.enum(Object.keys(EventData) as [EventType, ...EventType[]]);
export type EventDataOf<T extends EventType> = z.infer<(typeof EventData)[T]>;

/** The part of an event the caller chooses; seq, ts, prev and hash are the journal's. */
export type EventDraft = { [T in EventType]: { type: T; actor: string; data: EventDataOf<T> } }[EventType];

const EventEnvelope = {
  seq: z.number().int().positive(),
  ts: Iso,
  actor: z.string().min(1),
  data: z.record(z.string(), z.unknown()),
  prev: Sha256,
  hash: Sha256,
};

/** An event of a type this version knows. */
export const KnownEvent = z.object({ ...EventEnvelope, type: EventType });
export type KnownEvent = z.infer<typeof KnownEvent>;

/**
 * An event of a type this version does not know: a newer Warroom wrote it. It is kept exactly as
 * stored (the chain covers it), shown as such, and ignored by the fold; it is never written by us.
 */
export const UnknownEvent = z.object({
  ...EventEnvelope,
  type: z
    .string()
    .min(1)
    .refine((t) => !isEventType(t), 'a known event type is a KnownEvent'),
});
export type UnknownEvent = z.infer<typeof UnknownEvent>;

export const JournalEvent = z.union([KnownEvent, UnknownEvent]);
export type JournalEvent = KnownEvent | UnknownEvent;

export function isEventType(type: string): type is EventType {
  return Object.hasOwn(EventData, type);
}

/** Whether this version knows the event's type (unknown ones come from a newer Warroom). */
export function isKnownEvent(e: JournalEvent): e is KnownEvent {
  return isEventType(e.type);
}

/** How an event of an unknown type is shown on the timeline and in exports. */
export function unknownEventText(type: string): string {
  return `unknown event type ${type} (written by a newer Warroom)`;
}

/** Narrows a stored event to its typed data, or reports why it does not fit. */
export function eventData<T extends EventType>(event: JournalEvent, type: T): EventDataOf<T> | undefined {
  if (event.type !== type) return undefined;
  // The common types are checked by hand first: zod's copy of each is garbage in a long incident.
  if (FAST_SHAPES[type]?.(event.data)) return event.data as EventDataOf<T>;
  const parsed = EventData[type].safeParse(event.data);
  return parsed.success ? (parsed.data as EventDataOf<T>) : undefined;
}

const FAST_SHAPES = shapeChecks({ noteChars: MAX_NOTE_CHARS, tailChars: MAX_RUN_TAIL_CHARS, markers: MarkerKind.options });

/** The hash that stands before the first event of every journal. */
export const GENESIS_HASH = '0'.repeat(64);

/**
 * What the window shows beside the header (#4): roles and handoffs, milestones with their order
 * problems, clocks and suggestions, markers, pins, edits, redactions and attachments. Folded from
 * the journal like Incident.
 */
export const IncidentDetails = z.object({
  roles: z.record(Role, z.array(z.string())),
  handoffs: z.array(z.object({ role: Role, from: z.string().optional(), to: z.string(), at: z.string(), seq: z.number(), actor: z.string() })),
  statusChanges: z.array(z.object({ from: IncidentStatus, to: IncidentStatus, at: z.string(), seq: z.number(), actor: z.string(), reason: z.string().optional() })),
  milestones: z.array(z.object({ milestone: Milestone, at: z.string(), seq: z.number(), suggestedBy: z.number().optional() })),
  /** e.g. "resolved (…) is before detected (…)": shown as errors. */
  milestoneProblems: z.array(z.string()),
  /** Spans between milestones; a clock whose end is not set is absent (the window runs it live). */
  clocks: z.object({
    /** started → detected */
    timeToDetectMs: z.number().optional(),
    /** detected → acknowledged */
    timeToAcknowledgeMs: z.number().optional(),
    /** started → mitigated */
    timeToMitigateMs: z.number().optional(),
    /** started → resolved */
    timeToResolveMs: z.number().optional(),
  }),
  /** `suggestedBy` is the event that prompted the suggestion. */
  suggestions: z.array(z.object({ milestone: Milestone, at: z.string(), suggestedBy: z.number(), why: z.string() })),
  markers: z.array(z.object({ seq: z.number(), markers: z.array(MarkerKind) })),
  pinned: z.array(z.number()),
  edits: z.array(z.object({ ref: z.number(), seq: z.number(), ts: z.string(), actor: z.string(), text: z.string(), reason: z.string().optional() })),
  redactions: z.array(z.object({ ref: z.number(), seq: z.number(), ts: z.string(), actor: z.string(), reason: z.string() })),
  attachments: z.array(
    z.object({ seq: z.number(), ts: z.string(), name: z.string(), file: z.string(), bytes: z.number(), sha256: z.string(), caption: z.string().optional(), ref: z.number().optional() }),
  ),
});
export type IncidentDetails = z.infer<typeof IncidentDetails>;

/** The hosts an event concerns, for filters and search. */
export function eventHosts(e: JournalEvent): string[] {
  const d = e.data;
  if (Array.isArray(d.hosts)) return d.hosts.filter((h): h is string => typeof h === 'string');
  if (Array.isArray(d.results)) {
    return d.results.flatMap((r) => (r && typeof r === 'object' && typeof (r as { host?: unknown }).host === 'string' ? [(r as { host: string }).host] : []));
  }
  return typeof d.alias === 'string' ? [d.alias] : [];
}

/** Timeline filters (#4): every given criterion must hold; an empty list means "any". */
export interface TimelineFilter {
  types?: EventType[];
  hosts?: string[];
  markers?: MarkerKind[];
  actors?: string[];
  pinnedOnly?: boolean;
}

/** `marks` are the events' markers and pins, as shared/model/annotations.ts folds them. */
export function matchesTimelineFilter(
  e: JournalEvent,
  f: TimelineFilter,
  marks?: { markers: ReadonlyMap<number, ReadonlySet<MarkerKind>>; pinned: ReadonlySet<number> },
): boolean {
  if (f.types?.length && !(isKnownEvent(e) && f.types.includes(e.type))) return false;
  if (f.actors?.length && !f.actors.includes(e.actor)) return false;
  if (f.hosts?.length && !eventHosts(e).some((h) => f.hosts?.includes(h))) return false;
  if (f.markers?.length) {
    const on = marks?.markers.get(e.seq);
    if (!f.markers.some((m) => on?.has(m))) return false;
  }
  if (f.pinnedOnly && !marks?.pinned.has(e.seq)) return false;
  return true;
}
