import { describe, expect, it } from 'vitest';
import { eventHosts, matchesTimelineFilter, type JournalEvent } from '../../../shared/model/incident';

const base = { ts: '2026-11-25T10:00:00.000Z', prev: '0'.repeat(64), hash: '1'.repeat(64) };
const events: JournalEvent[] = [
  { ...base, seq: 1, type: 'note', actor: 'alice', data: { text: 'hello' } },
  { ...base, seq: 2, type: 'command.broadcast', actor: 'bob', data: { line: 'uptime', hosts: ['web-1', 'web-2'] } },
  { ...base, seq: 3, type: 'command.run', actor: 'bob', data: { line: 'df', results: [{ host: 'db-1', exitCode: 0 }] } },
  { ...base, seq: 4, type: 'session.connected', actor: 'warroom', data: { alias: 'web-2', hostname: 'w2' } },
];
const details = { markers: new Map([[2, new Set(['diagnosis' as const])]]), pinned: new Set([3]) };
const pick = (f: Parameters<typeof matchesTimelineFilter>[1]) => events.filter((e) => matchesTimelineFilter(e, f, details)).map((e) => e.seq);

describe('timeline filters', () => {
  it('finds the hosts of each kind of event', () => {
    expect(events.map(eventHosts)).toEqual([[], ['web-1', 'web-2'], ['db-1'], ['web-2']]);
  });
  it('filters by type, host, marker, actor and pins, all criteria together', () => {
    expect(pick({})).toEqual([1, 2, 3, 4]);
    expect(pick({ types: ['command.broadcast', 'command.run'] })).toEqual([2, 3]);
    expect(pick({ hosts: ['web-2'] })).toEqual([2, 4]);
    expect(pick({ markers: ['diagnosis'] })).toEqual([2]);
    expect(pick({ actors: ['bob'], hosts: ['db-1'] })).toEqual([3]);
    expect(pick({ pinnedOnly: true })).toEqual([3]);
    expect(pick({ actors: ['alice'], hosts: ['web-1'] })).toEqual([]);
  });
});
