import { describe, expect, it } from 'vitest';
import type { JournalEvent } from '../../../shared/model/incident';
import { summarizeRun, timelineRows } from '../../../shared/model/timelineRuns';

let seq = 0;
function ev(type: string, data: Record<string, unknown>): JournalEvent {
  seq += 1;
  return { seq, ts: `2026-11-30T22:00:${String(seq % 60).padStart(2, '0')}.000Z`, type, actor: 'alice', data, prev: '', hash: '' } as JournalEvent;
}
const connected = (alias: string) => ev('session.connected', { alias, hostname: `10.0.0.${alias.length}` });
const pad = (n: number) => String(n).padStart(2, '0');

describe('timelineRows', () => {
  it('folds 64 connections into one row that keeps every event', () => {
    const declared = ev('incident.declared', { id: 'x', title: 't', severity: 'SEV2', commander: 'alice' });
    const hosts = [...Array.from({ length: 32 }, (_, i) => `web${pad(i + 1)}`), ...Array.from({ length: 16 }, (_, i) => `db${pad(i + 1)}`), ...Array.from({ length: 16 }, (_, i) => `cache${i + 1}`)];
    const conns = hosts.map(connected);
    const note = ev('note', { text: 'all up' });
    const rows = timelineRows([declared, ...conns, note]);
    expect(rows).toHaveLength(3);
    const run = rows[1];
    if (!run || !('run' in run)) throw new Error('no run row');
    expect(run.events.map((e) => e.seq)).toEqual(conns.map((e) => e.seq));
    const s = summarizeRun(run);
    expect(`${s.label} ${s.count}: ${s.hosts}`).toBe('connected 64: web[01-32], db[01-16], cache[1-16]');
    expect(summarizeRun(run, { groups: { web: hosts.slice(0, 32) }, max: 2 }).hosts).toBe('web (32), db[01-16], +16 more');
    expect([s.from.seq, s.to.seq]).toEqual([conns[0]?.seq, conns.at(-1)?.seq]);
  });

  it('keeps connected, reconnected and disconnected runs apart, and short runs as single rows', () => {
    const a = ['a1', 'a2', 'a3'].map(connected);
    const gone = ['a1', 'a2', 'a3'].map((alias) => ev('session.disconnected', { alias, reason: 'reset' }));
    const back = ['a1', 'a2'].map((alias) => ev('session.reconnected', { alias, hostname: 'h', attempt: 1 }));
    const rows = timelineRows([...a, ...gone, ...back]);
    expect(rows.map((r) => ('run' in r ? `${r.run}×${r.events.length}` : r.event.type))).toEqual([
      'session.connected×3',
      'session.disconnected×3',
      'session.reconnected',
      'session.reconnected',
    ]);
  });

  it('lets an event stand alone (pinned, marked, edited) and breaks the run around it', () => {
    const conns = ['b1', 'b2', 'b3', 'b4', 'b5', 'b6', 'b7'].map(connected);
    const pinned = conns[3]?.seq;
    const rows = timelineRows(conns, (e) => e.seq === pinned);
    expect(rows.map((r) => ('run' in r ? r.events.length : `#${r.event.seq}`))).toEqual([3, `#${pinned}`, 3]);
  });

  it('does not fold an event whose data does not fit its type', () => {
    const broken = [ev('session.connected', { host: 'x' }), ev('session.connected', { host: 'y' }), ev('session.connected', { host: 'z' })];
    expect(timelineRows(broken).every((r) => 'event' in r)).toBe(true);
  });
});
