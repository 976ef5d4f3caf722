/**
 * Every request, reply and event between the window and the Node side. Both transports (Electron
 * IPC and the browser-mode WebSocket) are generic over this object, and the Node side validates
 * every payload against it. Derived from it, never written again: the input, reply and event types
 * (RequestInput, RequestOutput, EventPayload below) and the preload's API type. Handlers are typed
 * against RequestOutput, so a Node-side type that describes the same data without being inferred
 * from these schemas must stay assignable to them, or the build fails.
 */
import { z } from 'zod';
import { Host, HostAlias, HostKeyDecision, HostKeyPrompt, SessionId, SessionInfo } from './model/host';
import { Incident, IncidentDetails, IncidentId, IncidentStatus, JournalEvent, JournalIntegrity, MarkerKind, MAX_NOTE_CHARS, Milestone, Role, Severity } from './model/incident';
import { IncidentSummary, SearchHit } from './model/incidentList';
import { Action, ActionAdd, ActionListItem, ActionUpdate } from './model/action';
import { AuthPrompt, HostRunResult, RunCounts, RunId, RunReply, RunRequest } from './model/run';
import { MAX_QUERY_CHARS, ScreenGroups, ScrollbackHit, SearchMode } from './model/screens';
import { LintReport, LintWhere, RuleId } from './writeup/lint/finding';
import { ChecklistDef } from './model/checklist';
import { DiffPart, SaveConflict, SectionId, SectionText, SectionVersion, WriteupSection } from './model/writeup';
import { WriteupState } from './model/writeup';
import { Rating, StepId } from './model/agenda';
import { MAX_REPLAY_SPAN_MS, ReplayCast } from './model/replay';
import { PanelFolds } from './model/panelFolds';

const Person = z.string().trim().min(1).max(300);
/** One change to the post-mortem meeting (electron/incident/meeting-record.ts checks it against the journal). */
const MeetingChange = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('start'), attendees: z.array(Person).min(1).max(200).optional(), owner: Person }).strict(),
  z.object({ kind: z.literal('step'), from: StepId.optional() }).strict(),
  z.object({ kind: z.literal('note'), text: z.string().trim().min(1).max(MAX_NOTE_CHARS), step: StepId.optional() }).strict(),
  z.object({ kind: z.literal('end') }).strict(),
  z.object({ kind: z.literal('survey'), blameless: Rating, factors: Rating, confidence: Rating, comment: z.string().trim().max(2000).optional() }).strict(),
]);

const Empty = z.object({}).strict();
const Seq = z.number().int().positive();
const Reason = z.string().trim().min(1).max(2000);
/** The one attachment limit, for every path (window and CLI): larger evidence belongs in a ticket, not a journal. */
export const MAX_ATTACHMENT_BYTES = 10 * 1024 * 1024;
/** Attachments cross the wire base64-encoded in chunks of at most this many bytes (a multiple of 3: the base64 bound is exact). */
export const ATTACHMENT_CHUNK_BYTES = 384 * 1024;
const UploadId = z.string().min(1).max(64);
const Ok = z.object({ ok: z.literal(true) });
const ScrollbackQuery = z.object({ query: z.string().min(1).max(MAX_QUERY_CHARS), ...SearchMode.shape }).strict();

/** The most events one incident.active or timeline.page reply carries (about 3 MB of JSON). */
export const MAX_TIMELINE_PAGE = 10_000;

/** A paste larger than this is refused with a clear error rather than streamed into production. */
export const MAX_INPUT_CHARS = 1024 * 1024;
/** Replies to terminal queries are a few dozen characters; the window cuts a burst into pieces this long. */
export const MAX_REPLY_CHARS = 4096;
/** Sessions one fleet.ack request may carry (as many as one fleet.connect opens). */
export const MAX_ACKS_PER_REQUEST = 2000;
/** Terminal geometry bounds: anything outside is a bug or an attack, not a window. */
const Cols = z.number().int().min(2).max(1000);
const Rows = z.number().int().min(1).max(500);

function request<I extends z.ZodType, O extends z.ZodType>(input: I, output: O) {
  return { input, output } as const;
}

