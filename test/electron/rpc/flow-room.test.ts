/**
 * FlowLedger.room as a property: whatever windows come and go, and however sessions send (always
 * within the room they are given) and windows acknowledge, no window has more in flight than its
 * total (plus the low watermark per session: small output never waits), no session more than its
 * cap, a session whose window caught up gets room again, and a closed window holds nothing.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DEFAULT_FLOW_LIMITS, FlowLedger, type FlowLimits } from '../../../electron/rpc/flow-ledger';

const LIMITS: FlowLimits = { highWatermark: 1000, lowWatermark: 20, clientHighWatermark: 4000, crowdedWatermark: 64, stallMs: 1000 };
const CLIENTS = ['a', 'b', 'c'];
const SESSIONS = Array.from({ length: 12 }, (_, i) => `s${i}`);
/** The window total, and a low watermark per session that always has room. */
const MOST_IN_FLIGHT = LIMITS.clientHighWatermark + SESSIONS.length * LIMITS.lowWatermark;

type Step =
  | { kind: 'attach' | 'close'; client: string }
  | { kind: 'send'; session: string; want: number }
  | { kind: 'ack'; client: string; session: string; part: number }
  | { kind: 'drop'; client: string; session: string };

const client = fc.constantFrom(...CLIENTS);
const session = fc.constantFrom(...SESSIONS);
const step: fc.Arbitrary<Step> = fc.oneof(
  fc.record({ kind: fc.constantFrom('attach' as const, 'close' as const), client }),
  { arbitrary: fc.record({ kind: fc.constant('send' as const), session, want: fc.integer({ min: 1, max: 3000 }) }), weight: 4 },
  { arbitrary: fc.record({ kind: fc.constant('ack' as const), client, session, part: fc.double({ min: 0.05, max: 1, noNaN: true }) }), weight: 3 },
  fc.record({ kind: fc.constant('drop' as const), client, session }),
);

/** The hub's part: a session sends to every attached window still reading it, at most the least room. */
function send(l: FlowLedger, attached: ReadonlySet<string>, sessionId: string, want: number): number {
  const chars = Math.min(want, l.roomFor(sessionId, want));
  if (chars <= 0) return 0;
  for (const c of attached) if (l.reading(c, sessionId)) l.sent(c, sessionId, chars);
  return chars;
}

