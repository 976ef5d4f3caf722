import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { EMPTY_HEAD, JournalCorruptError, scanJournal } from '../../../electron/journal/scan';
import { eventHash, eventLine, canonicalJson } from '../../../electron/journal/canonical';
import { GENESIS_HASH, JournalEvent, type EventDraft } from '../../../shared/model/incident';

function build(drafts: EventDraft[]): JournalEvent[] {
  let prev = GENESIS_HASH;
  return drafts.map((d, i) => {
    const fields = { seq: i + 1, ts: new Date(Date.UTC(2026, 10, 25, 23, 59, i)).toISOString(), type: d.type, actor: d.actor, data: d.data as Record<string, unknown> };
    const e = { ...fields, prev, hash: eventHash(prev, fields) };
    prev = e.hash;
    return e;
  });
}

const text = (events: JournalEvent[]) => Buffer.from(events.map((e) => eventLine(e)).join('\n') + '\n');
const notes = (n: number) => build(Array.from({ length: n }, (_, i) => ({ type: 'note', actor: 'a', data: { text: `n${i}` } })));

describe('scanJournal', () => {
  it('accepts a line reformatted without changing its meaning (other key order, whitespace)', () => {
    const events = build([{ type: 'command.broadcast', actor: 'a', data: { line: 'uptime', hosts: ['h1'] } }, ...notes(1).map((e) => ({ type: 'note' as const, actor: e.actor, data: { text: 'n0' } }))]);
    const first = events[0] as JournalEvent;
    const reformatted = JSON.stringify({ hash: first.hash, prev: first.prev, data: { line: 'uptime', hosts: ['h1'] }, actor: 'a', type: first.type, ts: first.ts, seq: 1 }, null, 1).replace(/\n/g, ' ');
    const buf = Buffer.from(`${reformatted}\n${eventLine(events[1] as JournalEvent)}\n`);
    expect(scanJournal(buf, 'j', EMPTY_HEAD).events).toHaveLength(2);
  });

  it('keeps an event of a type a newer Warroom wrote, chained like any other', () => {
    const events = notes(2);
    const fields = { seq: 3, ts: '2026-11-26T00:00:00.000Z', type: 'postmortem.linked', actor: 'b', data: { url: 'https://example.invalid/pm/7' } };
    const future = { ...fields, prev: events[1]!.hash, hash: eventHash(events[1]!.hash, fields) };
    const r = scanJournal(Buffer.concat([text(events), Buffer.from(`${eventLine(future)}\n`)]), 'j', EMPTY_HEAD);
    expect(r.events.map((e) => e.type)).toEqual(['note', 'note', 'postmortem.linked']);
    expect(r.tail).toHaveLength(0);
    expect(JournalEvent.safeParse(r.events[2]).success).toBe(true);
  });

  it('names the line of an unknown event type whose hash does not hold (a changed type)', () => {
    const lines = text(notes(3)).toString().split('\n');
    lines[1] = (lines[1] as string).replace('"type":"note"', '"type":"nope"');
    expect(() => scanJournal(Buffer.from(lines.join('\n')), 'file.jsonl', EMPTY_HEAD)).toThrow(/file\.jsonl:2: hash of seq 2 does not match/);
  });

  it('names a complete last line that does not parse: only a line without its newline is torn', () => {
    const full = text(notes(2));
    const flipped = Buffer.from(full);
    flipped[full.length - 30] = 0x22; // a quote inside the last hash: the JSON no longer parses
    expect(() => scanJournal(flipped, 'file.jsonl', EMPTY_HEAD)).toThrow(/file\.jsonl:2: not valid JSON/);
    const zeros = Buffer.concat([full, Buffer.alloc(40), Buffer.from('\n')]);
    expect(() => scanJournal(zeros, 'file.jsonl', EMPTY_HEAD)).toThrow(/file\.jsonl:3: not valid JSON/);
  });

  it('never accepts a line the JournalEvent schema rejects, whatever field is damaged', () => {
    const events = notes(3);
    const fields = ['seq', 'ts', 'type', 'actor', 'data', 'prev', 'hash'] as const;
    fc.assert(
      fc.property(fc.constantFrom(...fields), fc.jsonValue(), fc.integer({ min: 0, max: 2 }), (field, value, index) => {
        const damaged = events.map((e) => ({ ...e })) as Array<Record<string, unknown>>;
        (damaged[index] as Record<string, unknown>)[field] = value;
        const buf = Buffer.from(damaged.map((e) => JSON.stringify(e)).join('\n') + '\n');
        let accepted: JournalEvent[] | undefined;
        try {
          const r = scanJournal(buf, 'j', EMPTY_HEAD);
          if (r.tail.length === 0) accepted = r.events;
        } catch (err) {
          expect(err).toBeInstanceOf(JournalCorruptError);
        }
        if (accepted) {
          for (const e of accepted) expect(JournalEvent.safeParse(e).success).toBe(true);
          // Only a value equal to the original can pass the hash check.
          expect(canonicalJson(accepted[index]?.[field])).toBe(canonicalJson(events[index]?.[field]));
        }
      }),
      { numRuns: 500 },
    );
  });

  it('stops at a partial last line without consuming it (a write in flight, or torn)', () => {
    const full = text(notes(2));
    const cut = full.subarray(0, full.length - 10);
    const r = scanJournal(cut, 'j', EMPTY_HEAD);
    expect(r.events).toHaveLength(1);
    expect(r.head.offset).toBe(full.indexOf('\n') + 1);
    expect(r.tail.toString()).toBe(cut.subarray(r.head.offset).toString());
  });

  it('gives every event exactly the journal fields in the journal order, however the line was written', () => {
    const [first, second] = build([{ type: 'note', actor: 'a', data: { text: 'n0' } }, { type: 'note', actor: 'a', data: { text: 'n1' } }]) as [JournalEvent, JournalEvent];
    // Other key order, and a key the journal does not know (outside the hashed fields).
    const reordered = JSON.stringify({ hash: first.hash, prev: first.prev, data: first.data, actor: first.actor, type: first.type, ts: first.ts, seq: 1 });
    const extra = eventLine(second).replace(/}$/, ',"colour":"red"}');
    const r = scanJournal(Buffer.from(`${reordered}\n${extra}\n`), 'j', EMPTY_HEAD);
    for (const e of r.events) expect(Object.keys(e)).toEqual(['seq', 'ts', 'type', 'actor', 'data', 'prev', 'hash']);
    expect(r.events).toEqual([first, second]);
  });

  it('reads ts exactly as the UTC ISO-8601 pattern with milliseconds does', () => {
    const ISO_MS = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;
    const good = '2026-11-25T23:59:00.000Z';
    // Damage near the shape: one character changed, dropped or added anywhere.
    const near = fc.oneof(
      fc.tuple(fc.nat(good.length - 1), fc.constantFrom('0', '9', '-', ':', '.', 'T', 'Z', 'z', ' ', '\n', '٣', 'x')).map(([i, c]) => good.slice(0, i) + c + good.slice(i + 1)),
      fc.nat(good.length - 1).map((i) => good.slice(0, i) + good.slice(i + 1)),
      fc.tuple(fc.nat(good.length), fc.constantFrom('0', 'Z', '\n')).map(([i, c]) => good.slice(0, i) + c + good.slice(i)),
      fc.string({ maxLength: 30 }),
    );
    fc.assert(
      fc.property(near, (ts) => {
        const [e] = build([{ type: 'note', actor: 'a', data: { text: 'n0' } }]) as [JournalEvent];
        const fields = { seq: 1, ts, type: e.type, actor: e.actor, data: e.data };
        const line = eventLine({ ...fields, prev: GENESIS_HASH, hash: eventHash(GENESIS_HASH, fields) });
        const scan = () => scanJournal(Buffer.from(`${line}\n`), 'j', EMPTY_HEAD);
        if (ISO_MS.test(ts)) expect(scan().events).toHaveLength(1);
        else expect(scan).toThrow(/ts must be UTC ISO-8601/);
      }),
      { numRuns: 500 },
    );
  });
});
