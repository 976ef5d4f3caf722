/**
 * Replies carrying pages of journal events: the written-out envelope check lets the events through
 * as they came, giving what zod gives; a page with one odd event goes to zod whole (stripped or refused).
 */
import { describe, expect, it } from 'vitest';
import { contract } from '../../../shared/contract';
import type { JournalEvent } from '../../../shared/model/incident';
import { RpcRequestError, checkReply } from '../../../renderer/api/reply';

const event = (seq: number, extra: Record<string, unknown> = {}): JournalEvent =>
  ({ seq, ts: '2026-11-30T00:00:00.000Z', type: seq % 2 ? 'note' : 'from.a.newer.warroom', actor: 'alice', data: { text: `n ${seq}` }, prev: '0'.repeat(64), hash: 'a'.repeat(64), ...extra }) as JournalEvent;
const page = (events: unknown[]) => JSON.parse(JSON.stringify({ events })) as { events: unknown[] };

describe('checkReply on event pages', () => {
  it('gives what zod gives, for timeline.page and incident.active', () => {
    const value = page(Array.from({ length: 50 }, (_, i) => event(i + 1)));
    const fast = checkReply('timeline.page', value);
    expect(fast).toStrictEqual(contract.requests['timeline.page'].output.parse(value));
    // The events are the ones that came: no copy of 10,000 objects.
    expect(fast.events[0]).toBe(value.events[0]);
    const active = { ...page([event(7)]), incident: null, integrity: null, total: 7, surplus: true };
    expect(checkReply('incident.active', active)).toStrictEqual(contract.requests['incident.active'].output.parse(active));
    expect(checkReply('incident.active', active)).not.toHaveProperty('surplus');
  });

  it("a page with one odd event is zod's: an unknown key is stripped, a bad seq refused", () => {
    const stripped = checkReply('timeline.page', page([event(1), event(2, { colour: 'red' })]));
    expect(stripped.events[1]).not.toHaveProperty('colour');
    expect(() => checkReply('timeline.page', page([event(1), event(2, { seq: 0 })]))).toThrow(RpcRequestError);
    expect(() => checkReply('incident.active', { ...page([event(1)]), incident: null, integrity: null })).toThrow(/does not fit the contract/);
  });
});
