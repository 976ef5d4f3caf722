import { describe, expect, it } from 'vitest';
import { DESCRIBERS, describeEvent, phraseText, type Describers } from '../../../shared/model/describe';
import { EventData, EventType, type EventDataOf, type JournalEvent } from '../../../shared/model/incident';

/** One valid payload per event type; the mapped type makes a new type without a sample a compile error here too. */
const SAMPLES: { [T in EventType]: EventDataOf<T> } = {
  'incident.declared': { id: 'inc-1', title: 'Checkout down', severity: 'SEV2', commander: 'alice', kind: 'outage' },
  note: { text: 'web-2 disk full' },
  'session.connected': { alias: 'web-2', hostname: '10.0.0.2' },
  'session.disconnected': { alias: 'web-2', reason: 'connection reset' },
  'command.broadcast': { line: 'df -h', hosts: ['web-1', 'web-2'], uncertain: true },
  'checklist.tick': { checklist: 'respond', itemId: 'scope', label: 'Establish the blast radius', done: true },
  export: { format: 'markdown', path: '/tmp/x.md' },
  'session.reconnected': { alias: 'web-2', hostname: '10.0.0.2', attempt: 2 },
  'command.run': { line: 'uptime', results: [{ host: 'web-1', exitCode: 0 }, { host: 'web-2', exitCode: null, signal: 'SIGKILL' }], durationMs: 1200 },
  'incident.status': { from: 'resolved', to: 'investigating', reason: 'errors again' },
  'incident.severity': { from: 'SEV2', to: 'SEV1' },
  'incident.title': { from: 'Checkout slow', to: 'Checkout down' },
  'role.assigned': { role: 'commander', to: 'bob', from: 'alice' },
  'role.released': { role: 'scribe', who: 'carol' },
  milestone: { milestone: 'detected', at: '2026-11-25T23:50:00.000Z', suggestedBy: 3 },
  'milestone.dismissed': { milestone: 'mitigated', suggestedBy: 4 },
  marker: { ref: 2, marker: 'diagnosis', on: true },
  pin: { ref: 2, pinned: false },
  'event.edited': { ref: 2, text: 'web-2 disk is full', reason: 'typo' },
  'event.redacted': { ref: 2, reason: 'credential' },
  attachment: { name: 'graph.png', file: 'attachments/graph.png', bytes: 3, sha256: 'a'.repeat(64), caption: 'p99' },
  'writeup.saved': { section: 'summary', text: 'Disk full on web-02 (#4).', base: null, origin: 'person' },
  'writeup.state': { from: 'in-review', to: 'approved' },
  'writeup.approved': { sha256: 'c'.repeat(64), head: 'd'.repeat(64), approver: 'bob' },
  'postmortem.started': { attendees: ['alice', 'Bob <bob@example.com>'], owner: 'bob@example.com', agenda: [{ step: 'intro', minutes: 3 }, { step: 'timeline', minutes: 15 }] },
  'postmortem.step': { from: 'intro', to: 'timeline' },
  'postmortem.note': { step: 'timeline', text: 'the alert fired 9 minutes late' },
  'postmortem.ended': { step: 'wrap-up' },
  'postmortem.survey': { blameless: 5, factors: 4, confidence: 3, comment: 'good walk through the replay' },
  'postmortem.scheduled': { at: '2026-11-28T14:00:00.000Z', attendees: ['Alice <alice@example.com>', 'bob@example.com'], durationMinutes: 60, invite: 'exports/inc-1.ics' },
  'checklist.waived': { checklist: 'postmortem', itemId: 'tickets', reason: 'no action needed a ticket' },
  'lint.waived': { rule: 'counterfactual', words: 'should have', where: { section: 'factors' }, reason: 'quoted from the ticket' },
  'recording.sealed': { alias: 'web-2', file: 'recordings/web-2.cast', sha256: 'b'.repeat(64), bytes: 2048 },
  'writeup.accepted': { section: 'timeline', version: 4 },
  'action.created': { id: 'A1', title: 'Alert on disk usage', type: 'detect', owner: 'bob', due: '2026-12-15', priority: 'P1', from: [2] },
  'action.updated': { id: 'A1', changes: {}, status: 'verified', evidence: 2 },
  'screen.grouped': { ref: 4, line: 'systemctl is-active nginx', groups: [{ hosts: ['web-01', 'web-03'], sample: 'active' }, { hosts: ['web-02'], sample: 'failed' }] },
  'scrollback.found': { query: '100%', hits: [{ host: 'web-02', count: 1, lines: ['/dev/vda1 40G 40G 0 100% /'] }] },
};

