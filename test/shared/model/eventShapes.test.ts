import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isJournalEventShape, shapeChecks } from '../../../shared/model/eventShapes';
import { EventData, JournalEvent as JournalEventSchema, MAX_NOTE_CHARS, MAX_RUN_TAIL_BYTES, MarkerKind, eventData, type EventType, type JournalEvent } from '../../../shared/model/incident';

const CHECKS = shapeChecks({ noteChars: MAX_NOTE_CHARS, tailChars: MAX_RUN_TAIL_BYTES, markers: MarkerKind.options });
const TYPES = Object.keys(CHECKS) as EventType[];

/** Values near every edge the schemas draw: empty and over-long strings, non-integers, unsafe integers, null, undefined. */
const scalar = fc.oneof(
  fc.string({ maxLength: 4 }),
  fc.constantFrom('', 'x'.repeat(MAX_RUN_TAIL_BYTES + 1), 'y'.repeat(MAX_NOTE_CHARS + 1), 'a'.repeat(64), 'A'.repeat(64), ...MarkerKind.options),
  fc.integer({ min: -2, max: 300 }),
  fc.constantFrom(0.5, -0, Number.MAX_SAFE_INTEGER + 2, Infinity, Number.NaN, null, undefined, true, false),
  fc.array(fc.oneof(fc.string({ maxLength: 3 }), fc.integer()), { maxLength: 3 }),
);
const keysOf = (...keys: string[]) => fc.constantFrom(...keys, 'extra');
const output = fc.dictionary(keysOf('file', 'sha256', 'bytes'), scalar).map((o) => ({ ...o }));
const result = fc.dictionary(keysOf('host', 'exitCode', 'signal', 'error', 'tail', 'output', 'dropped'), fc.oneof(scalar, output)).map((o) => ({ ...o }));
const anyKeys = fc.dictionary(keysOf('text', 'line', 'hosts', 'withheld', 'uncertain', 'results', 'durationMs', 'alias', 'hostname', 'reason', 'checklist', 'itemId', 'label', 'done', 'ref', 'marker', 'on', 'pinned'), fc.oneof(scalar, fc.array(result, { maxLength: 3 }))).map((o) => ({ ...o }));

/** Valid data of each checked type, in the form the journal holds it (parsed JSON): what the checks must let through. */
const validResult = fc.record(
  {
    host: fc.string(),
    exitCode: fc.oneof(fc.integer({ min: -1, max: 255 }), fc.constant(null)),
    signal: fc.string(),
    error: fc.string(),
    tail: fc.string({ maxLength: 40 }),
    output: fc.record({ file: fc.string({ minLength: 1, maxLength: 20 }), sha256: fc.constant('0123456789abcdef'.repeat(4)), bytes: fc.nat() }),
    dropped: fc.integer({ min: 1 }),
  },
  { requiredKeys: ['host', 'exitCode'] },
);
const asStored = (a: fc.Arbitrary<Record<string, unknown>>) => a.map((d) => JSON.parse(JSON.stringify(d)) as Record<string, unknown>);
const VALID: Record<string, fc.Arbitrary<Record<string, unknown>>> = Object.fromEntries(Object.entries({
  note: fc.record({ text: fc.string({ minLength: 1 }) }),
  'command.broadcast': fc.record({ line: fc.string(), hosts: fc.array(fc.string()), withheld: fc.boolean(), uncertain: fc.boolean() }, { requiredKeys: ['line', 'hosts'] }),
  'command.run': fc.record({ line: fc.string(), results: fc.array(validResult, { maxLength: 4 }), durationMs: fc.double({ min: 0, noNaN: true, noDefaultInfinity: true }) }, { requiredKeys: ['line', 'results'] }),
  'session.connected': fc.record({ alias: fc.string(), hostname: fc.string() }),
  'session.disconnected': fc.record({ alias: fc.string(), reason: fc.string() }),
  'checklist.tick': fc.record({ checklist: fc.string(), itemId: fc.string(), label: fc.string(), done: fc.boolean() }),
  marker: fc.record({ ref: fc.integer({ min: 1 }), marker: fc.constantFrom(...MarkerKind.options), on: fc.boolean() }),
  pin: fc.record({ ref: fc.integer({ min: 1 }), pinned: fc.boolean() }),
}).map(([type, a]) => [type, asStored(a)]));

const event = (type: string, data: Record<string, unknown>): JournalEvent => ({ seq: 1, ts: '2026-11-30T00:00:00.000Z', type, actor: 'alice', data, prev: '0'.repeat(64), hash: '1'.repeat(64) });

