/** The lint through the real IncidentService and journal, as the window's requests reach it. */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { IncidentService } from '../../../electron/incident/service';
import { UserError } from '../../../electron/core/errors';
import { lintHandlers } from '../../../electron/app/lint-handlers';
import { contract } from '../../../shared/contract';
import { verifyJournal } from '../../../electron/journal/verify';
import { tempDir } from '../journal/helpers';
import { incidentExporter } from '../../../electron/export/incident-exporter';

let dataDir: string;
let cleanup: () => void;
let s: IncidentService;
beforeEach(async () => {
  ({ dir: dataDir, cleanup } = tempDir('warroom-lint-'));
  s = await IncidentService.open({ dataDir, actor: 'alice', pollMs: 20, exporter: incidentExporter });
});
afterEach(async () => {
  await s.close();
  cleanup();
});

describe('writeup.lint and writeup.waive', () => {
  it('lints notes and sections of the active incident, waives a finding with a reason, and refuses waivers that match nothing', async () => {
    const incident = await s.declare({ title: 'Checkout 502s', severity: 'SEV2' });
    await s.assignRole('sme', 'Bob');
    const note = await s.note('Bob broke checkout at 14:02. We looked into the logs at 14:05.');
    await s.record({ type: 'writeup.saved', actor: 'alice', data: { section: 'actions', text: '- Investigate the cache\n- Add an alert on 5xx', base: null, origin: 'person' } });
    const handlers = lintHandlers({ incidents: s });

    const report = contract.requests['writeup.lint'].output.parse(await handlers['writeup.lint']({}, { clientId: 't' }));
    expect(report.findings.map((f) => [f.where, f.rule, f.words])).toEqual([
      [{ section: 'actions' }, 'not-actionable', 'Investigate'],
      [{ seq: note.seq }, 'person-subject', 'Bob broke'],
    ]);
    expect(report.open).toBe(2);

    const bad = contract.requests['writeup.waive'].input.safeParse({ rule: 'rudeness', words: 'x', where: { section: 'actions' }, reason: 'r' });
    expect(bad.success).toBe(false);
    const input = contract.requests['writeup.waive'].input.parse({ rule: 'person-subject', words: 'bob broke', where: { section: 'summary' }, reason: 'quoting Bob' });
    await expect(handlers['writeup.waive'](input, { clientId: 't' })).rejects.toThrow(UserError);
    await expect(s.waive({ ...input, where: { seq: note.seq }, words: 'Bob missed' })).rejects.toThrow(`no person-subject finding "Bob missed" in #${note.seq}; findings there: person-subject "Bob broke"`);

    const waived = await handlers['writeup.waive']({ ...input, where: { seq: note.seq } }, { clientId: 't' });
    expect(waived).toMatchObject({ type: 'lint.waived', actor: 'alice', data: { rule: 'person-subject', words: 'Bob broke', where: { seq: note.seq }, reason: 'quoting Bob' } });
    await expect(s.waive({ ...input, where: { seq: note.seq } })).rejects.toThrow(/already waived by alice/);

    const after = s.lint();
    expect(after.open).toBe(1);
    expect(after.findings.find((f) => f.rule === 'person-subject')?.waived).toEqual({ seq: waived.seq, actor: 'alice', reason: 'quoting Bob' });
    // the waiver is a journal event like any other: on the chain, durable
    expect(await verifyJournal(s.store.journalFile(incident.id))).toMatchObject({ ok: true, count: waived.seq });
  });

  it('waives a finding of the text being edited, and the waiver covers it once that text is saved', async () => {
    await s.declare({ title: 'Checkout 502s', severity: 'SEV2' });
    const handlers = lintHandlers({ incidents: s });
    const editing = 'The engineer carelessly restarted nginx.';
    const input = contract.requests['writeup.waive'].input.parse({ rule: 'character', words: 'Carelessly', where: { section: 'went-wrong' }, reason: 'quoting the vendor', text: editing });
    // Not in any saved text: without the text being edited, nothing is there to waive.
    const { text: _text, ...withoutText } = input;
    await expect(s.waive(withoutText)).rejects.toThrow('no character finding "Carelessly" in went-wrong; nothing is flagged there');
    await expect(s.waive({ ...input, text: 'The disk filled.' })).rejects.toThrow(/nothing is flagged there/);
    await expect(s.waive({ ...input, where: { seq: 1 } })).rejects.toThrow(/^text: only a section's text/);

    const waived = await handlers['writeup.waive'](input, { clientId: 't' });
    expect(waived.data).toEqual({ rule: 'character', words: 'carelessly', where: { section: 'went-wrong' }, reason: 'quoting the vendor' });
    await expect(s.waive(input)).rejects.toThrow(/already waived by alice/);

    expect((await s.writeupSave('went-wrong', `Context.\n\n${editing}`, null)).result).toBe('saved');
    const report = s.lint();
    expect(report.findings.map((f) => [f.where, f.rule, f.waived?.seq])).toEqual([[{ section: 'went-wrong' }, 'character', waived.seq]]);
    expect(report.open).toBe(0);
  });
});