const journalEvent = (type: EventType, data: unknown, seq = 5): JournalEvent => ({
  seq,
  ts: '2026-11-25T23:59:00.000Z',
  type,
  actor: 'ops',
  data: data as Record<string, unknown>,
  prev: '0'.repeat(64),
  hash: '1'.repeat(64),
});

// Compile-time fixtures: `npx tsc -b` fails if these stop being errors, i.e. if the table stops being exhaustive.
const { note: _note, ...withoutNote } = DESCRIBERS;
// @ts-expect-error a table that leaves an event type undescribed does not compile
const incomplete: Describers = withoutNote;
// @ts-expect-error nor does one that describes a type the journal does not have
const extra: Describers = { ...DESCRIBERS, 'made.up': () => ({ label: '', text: [], hosts: [], command: false }) };

describe('the describer table', () => {
  it('has exactly one describer per event type', () => {
    expect(Object.keys(DESCRIBERS).sort()).toEqual([...EventType.options].sort());
    expect(Object.keys(SAMPLES).sort()).toEqual(Object.keys(EventData).sort());
    expect([incomplete, extra].every(Boolean)).toBe(true);
  });

  it.each(EventType.options)('describes a %s event in words, from its own data', (type) => {
    const data = SAMPLES[type];
    expect(EventData[type].safeParse(data).success).toBe(true);
    const d = describeEvent(journalEvent(type, data));
    const words = [phraseText(d.text, (iso) => iso), phraseText(d.detail ?? [], (iso) => iso)].join(' ');
    expect(d.label).toMatch(/^[a-z]+$/);
    expect(phraseText(d.text, String).trim()).not.toBe('');
    expect(words).not.toMatch(/undefined|\[object|NaN/);
  });

  it('names a run failing on many hosts by outcome and range, every host still named', () => {
    const pad = (n: number) => String(n).padStart(2, '0');
    const results = [
      ...Array.from({ length: 32 }, (_, i) => ({ host: `web${pad(i + 1)}`, exitCode: 1 })),
      { host: 'db03', exitCode: null, signal: 'SIGKILL' },
      { host: 'db04', exitCode: 0 },
    ];
    const run = describeEvent(journalEvent('command.run', { ...SAMPLES['command.run'], results }));
    expect(run.detail).toEqual(['exit 1 on web[01-32]; killed by SIGKILL on db03']);
    expect(run.hosts).toHaveLength(34);
  });

  it('says a removed ticket was removed', () => {
    const updated = describeEvent(journalEvent('action.updated', { id: 'A1', changes: { ticket: null, owner: 'carol' } }));
    expect(phraseText(updated.text, String)).toBe('A1 owner carol; ticket removed');
  });

  it('calls a status change a reopening only when it leaves resolved or closed for an open status', () => {
    const status = (from: string, to: string) => phraseText(describeEvent(journalEvent('incident.status', { from, to })).text, String);
    expect(status('resolved', 'investigating')).toBe('resolved → investigating (reopened)');
    expect(status('closed', 'monitoring')).toBe('closed → monitoring (reopened)');
    expect(status('resolved', 'closed')).toBe('resolved → closed');
    expect(status('monitoring', 'resolved')).toBe('monitoring → resolved');
  });

  it('keeps untrusted text as the text it is, and still shows data that does not fit its type', () => {
    const note = describeEvent(journalEvent('note', { text: '<img src=x onerror=alert(1)> **x**' }));
    expect(note.text).toEqual(['<img src=x onerror=alert(1)> **x**']);
    const run = describeEvent(journalEvent('command.run', SAMPLES['command.run']));
    expect(run).toMatchObject({ label: 'run', text: [{ code: 'uptime' }], hosts: ['web-1', 'web-2'], command: true, detail: ['web-2: killed by SIGKILL'] });
    const grouped = describeEvent(journalEvent('screen.grouped', SAMPLES['screen.grouped']));
    expect(phraseText(grouped.text, String)).toBe('2 identical, 1 differ: web-02');
    expect(grouped.hosts).toEqual(['web-01', 'web-03', 'web-02']);
    const found = describeEvent(journalEvent('scrollback.found', SAMPLES['scrollback.found']));
    expect(phraseText(found.text, String)).toBe('scrollback search 100%: 1 matching line on web-02');
    const odd = describeEvent(journalEvent('note', { words: 3 }));
    expect(odd).toMatchObject({ label: 'note', command: false });
    expect(phraseText(odd.text, String)).toContain('words');
    // A type from a newer Warroom (the journal keeps what it cannot read) is named, not dropped.
    const newer = describeEvent(journalEvent('incident.merged' as EventType, { into: 'inc-2' }));
    expect(newer.label).toBe('incident.merged');
    expect(phraseText(newer.text, String)).toContain('unknown event type incident.merged');
    expect(phraseText(newer.detail ?? [], String)).toContain('inc-2');
  });
});