describe('the hand-written shape checks in front of zod', () => {
  it('cover types that the schemas have, and have a valid-data generator each', () => {
    for (const type of TYPES) {
      expect(EventData).toHaveProperty([type]);
      expect(VALID).toHaveProperty([type]);
    }
  });

  it.each(TYPES)('%s: a yes means zod accepts the data and gives back an equal object', (type) => {
    const schema = EventData[type];
    const check = CHECKS[type] as (d: unknown) => boolean;
    fc.assert(
      fc.property(fc.oneof(anyKeys, VALID[type] as fc.Arbitrary<Record<string, unknown>>), (data) => {
        if (!check(data)) return;
        const parsed = schema.safeParse(data);
        expect(parsed.success).toBe(true);
        expect(parsed.data).toStrictEqual(data);
      }),
      { numRuns: 2000 },
    );
  });

  it.each(TYPES)('%s: valid data as the journal holds it takes the fast path (eventData hands back the stored object)', (type) => {
    fc.assert(
      fc.property(VALID[type] as fc.Arbitrary<Record<string, unknown>>, (data) => {
        expect(EventData[type].safeParse(data).success).toBe(true);
        expect(eventData(event(type, data), type)).toBe(data);
      }),
      { numRuns: 300 },
    );
  });

  it('leaves to zod what it cannot vouch for: unknown keys are stripped, bad data refused', () => {
    const withExtra = event('note', { text: 'disk full', colour: 'red' });
    const stripped = eventData(withExtra, 'note');
    expect(stripped).toStrictEqual({ text: 'disk full' });
    expect(stripped).not.toBe(withExtra.data);
    expect(eventData(event('note', { text: '' }), 'note')).toBeUndefined();
    expect(eventData(event('command.run', { line: 'df', results: [{ host: 'web-1', exitCode: 1.5 }] }), 'command.run')).toBeUndefined();
    expect(eventData(event('marker', { ref: 0, marker: 'repair', on: true }), 'marker')).toBeUndefined();
    expect(eventData(event('command.run', { line: 'df', results: [{ host: 'web-1', exitCode: 0, output: { file: 'f', sha256: 'Z'.repeat(64), bytes: 1 } }] }), 'command.run')).toBeUndefined();
  });
});

/** Envelopes near every edge JournalEvent draws: each key missing, extra, or holding a value near its bounds. */
const envelopeValue = fc.oneof(
  scalar,
  fc.constantFrom('2026-11-30T00:00:00.000Z', '2026-11-30T00:00:00Z', '2026-11-30 00:00:00.000Z', 'note', 'from.a.newer.version', '0'.repeat(64), 'f'.repeat(63)),
  fc.constantFrom({}, { text: 'x' }, [], null, Object.create(null) as object, JSON.parse('{"__proto__": {"x": 1}}') as object),
);
const envelope = fc.dictionary(keysOf('seq', 'ts', 'actor', 'type', 'data', 'prev', 'hash'), envelopeValue).map((o) => ({ ...o }));
const validEnvelope = fc
  .record({
    seq: fc.integer({ min: 1 }),
    ts: fc.date({ min: new Date('2000-01-01T00:00:00Z'), max: new Date('2099-12-31T23:59:59Z'), noInvalidDate: true }).map((d) => d.toISOString()),
    actor: fc.string({ minLength: 1 }),
    type: fc.oneof(fc.constantFrom(...(Object.keys(EventData) as string[])), fc.string({ minLength: 1 })),
    // The journal never writes a `__proto__` key, and zod drops or refuses one; the fast path leaves it to zod.
    data: fc.dictionary(fc.string().filter((k) => k !== '__proto__'), scalar.filter((v) => v !== undefined)),
    prev: fc.constantFrom('0'.repeat(64), 'ab'.repeat(32)),
    hash: fc.constantFrom('1'.repeat(64), 'cd'.repeat(32)),
  })
  .map((e) => JSON.parse(JSON.stringify(e)) as Record<string, unknown>);

describe('the written-out journal event envelope in front of zod (window pages)', () => {
  it('a yes means JournalEvent accepts the event and gives back an equal object', () => {
    fc.assert(
      fc.property(fc.oneof(envelope, validEnvelope), (e) => {
        if (!isJournalEventShape(e)) return;
        const parsed = JournalEventSchema.safeParse(e);
        expect(parsed.success).toBe(true);
        expect(parsed.data).toStrictEqual(e);
      }),
      { numRuns: 5000 },
    );
  });

  it('events as the journal holds them take the fast path; anything odd is left to zod', () => {
    fc.assert(
      fc.property(validEnvelope, (e) => {
        expect(JournalEventSchema.safeParse(e).success).toBe(true);
        expect(isJournalEventShape(e)).toBe(true);
      }),
      { numRuns: 1000 },
    );
    const good = event('note', { text: 'disk full' });
    expect(isJournalEventShape(good)).toBe(true);
    expect(isJournalEventShape({ ...good, extra: 1 })).toBe(false);
    expect(isJournalEventShape({ ...good, seq: 0 })).toBe(false);
    expect(isJournalEventShape({ ...good, ts: '2026-11-30T00:00:00Z' })).toBe(false);
    expect(isJournalEventShape({ ...good, hash: 'A'.repeat(64) })).toBe(false);
    expect(isJournalEventShape({ ...good, data: [] })).toBe(false);
    const proto = { ...good, data: JSON.parse('{"__proto__": 0.5}') as object };
    expect(isJournalEventShape(proto)).toBe(false);
    expect(isJournalEventShape({ ...good, actor: '' })).toBe(false);
  });
});
