/**
 * The drafts of a real drill: the composed app on the practice fleet over real SSH, a real journal
 * on disk, and the web-02 fault (a debug log filling `/`, so nginx cannot start) found, repaired and
 * verified through the same requests a window sends.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { citedSeqs, draftAll } from '../../../../shared/writeup/draft';
import { startAppOnPractice, type AppDriver, type AppOnPractice } from '../../../electron/app/driver';

describe('drafting the practice drill', () => {
  let driver: AppDriver;

  let env: AppOnPractice | undefined;

  beforeAll(async () => {
    // No hosts configured: the practice fleet starts on its own.
    env = await startAppOnPractice();
    ({ driver } = env);
  });
  afterAll(async () => {
    await env?.stop();
  });

  it('cites only events of the journal, and Recovery names web-02 failing, then passing', async () => {
    await driver.call('incident.declare', { title: 'Checkout errors on web-02', severity: 'SEV2' });
    const run = (command: string) => driver.call('fleet.run', { aliases: ['web-02'], command, timeoutS: 30 });

    expect((await run('df -h /')).hosts[0]?.exitCode).toBe(0);
    const failing = await run('systemctl status nginx');
    expect(failing.hosts[0]?.exitCode).toBe(3);
    expect((await run('truncate -s 0 /var/log/checkout/debug.log')).hosts[0]?.exitCode).toBe(0);
    expect((await run('systemctl restart nginx')).hosts[0]?.exitCode).toBe(0);
    expect((await run('systemctl status nginx')).hosts[0]?.exitCode).toBe(0);

    const runs = (await driver.call('incident.active', {})).events.filter((e) => e.type === 'command.run');
    const seqOf = (line: string, nth = 0) => runs.filter((e) => e.data.line === line)[nth]?.seq ?? 0;
    const [failedSeq, repairSeq, verifySeq] = [seqOf('systemctl status nginx'), seqOf('truncate -s 0 /var/log/checkout/debug.log'), seqOf('systemctl status nginx', 1)];
    await driver.call('timeline.mark', { seq: failedSeq, marker: 'detection', on: true });
    await driver.call('incident.milestone', { milestone: 'detected' });
    await driver.call('timeline.mark', { seq: repairSeq, marker: 'repair', on: true });

    const { events } = await driver.call('incident.active', {});
    const { details } = await driver.call('incident.details', {});
    if (!details) throw new Error('no incident details');
    const drafts = draftAll(events, { details });

    const seqs = new Set(events.map((e) => e.seq));
    for (const [section, text] of Object.entries(drafts)) {
      if (text === null) continue;
      const cited = citedSeqs(text);
      expect(cited.length, section).toBeGreaterThan(0);
      expect(cited.filter((s) => !seqs.has(s)), section).toEqual([]);
    }
    for (const section of ['summary', 'impact', 'detection', 'response', 'recovery', 'timeline', 'supporting'] as const) expect(drafts[section], section).not.toBeNull();

    expect(drafts.recovery).toContain(`Marked as repair: `);
    expect(drafts.recovery).toContain(`(#${repairSeq})`);
    expect(drafts.recovery).toContain(`- Verified: \` systemctl status nginx \` failed on web-02 (exit 3, #${failedSeq}), then exited 0 on web-02 at`);
    expect(drafts.recovery).toContain(`(#${verifySeq}).`);
    expect(drafts.recovery).toMatch(/Mitigation commands:\n\n- .* ` systemctl restart nginx `: exit 0 on web-02 \(#\d+\)/);
    expect(drafts.impact).toContain(`- web-02: \` systemctl status nginx \` exit 3 at`);
    expect(drafts.detection).toContain(`Marked as detection: `);
    expect(drafts.response).toContain('- The first command was ` df -h / ` on web-02');
    expect(drafts.supporting).toContain('` df -h / `: exit 0 on web-02');
  });
});