export const contract = {
  requests: {
    'app.info': request(
      Empty,
      z.object({
        version: z.string(),
        mode: z.enum(['electron', 'web']),
        practice: z.boolean(),
        dataDir: z.string(),
        screenReader: z.boolean(),
      }),
    ),
    'hosts.list': request(
      Empty,
      z.object({
        hosts: z.array(Host),
        groups: z.record(z.string(), z.array(HostAlias)),
        /** Problems found while reading config, each naming its file and line. */
        warnings: z.array(z.string()),
      }),
    ),
    'fleet.connect': request(
      z.object({ aliases: z.array(HostAlias).min(1).max(2000), cols: Cols, rows: Rows }).strict(),
      z.object({ sessions: z.array(SessionInfo) }),
    ),
    'fleet.sessions': request(Empty, z.object({ sessions: z.array(SessionInfo) })),
    /** The session's recent output, so a reloaded window can show what its terminal already printed. */
    'fleet.scrollback': request(z.object({ sessionId: SessionId }).strict(), z.object({ data: z.string() })),
    'fleet.disconnect': request(z.object({ sessionIds: z.array(SessionId).min(1) }).strict(), Ok),
    /**
     * Keystrokes for one or many sessions, written to every target in the same tick. The Node side
     * records each completed line on the timeline with its target hosts.
     */
    'fleet.input': request(
      z.object({ sessionIds: z.array(SessionId).min(1).max(2000), data: z.string().min(1).max(MAX_INPUT_CHARS) }).strict(),
      z.object({ delivered: z.number().int().nonnegative() }),
    ),
    /**
     * xterm's answer to a query in one session's output (cursor position, colours, device
     * attributes): written to that session alone, never broadcast, never recorded, as nobody typed it.
     */
    'fleet.reply': request(z.object({ sessionId: SessionId, data: z.string().min(1).max(MAX_REPLY_CHARS) }).strict(), Ok),
    'fleet.resize': request(z.object({ sessionId: SessionId, cols: Cols, rows: Rows }).strict(), Ok),
    /**
     * Flow control: the window has written this many more characters of each session's output into
     * xterm. One request per animation frame carries every session's count (a request per session
     * per frame was 20 round trips per keystroke on 20 panes).
     */
    'fleet.ack': request(
      z.object({ acks: z.array(z.object({ sessionId: SessionId, chars: z.number().int().positive() }).strict()).min(1).max(MAX_ACKS_PER_REQUEST) }).strict(),
      Ok,
    ),
    'hostkey.answer': request(z.object({ promptId: z.string().min(1).max(128), decision: HostKeyDecision }).strict(), Ok),
    'hostkey.pending': request(Empty, z.object({ prompts: z.array(HostKeyPrompt) })),
    /** Reconnect now, for one host or for all, without waiting for the backoff. */
    'fleet.reconnect': request(z.object({ sessionIds: z.array(SessionId).min(1) }).strict(), Ok),
    /** Runs a command on targets (exec channels, fan-out) and returns every host's result, collated. */
    'fleet.run': request(RunRequest, RunReply),
    /**
     * Cancels a run in flight: its hosts not done yet end as `cancelled` (so recorded on the
     * timeline), and the run's own reply follows. `cancelled` is false when no such run is in flight.
     */
    'fleet.runCancel': request(z.object({ runId: RunId }).strict(), z.object({ cancelled: z.boolean() })),
    /** Answers to a passphrase, password or OTP question. Kept in memory only; never journalled. */
    'auth.answer': request(
      z
        .object({
          promptId: z.string().min(1).max(128),
          answers: z.array(z.string().max(4096)).max(16).nullable(),
          /** Use the same answers for every host of this connect that asks the same question. */
          forAll: z.boolean().default(false),
        })
        .strict(),
      Ok,
    ),
    'auth.pending': request(Empty, z.object({ prompts: z.array(AuthPrompt) })),
    /** The latest broadcast line's verdict, so a reloaded window shows it again. */
    'screen.latest': request(Empty, z.object({ verdict: ScreenGroups.nullable() })),
    /** A settled broadcast line grouped again: strictly, or with numbers and host names in the output as equal. */
    'screen.regroup': request(z.object({ lineId: z.number().int().positive(), loose: z.boolean() }).strict(), ScreenGroups),
    /** Every session's scrollback, rendered or not, searched line by line (ANSI stripped); refuses unsafe patterns. */
    'scrollback.search': request(ScrollbackQuery, z.object({ hits: z.array(ScrollbackHit), searched: z.number().int().nonnegative() })),
    /** The same search, kept on the timeline as a `scrollback.found` event (null: held until an incident is declared). */
    'scrollback.evidence': request(ScrollbackQuery, z.object({ event: JournalEvent.nullable() })),

    'incident.declare': request(
      z.object({ title: z.string().trim().min(1).max(500), severity: Severity, kind: z.string().trim().min(1).max(100).optional() }).strict(),
      Incident,
    ),
    'incident.list': request(Empty, z.object({ incidents: z.array(IncidentSummary) })),
    'incident.search': request(
      z.object({ query: z.string().trim().min(1).max(500), limit: z.number().int().min(1).max(1000).optional() }).strict(),
      z.object({ hits: z.array(SearchHit), skipped: z.array(z.string()) }),
    ),
    'incident.activate': request(z.object({ id: IncidentId }).strict(), Incident),
    /**
     * Roles, handoffs, milestones, clocks, suggestions, markers, pins, edits: folded from the journal.
     * With `folds`, also what the checklist, actions and review panels fold (shared/model/panelFolds.ts),
     * for a window that does not hold the whole journal yet.
     */
    'incident.details': request(
      z.object({ folds: z.boolean().optional() }).strict(),
      z.object({ details: IncidentDetails.nullable(), folds: PanelFolds.optional() }),
    ),
    'incident.status': request(z.object({ to: IncidentStatus, reason: Reason.optional() }).strict(), JournalEvent),
    'incident.severity': request(z.object({ to: Severity, reason: Reason.optional() }).strict(), JournalEvent),
    'incident.rename': request(z.object({ title: z.string().trim().min(1).max(500) }).strict(), JournalEvent),
    'incident.role': request(
      z.object({ role: Role, who: z.string().trim().min(1).max(200), action: z.enum(['assign', 'release']) }).strict(),
      JournalEvent,
    ),
    'incident.milestone': request(
      z
        .object({
          milestone: Milestone,
          at: z.string().regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/).optional(),
          suggestedBy: Seq.optional(),
        })
        .strict(),
      JournalEvent,
    ),
    'incident.dismissSuggestion': request(z.object({ milestone: Milestone, suggestedBy: Seq }).strict(), JournalEvent),
    'timeline.mark': request(z.object({ seq: Seq, marker: MarkerKind, on: z.boolean() }).strict(), JournalEvent),
    'timeline.pin': request(z.object({ seq: Seq, pinned: z.boolean() }).strict(), JournalEvent),
    'timeline.edit': request(z.object({ seq: Seq, text: z.string().trim().min(1).max(MAX_NOTE_CHARS), reason: Reason.optional() }).strict(), JournalEvent),
    'timeline.redact': request(z.object({ seq: Seq, reason: Reason }).strict(), JournalEvent),
    /**
     * An attachment crosses in three steps so that no single message nears the socket's frame
     * limit: begin (name and size, refused over MAX_ATTACHMENT_BYTES), chunks in order, then
     * timeline.attach, which records it. Uploads belong to the window that began them.
     */
    'timeline.attachBegin': request(
      z.object({ name: z.string().min(1).max(255), bytes: z.number().int().min(1).max(MAX_ATTACHMENT_BYTES) }).strict(),
      z.object({ uploadId: UploadId }),
    ),
    'timeline.attachChunk': request(
      z
        .object({
          uploadId: UploadId,
          offset: z.number().int().min(0).max(MAX_ATTACHMENT_BYTES),
          contentBase64: z.base64().min(1).max((ATTACHMENT_CHUNK_BYTES / 3) * 4),
        })
        .strict(),
      z.object({ received: z.number().int().nonnegative() }),
    ),
    'timeline.attach': request(
      z
        .object({
          uploadId: UploadId,
          caption: z.string().max(2000).optional(),
          ref: Seq.optional(),
        })
        .strict(),
      JournalEvent,
    ),
    /**
     * The active incident. With `tail`, only its newest `tail` events (a 100,000-event journal is
     * ~30 MB of JSON: the window shows the newest page at once and fetches the rest with
     * timeline.page); `total` is the journal's count either way. A reply with only some of the
     * events carries `folds`, the panels' folds of the whole journal (shared/model/panelFolds.ts),
     * unless the journal is still being verified behind its open (then incident.details gives
     * them once the integrity report says verified).
     */
    'incident.active': request(
      z.object({ tail: z.number().int().min(1).max(MAX_TIMELINE_PAGE).optional() }).strict(),
      z.object({
        incident: Incident.nullable(),
        events: z.array(JournalEvent),
        integrity: JournalIntegrity.nullable(),
        total: z.number().int().nonnegative(),
        folds: PanelFolds.optional(),
      }),
    ),
    /**
     * Up to `limit` events of the active incident with seq below `before`, the newest of them,
     * oldest first. Refused when `incident` is no longer the active one (the window switched).
     */
    'timeline.page': request(
      z.object({ incident: IncidentId, before: Seq, limit: z.number().int().min(1).max(MAX_TIMELINE_PAGE) }).strict(),
      z.object({ events: z.array(JournalEvent) }),
    ),
    'incident.note': request(z.object({ text: z.string().trim().min(1).max(MAX_NOTE_CHARS) }).strict(), JournalEvent),
    'checklist.tick': request(
      z.object({ checklist: z.string().min(1).max(64), itemId: z.string().min(1).max(64), done: z.boolean() }).strict(),
      JournalEvent,
    ),
    /** The blameless lint over the active incident's notes and the latest text of each write-up section. */
    'writeup.lint': request(Empty, LintReport),
    /**
     * Keeps a lint finding on purpose, with the reason (a `lint.waived` event); refused when no such
     * finding is open. `text`: the section as it is being edited, whose findings (not saved yet) count too.
     */
    'writeup.waive': request(
      z.object({ rule: RuleId, words: z.string().trim().min(1).max(500), where: LintWhere, reason: Reason, text: SectionText.optional() }).strict(),
      JournalEvent,
    ),
    /**
     * Moves the write-up through review (shared/model/review.ts): refused out of order, and approval
     * refused to an author. Approving also records what was approved; publishing names the file written.
     */
    'writeup.state': request(
      z.object({ to: WriteupState, reason: Reason.optional() }).strict(),
      z.object({ events: z.array(JournalEvent), published: z.string().optional() }),
    ),
    /** The checklists to show: the built-ins and the team's own from the config file. Their state is folded from the timeline (shared/model/checklistState.ts). */
    'checklist.definitions': request(Empty, z.object({ checklists: z.array(ChecklistDef) })),
    /** The active incident's write-up: every section with its title, text, state, version and citations. */
    'writeup.get': request(Empty, z.object({ sections: z.array(WriteupSection) })),
    /** Every saved version of one section, oldest first. */
    'writeup.history': request(z.object({ section: SectionId }).strict(), z.object({ section: SectionId, versions: z.array(SectionVersion) })),
    /** The line diff between two saved versions (by seq). */
    'writeup.diff': request(
      z.object({ from: Seq, to: Seq }).strict(),
      z.object({ from: SectionVersion.extend({ section: SectionId }), to: SectionVersion.extend({ section: SectionId }), parts: z.array(DiffPart) }),
    ),
    /**
     * Saves a section edited from version `base` (null: never saved). If `base` is no longer the
     * section's current version, nothing is written and the reply carries both texts.
     */
    'writeup.save': request(
      z.object({ section: SectionId, text: SectionText, base: Seq.nullable() }).strict(),
      z.discriminatedUnion('result', [
        z.object({ result: z.literal('saved'), event: JournalEvent, section: WriteupSection }),
        z.object({ result: z.literal('conflict'), conflict: SaveConflict }),
      ]),
    ),
    /** Accepts the current draft of a section as it is. */
    'writeup.accept': request(z.object({ section: SectionId, version: Seq }).strict(), JournalEvent),
    /** Fills empty sections (one, or all) with drafts from the evidence; never touches a section with text. */
    'writeup.draft': request(
      z.object({ section: SectionId.optional() }).strict(),
      z.object({
        filled: z.array(z.object({ section: SectionId, seq: Seq })),
        skipped: z.array(z.object({ section: SectionId, reason: z.string() })),
      }),
    ),
    /** Action items of the active incident: created (from events, or by hand) and changed; the reply holds the event written. */
    'action.add': request(ActionAdd, z.object({ action: Action, event: JournalEvent })),
    'action.update': request(ActionUpdate, z.object({ action: Action, event: JournalEvent })),
    /** Actions of one incident, or of every incident when none is named; damaged journals are named in `skipped`. */
    'action.list': request(z.object({ incident: IncidentId.optional() }).strict(), z.object({ actions: z.array(ActionListItem), skipped: z.array(z.string()) })),
    /** The post-mortem meeting: start, move on, a note on a step, end, or one's survey answers; the reply is the event written. */
    'meeting.change': request(MeetingChange, JournalEvent),
    /**
     * The active incident's terminal recordings around a moment: `beforeMs` before `at` to `afterMs`
     * after it, each cut to bounds (shared/model/replay.ts). Read-only: nothing reaches a session.
     */
    'replay.casts': request(
      z
        .object({
          at: z.string().regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/),
          beforeMs: z.number().int().min(0).max(10 * 60_000),
          afterMs: z.number().int().min(1).max(MAX_REPLAY_SPAN_MS),
        })
        .strict(),
      z.object({ casts: z.array(ReplayCast) }),
    ),
    'export.markdown': request(Empty, z.object({ markdown: z.string(), path: z.string() })),
    /** The write-up as HTML or PDF, or the whole incident as JSON, written to the incident's exports/ folder. */
    'export.file': request(z.object({ format: z.enum(['html', 'pdf', 'json']) }).strict(), z.object({ path: z.string() })),
  },
  events: {
    /** Terminal output, batched per session and cut only at UTF-8 character boundaries. */
    'term.data': z.object({ sessionId: SessionId, data: z.string() }),
    /**
     * Input reached a session far behind, so `chars` characters of its output that nobody could read
     * any more were dropped; the latest lines (the prompt) follow as term.data.
     */
    'term.skipped': z.object({ sessionId: SessionId, chars: z.number().int().positive() }),
    /**
     * This window stopped reading the session's output and was dropped from its stream: repaint it
     * from fleet.scrollback (which also resumes the stream) when it reads again.
     */
    'term.resync': z.object({ sessionId: SessionId }),
    'session.state': SessionInfo,
    'hostkey.prompt': HostKeyPrompt,
    'hostkey.settled': z.object({ promptId: z.string() }),
    'auth.prompt': AuthPrompt,
    'auth.settled': z.object({ promptId: z.string() }),
    'timeline.append': JournalEvent,
    'incident.changed': Incident.nullable(),
    /** Something could not be written to the journal (a line typed, a link change); keys were still delivered. */
    'timeline.error': z.object({ message: z.string() }),
    /** The active journal's integrity changed: the background re-verification finished, or found a break (an alarm). */
    'incident.integrity': JournalIntegrity,
    /** The targets of a broadcast line grouped by what it printed, once their output settled. */
    'screen.groups': ScreenGroups,
    /** A run's counts changed: a host started or finished. */
    'run.progress': RunCounts.extend({ runId: RunId }),
    /** One host of a run finished (or failed, or was cancelled): its result, before the run's reply. */
    'run.host': z.object({ runId: RunId, host: HostRunResult }),
  },
} as const;

