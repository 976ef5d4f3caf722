/**
 * Written-out shape checks for the event types a long incident is mostly made of (notes, typed
 * lines, runs, sessions, checklist ticks, markers, pins): a fast path in front of the zod schemas
 * of shared/model/incident.ts. zod copies every object it parses, and on a 100,000-event incident
 * that garbage was most of the time spent drafting the write-up and folding the details.
 *
 * A check says yes only when zod would accept the data AND give back an equal object: no key zod
 * does not know (it would strip it), no optional key set to undefined. Anything else, valid or not,
 * is left to zod, so a check that says no too often costs speed, never correctness.
 * test/shared/model/eventShapes.test.ts holds every check to that against the schemas.
 */

export interface ShapeLimits {
  /** A note's and a correction's longest text (MAX_NOTE_CHARS). */
  noteChars: number;
  /** A run's longest tail per host. */
  tailChars: number;
  /** The marker kinds (MarkerKind.options). */
  markers: readonly string[];
}

export type ShapeCheck = (data: unknown) => boolean;

type Obj = Record<string, unknown>;

/** A plain object (as JSON.parse and structured clone make them) whose keys are all in `known`. */
function plain(v: unknown, known: ReadonlySet<string>): v is Obj {
  if (typeof v !== 'object' || v === null || Object.getPrototypeOf(v) !== Object.prototype) return false;
  for (const key in v) {
    if (!Object.hasOwn(v, key) || !known.has(key)) return false;
  }
  return true;
}

const isString = (v: unknown): v is string => typeof v === 'string';
const isInt = (v: unknown): v is number => Number.isSafeInteger(v);
const isSeq = (v: unknown): boolean => isInt(v) && (v as number) > 0;
/** An optional key is either absent or holds a value that passes (never present as undefined). */
const optional = (o: Obj, key: string, ok: (v: unknown) => boolean): boolean => !Object.hasOwn(o, key) || ok(o[key]);

const SHA256 = /^[0-9a-f]{64}$/;

function strings(v: unknown): boolean {
  if (!Array.isArray(v)) return false;
  for (let i = 0; i < v.length; i++) if (typeof v[i] !== 'string') return false;
  return true;
}

export function shapeChecks(limits: ShapeLimits): Readonly<Record<string, ShapeCheck>> {
  const keys = (...k: string[]): ReadonlySet<string> => new Set(k);
  const NOTE = keys('text');
  const BROADCAST = keys('line', 'hosts', 'withheld', 'uncertain');
  const RUN = keys('line', 'results', 'durationMs');
  const RESULT = keys('host', 'exitCode', 'signal', 'error', 'tail', 'output', 'dropped');
  const OUTPUT = keys('file', 'sha256', 'bytes');
  const CONNECTED = keys('alias', 'hostname');
  const DISCONNECTED = keys('alias', 'reason');
  const TICK = keys('checklist', 'itemId', 'label', 'done');
  const MARKER = keys('ref', 'marker', 'on');
  const PIN = keys('ref', 'pinned');
  const markers: ReadonlySet<unknown> = new Set(limits.markers);
  const isBool = (v: unknown) => typeof v === 'boolean';
  const isTail = (v: unknown) => isString(v) && v.length <= limits.tailChars;
  const isDuration = (v: unknown) => typeof v === 'number' && Number.isFinite(v) && v >= 0;

  const output = (v: unknown): boolean => plain(v, OUTPUT) && isString(v.file) && v.file.length >= 1 && v.file.length <= 1000 && isString(v.sha256) && SHA256.test(v.sha256) && isInt(v.bytes) && v.bytes >= 0;
  const result = (v: unknown): boolean =>
    plain(v, RESULT) &&
    isString(v.host) &&
    (v.exitCode === null || isInt(v.exitCode)) &&
    optional(v, 'signal', isString) &&
    optional(v, 'error', isString) &&
    optional(v, 'tail', isTail) &&
    optional(v, 'output', output) &&
    optional(v, 'dropped', isSeq);

  return {
    note: (d) => plain(d, NOTE) && isString(d.text) && d.text.length >= 1 && d.text.length <= limits.noteChars,
    'command.broadcast': (d) => plain(d, BROADCAST) && isString(d.line) && strings(d.hosts) && optional(d, 'withheld', isBool) && optional(d, 'uncertain', isBool),
    'command.run': (d) => {
      if (!plain(d, RUN) || !isString(d.line) || !Array.isArray(d.results)) return false;
      if (!optional(d, 'durationMs', isDuration)) return false;
      for (let i = 0; i < d.results.length; i++) if (!result(d.results[i])) return false;
      return true;
    },
    'session.connected': (d) => plain(d, CONNECTED) && isString(d.alias) && isString(d.hostname),
    'session.disconnected': (d) => plain(d, DISCONNECTED) && isString(d.alias) && isString(d.reason),
    'checklist.tick': (d) => plain(d, TICK) && isString(d.checklist) && isString(d.itemId) && isString(d.label) && isBool(d.done),
    marker: (d) => plain(d, MARKER) && isSeq(d.ref) && markers.has(d.marker) && isBool(d.on),
    pin: (d) => plain(d, PIN) && isSeq(d.ref) && isBool(d.pinned),
  };
}

const ENVELOPE: ReadonlySet<string> = new Set(['seq', 'ts', 'actor', 'type', 'data', 'prev', 'hash']);
const ISO_MS = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;

/**
 * The journal event envelope, written out: yes only when JournalEvent (KnownEvent | UnknownEvent)
 * accepts the event and gives back an equal object. The window checks the pages of a 100,000-event
 * timeline with it: zod's copy of 10,000 events took 100–300 ms of the window's main thread per page.
 * The data is left as it is, as the schema leaves it (each type's data is checked where it is read).
 */
export function isJournalEventShape(v: unknown): boolean {
  if (!plain(v, ENVELOPE)) return false;
  const d = v.data;
  return (
    isSeq(v.seq) &&
    isString(v.ts) &&
    ISO_MS.test(v.ts) &&
    isString(v.actor) &&
    v.actor.length >= 1 &&
    isString(v.type) &&
    v.type.length >= 1 &&
    isString(v.prev) &&
    SHA256.test(v.prev) &&
    isString(v.hash) &&
    SHA256.test(v.hash) &&
    typeof d === 'object' &&
    d !== null &&
    Object.getPrototypeOf(d) === Object.prototype &&
    !Object.hasOwn(d, '__proto__')
  );
}
