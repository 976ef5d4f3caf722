/** The lint over a journal: which texts it reads, whose names count, and how waivers apply. */
import { describe, expect, it } from 'vitest';
import type { JournalEvent } from '../../../../shared/model/incident';
import { lintInputs, lintJournal, lintSection, waiverCovers } from '../../../../shared/writeup/lint/journal';

const base = { ts: '2026-11-25T10:00:00.000Z', prev: '0'.repeat(64), hash: '1'.repeat(64) };
let seq = 0;
const ev = (type: JournalEvent['type'], actor: string, data: Record<string, unknown>): JournalEvent => ({ ...base, seq: ++seq, type, actor, data });

function journal(): JournalEvent[] {
  seq = 0;
  return [
    ev('incident.declared', 'alice', { id: 'inc-1', title: 'Checkout 502s', severity: 'SEV2', commander: 'alice' }),
    ev('role.assigned', 'alice', { role: 'scribe', to: 'Dana Reyes' }),
    ev('note', 'bob', { text: 'Dana broke the cache at 14:02.' }), // 3: edited below
    ev('note', 'bob', { text: 'It was human error.' }), // 4: redacted below
    ev('note', 'bob', { text: 'We looked into the logs at 03:12.' }), // 5
    ev('event.edited', 'bob', { ref: 3, text: 'The cache was flushed at 14:02; obviously a mistake.' }), // 6
    ev('event.redacted', 'alice', { ref: 4, reason: 'duplicate' }), // 7
    ev('writeup.saved', 'alice', { section: 'actions', text: '- Investigate the cache', base: null, origin: 'person' }), // 8
    ev('writeup.saved', 'alice', { section: 'actions', text: '- Investigate the cache\n- Be more careful', base: 8, origin: 'person' }), // 9
    ev('writeup.saved', 'alice', { section: 'summary', text: 'Bob broke checkout. The health check should have returned 200.', base: null, origin: 'person' }), // 10
    ev('writeup.saved', 'alice', { section: 'timeline', text: '', base: null, origin: 'person' }), // 11
  ];
}

describe('lintJournal', () => {
  it('reads notes as last edited, skips redacted ones, and reads only the latest version of each non-empty section', () => {
    const inputs = lintInputs(journal());
    expect(inputs.notes).toEqual([
      { seq: 3, text: 'The cache was flushed at 14:02; obviously a mistake.' },
      { seq: 5, text: 'We looked into the logs at 03:12.' },
    ]);
    expect(inputs.sections.map((s) => [s.section, s.seq])).toEqual([['actions', 9], ['summary', 10]]);
    expect(inputs.people.sort()).toEqual(['Dana Reyes', 'alice', 'bob']);
  });

  it('lints the actions section for vague verbs and the rest for blame, with where each finding is', () => {
    const report = lintJournal(journal());
    expect(report.findings.map((f) => [f.where, f.rule, f.words])).toEqual([
      [{ section: 'actions' }, 'not-actionable', 'Investigate'],
      [{ section: 'actions' }, 'not-actionable', 'Be more careful'],
      [{ section: 'summary' }, 'person-subject', 'Bob broke'],
      [{ seq: 3 }, 'counterfactual', 'obviously'],
    ]);
    expect(report.open).toBe(4);
    expect(report.checked).toEqual({ sections: ['actions', 'summary'], notes: 2 });
  });

  it('shows a waived finding as waived, and a waiver for other words or another place waives nothing', () => {
    const events = journal();
    events.push(ev('lint.waived', 'carol', { rule: 'not-actionable', words: 'be  MORE careful', where: { section: 'actions' }, reason: 'quoted from the old runbook' }));
    events.push(ev('lint.waived', 'carol', { rule: 'counterfactual', words: 'obviously', where: { seq: 5 }, reason: 'wrong note' }));
    const report = lintJournal(events);
    const careful = report.findings.find((f) => f.words === 'Be more careful');
    expect(careful?.waived).toEqual({ seq: 12, actor: 'carol', reason: 'quoted from the old runbook' });
    expect(report.findings.filter((f) => f.waived)).toHaveLength(1);
    expect(report.open).toBe(3);
    const covered = (where: { section: 'summary' | 'impact' }) => report.findings.filter((f) => waiverCovers({ rule: 'person-subject', words: 'bob broke', where }, f));
    expect(covered({ section: 'summary' })).toHaveLength(1);
    expect(covered({ section: 'impact' })).toHaveLength(0);
  });

  it('keys a waiver by rule, words and section: one given on text being edited covers the words once saved', () => {
    const events = journal();
    const editing = 'Bob broke checkout. The health check should have returned 200. Carelessly, the cache was flushed.';
    const before = lintSection(lintInputs(events), 'summary', editing);
    expect(before.map((f) => [f.rule, f.words, f.waived])).toEqual([
      ['person-subject', 'Bob broke', undefined],
      ['character', 'Carelessly', undefined],
    ]);
    // Waived while unsaved (the offsets and the version it will get play no part) ...
    events.push(ev('lint.waived', 'carol', { rule: 'character', words: 'carelessly', where: { section: 'summary' }, reason: 'quoted from the vendor' }));
    expect(lintSection(lintInputs(events), 'summary', editing).find((f) => f.rule === 'character')?.waived).toEqual({ seq: 12, actor: 'carol', reason: 'quoted from the vendor' });
    // ... and after the save the journal's lint shows it waived, at its new place in the text.
    events.push(ev('writeup.saved', 'alice', { section: 'summary', text: `Context first.\n\n${editing}`, base: 10, origin: 'person' }));
    const saved = lintJournal(events).findings.filter((f) => 'section' in f.where && f.where.section === 'summary');
    expect(saved.map((f) => [f.rule, f.waived?.seq])).toEqual([
      ['person-subject', undefined],
      ['character', 12],
    ]);
  });

  it('drops a finding once its words are rewritten, whether or not it was waived', () => {
    const events = journal();
    events.push(ev('writeup.saved', 'alice', { section: 'summary', text: 'Deploy #42 removed the checkout route.', base: 10, origin: 'person' }));
    expect(lintJournal(events).findings.some((f) => 'section' in f.where && f.where.section === 'summary')).toBe(false);
  });
});