export type Contract = typeof contract;
export type RequestName = keyof Contract['requests'];
export type EventName = keyof Contract['events'];
export type RequestInput<K extends RequestName> = z.input<Contract['requests'][K]['input']>;
/** What a handler receives: the input after its schema has parsed it (trimmed, defaults applied). */
export type ParsedInput<K extends RequestName> = z.output<Contract['requests'][K]['input']>;
export type RequestOutput<K extends RequestName> = z.output<Contract['requests'][K]['output']>;
export type EventPayload<E extends EventName> = z.output<Contract['events'][E]>;

export const REQUEST_NAMES = Object.keys(contract.requests) as RequestName[];
export const EVENT_NAMES = Object.keys(contract.events) as EventName[];

export function isRequestName(name: unknown): name is RequestName {
  return typeof name === 'string' && Object.prototype.hasOwnProperty.call(contract.requests, name);
}
export function isEventName(name: unknown): name is EventName {
  return typeof name === 'string' && Object.prototype.hasOwnProperty.call(contract.events, name);
}

/** Every reply crosses the wire in this envelope, so an error keeps its message on both transports. */
export type RpcError = { code: RpcErrorCode; message: string };
export type RpcErrorCode = 'bad-request' | 'unknown-channel' | 'forbidden' | 'failed';
export type RpcReply<T> = { ok: true; value: T } | { ok: false; error: RpcError };

/** The API the window sees, on either transport. `window.warroom` in Electron has exactly this type. */
export interface WarroomApi {
  request<K extends RequestName>(name: K, input: RequestInput<K>): Promise<RequestOutput<K>>;
  on<E extends EventName>(name: E, listener: (payload: EventPayload<E>) => void): () => void;
}

/** Electron IPC channel names, derived so that preload and main cannot disagree. */
export const IPC_REQUEST_PREFIX = 'warroom:req:';
export const IPC_EVENT_CHANNEL = 'warroom:event';