describe('FlowLedger.room: a fair share of each window', () => {
  it('keeps every window within its total and every session within its cap, whatever happens, and small output never waits', () => {
    fc.assert(
      fc.property(fc.array(step, { maxLength: 300 }), (steps) => {
        const l = new FlowLedger(LIMITS, () => undefined, () => 0);
        const attached = new Set<string>(['a']);
        l.addClient('a');
        for (const s of steps) {
          if (s.kind === 'attach') {
            attached.add(s.client);
            l.addClient(s.client);
          } else if (s.kind === 'close') {
            attached.delete(s.client);
            l.removeClient(s.client);
          } else if (s.kind === 'send') {
            // A session owing less than the low watermark always has that much room.
            const most = Math.max(0, ...[...attached].filter((c) => l.reading(c, s.session)).map((c) => l.debt(c, s.session)));
            if (most < LIMITS.lowWatermark) expect(l.roomFor(s.session, s.want)).toBeGreaterThanOrEqual(LIMITS.lowWatermark - most);
            send(l, attached, s.session, s.want);
          } else if (s.kind === 'ack') {
            l.ack(s.client, s.session, Math.ceil(l.debt(s.client, s.session) * s.part));
          } else if (s.kind === 'drop' && attached.has(s.client)) {
            l.drop(s.client, s.session);
          }
          for (const c of CLIENTS) {
            expect(l.totalDebt(c)).toBeLessThanOrEqual(MOST_IN_FLIGHT);
            expect(l.totalDebt(c)).toBe(SESSIONS.reduce((n, id) => n + l.debt(c, id), 0));
            for (const id of SESSIONS) expect(l.debt(c, id)).toBeLessThanOrEqual(LIMITS.highWatermark);
          }
        }
      }),
      { numRuns: 300 },
    );
  });

  it('every flooding session gets room each time its windows have read what they were sent: none starves behind the first to send', () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(session, fc.integer({ min: 1, max: 3000 })), { maxLength: 100 }),
        fc.array(fc.shuffledSubarray(SESSIONS, { minLength: SESSIONS.length }), { minLength: 2, maxLength: 6 }),
        (before, rounds) => {
          const l = new FlowLedger(LIMITS, () => undefined, () => 0);
          const attached = new Set(['a', 'b']);
          for (const c of attached) l.addClient(c);
          // Whatever came before: some sessions owe, some were refused.
          for (const [id, want] of before) send(l, attached, id, want);
          const readAll = () => {
            for (const c of attached) for (const id of SESSIONS) l.ack(c, id, l.debt(c, id));
          };
          readAll();
          // Then every session floods, in a different order each round, and both windows read all of it between rounds.
          rounds.forEach((order, i) => {
            const got = new Map(order.map((id) => [id, send(l, attached, id, 3000)]));
            // The first round may still favour the first to send; from the second on, all share.
            if (i > 0) for (const id of SESSIONS) expect(got.get(id)).toBeGreaterThan(0);
            for (const c of CLIENTS) expect(l.totalDebt(c)).toBeLessThanOrEqual(MOST_IN_FLIGHT);
            readAll();
          });
        },
      ),
      { numRuns: 200 },
    );
  });

  it('a closed window releases everything it owed and limits nobody', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(session, fc.integer({ min: 1, max: 3000 })), { minLength: 1, maxLength: 100 }), (sends) => {
        const holds = new Map<string, boolean>();
        const l = new FlowLedger(LIMITS, (id, on) => holds.set(id, on), () => 0);
        const attached = new Set(['slow']);
        l.addClient('slow');
        for (const [id, want] of sends) send(l, attached, id, want);
        l.removeClient('slow');
        expect(l.totalDebt('slow')).toBe(0);
        for (const id of SESSIONS) {
          expect(l.debt('slow', id)).toBe(0);
          expect(l.isHeld(id)).toBe(false);
          // Nobody left to pace the stream: no limit at all.
          expect(l.roomFor(id)).toBe(Number.POSITIVE_INFINITY);
        }
        expect([...holds.values()].every((on) => !on)).toBe(true);
      }),
      { numRuns: 200 },
    );
  });

  it('a new window has its share before it acknowledges anything, and 64 flooding sessions share one window evenly', () => {
    const l = new FlowLedger(DEFAULT_FLOW_LIMITS, () => undefined, () => 0);
    expect(l.roomFor('alone')).toBe(Number.POSITIVE_INFINITY); // no window: nothing to pace
    l.addClient('w');
    expect(l.roomFor('alone')).toBe(100_000); // one session streaming: the per-session cap, as before
    const ids = Array.from({ length: 64 }, (_, i) => `h${i}`);
    // Each session sends what room it has (as 64 pumps do); the window then reads everything, and again.
    const round = () => {
      for (const id of ids) {
        const chars = Math.min(32_768, l.roomFor(id, 32_768));
        if (chars > 0) l.sent('w', id, chars);
      }
    };
    round();
    expect(l.totalDebt('w')).toBeLessThanOrEqual(DEFAULT_FLOW_LIMITS.clientHighWatermark + 64 * DEFAULT_FLOW_LIMITS.lowWatermark);
    const readAll = () => {
      for (const id of ids) l.ack('w', id, l.debt('w', id));
    };
    readAll();
    round();
    expect(l.totalDebt('w')).toBeLessThanOrEqual(DEFAULT_FLOW_LIMITS.clientHighWatermark + 64 * DEFAULT_FLOW_LIMITS.lowWatermark);
    readAll();
    round();
    // Now all 64 want to send: each gets the even split (256 KiB / 64), none starved by the first ones to send.
    for (const id of ids) expect(l.debt('w', id)).toBe(4096);
  });
});
