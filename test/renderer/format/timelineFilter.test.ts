import { describe, expect, it } from 'vitest';
import { matchesTimelineFilter, type JournalEvent } from '../../../shared/model/incident';
import { foldAnnotations } from '../../../shared/model/annotations';
import { buildFilter, timelineHosts } from '../../../renderer/format/timelineFilter';

const HASH = 'c'.repeat(64);
let seq = 0;
const ev = (type: JournalEvent['type'], data: Record<string, unknown>): JournalEvent => ({
  seq: ++seq,
  ts: '2026-11-25T10:00:00.000Z',
  type,
  actor: 'ops',
  data,
  prev: HASH,
  hash: HASH,
});

describe('timeline filters', () => {
  const note = ev('note', { text: 'disk full on web-02' });
  const cmd = ev('command.broadcast', { line: 'df -h', hosts: ['web-01', 'web-02'] });
  const conn = ev('session.connected', { alias: 'db-01', hostname: '10.0.0.3' });
  const events = [
    note,
    cmd,
    conn,
    ev('pin', { ref: cmd.seq, pinned: true }),
    ev('marker', { ref: cmd.seq, marker: 'diagnosis', on: true }),
    ev('marker', { ref: note.seq, marker: 'detection', on: true }),
    ev('marker', { ref: note.seq, marker: 'detection', on: false }),
    ev('pin', { ref: note.seq, pinned: true }),
    ev('pin', { ref: note.seq, pinned: false }),
  ];
  const marks = foldAnnotations(events);
  const shown = (kind: Parameters<typeof buildFilter>[0], host = '') =>
    events.filter((e) => matchesTimelineFilter(e, buildFilter(kind, host), marks)).map((e) => e.seq);

  it('folds pins and markers to their last word', () => {
    expect([...marks.pinned]).toEqual([cmd.seq]);
    expect([...marks.markers]).toEqual([[cmd.seq, new Set(['diagnosis'])]]);
  });

  it('narrows by kind, pins and host, and shows everything by default', () => {
    expect(shown('all')).toHaveLength(events.length);
    expect(shown('commands')).toEqual([cmd.seq]);
    expect(shown('notes')).toEqual([note.seq]);
    expect(shown('hosts')).toEqual([conn.seq]);
    expect(shown('pinned')).toEqual([cmd.seq]);
    expect(shown('all', 'web-02')).toEqual([cmd.seq]);
    expect(shown('hosts', 'web-02')).toEqual([]);
    expect(timelineHosts(events)).toEqual(['db-01', 'web-01', 'web-02']);
  });
});
