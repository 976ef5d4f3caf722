import MarkdownIt from 'markdown-it';
import { describe, expect, it } from 'vitest';
import { SectionId } from '../../../../shared/model/writeup';
import { citedSeqs, draftAll, draftSection } from '../../../../shared/writeup/draft';
import { at, citesExisting, HandJournal } from './journal';

const declare = (j: HandJournal, time = '00:00:00', severity: 'SEV1' | 'SEV2' | 'SEV3' | 'SEV4' = 'SEV3') =>
  j.add(time, 'incident.declared', { id: 'INC-1', title: 'Checkout down', severity, commander: 'alice' });

const lines = (text: string | null) => (text ?? '').split('\n');

describe('draftSection', () => {
  it('has no draft without evidence, and none for what only people know', () => {
    const empty = new HandJournal();
    expect(Object.values(draftAll(empty.events, { details: empty.details })).every((d) => d === null)).toBe(true);
    const j = new HandJournal();
    declare(j);
    const all = draftAll(j.events, { details: j.details });
    for (const id of ['factors', 'went-well', 'went-wrong', 'lucky', 'actions', 'messages', 'detection', 'recovery', 'supporting'] as const) expect(all[id], id).toBeNull();
    expect(Object.keys(all).sort()).toEqual([...SectionId.options].sort());
  });

  it('Summary: the declaration, where the incident stands, and for how long', () => {
    const j = new HandJournal();
    j.add('00:00:00', 'incident.declared', { id: 'INC-1', title: 'Checkout *down*', severity: 'SEV3', commander: 'alice', kind: 'outage' });
    j.add('00:05:00', 'incident.severity', { from: 'SEV3', to: 'SEV1' });
    j.add('00:20:00', 'incident.status', { from: 'investigating', to: 'monitoring' });
    expect(lines(draftSection('summary', j.events, { details: j.details, now: at('01:02:03') }))).toEqual([
      '- alice declared SEV3 (outage) “Checkout \\*down\\*” at 2026-11-30 00:00:00 UTC (#1).',
      '- The severity is now SEV1 (#2).',
      '- The status is now monitoring (#3).',
      '- Not resolved at 2026-11-30 01:02:03 UTC, 1h 02m 03s after the declaration (#1).',
    ]);
    j.add('00:30:00', 'incident.status', { from: 'monitoring', to: 'resolved' });
    expect(lines(draftSection('summary', j.events, { details: j.details })).at(-1)).toBe('- Resolved at 2026-11-30 00:30:00 UTC, 30m 00s after the declaration (#4, #1).');
  });

  it('Impact: time at each severity from the declaration to the resolution, and the hosts that failed checks', () => {
    const j = new HandJournal();
    declare(j);
    j.add('00:10:00', 'incident.severity', { from: 'SEV3', to: 'SEV1' });
    j.add('00:15:00', 'command.run', { line: 'systemctl status nginx', results: [{ host: 'web-01', exitCode: 0 }, { host: 'web-02', exitCode: 3 }] });
    j.add('00:16:00', 'command.run', { line: 'curl -sf localhost/healthz', results: [{ host: 'web-02', exitCode: null, signal: 'SIGKILL' }, { host: 'web-03', exitCode: null, error: 'connection refused' }] });
    j.add('00:40:00', 'incident.severity', { from: 'SEV1', to: 'SEV2' });
    j.add('00:50:00', 'incident.severity', { from: 'SEV2', to: 'SEV1' });
    j.add('01:00:00', 'incident.status', { from: 'investigating', to: 'resolved' });
    // A downgrade after the resolution counts no time.
    j.add('02:00:00', 'incident.severity', { from: 'SEV1', to: 'SEV4' });
    const text = draftSection('impact', j.events, { details: j.details });
    expect(lines(text)).toEqual([
      'Time at each severity, from the declaration to the resolution at 2026-11-30 01:00:00 UTC (#7):',
      '',
      '- SEV1: 40m 00s (#2, #6)',
      '- SEV2: 10m 00s (#5)',
      '- SEV3: 10m 00s (#1)',
      '- SEV4: 0s (#8)',
      '- In all: 1h 00m 00s from the declaration (#1)',
      '',
      'Hosts whose checks failed (a non-zero exit):',
      '',
      '- web-02: ` systemctl status nginx ` exit 3 at 2026-11-30 00:15:00 UTC (#3); ` curl -sf localhost/healthz ` killed by SIGKILL at 2026-11-30 00:16:00 UTC (#4)',
      '- web-03: ` curl -sf localhost/healthz ` error: connection refused at 2026-11-30 00:16:00 UTC (#4)',
    ]);
  });

  it('Impact: an open incident runs to now, at any size; an end before the declaration is said as such', () => {
    const j = new HandJournal();
    declare(j, '00:00:00', 'SEV2');
    const open = draftSection('impact', j.events, { details: j.details, now: '2026-12-03T04:05:06.789Z' });
    expect(open).toContain('to 2026-12-03 04:05:06 UTC (not resolved):');
    expect(open).toContain('- SEV2: 3d 04h 05m (#1)');
    expect(draftSection('impact', j.events, { details: j.details, now: at('00:00:00') })).toContain('- SEV2: 0s (#1)');

    // The resolved milestone, set to when it happened, wins over the status change; here it is wrong.
    j.add('00:30:00', 'incident.status', { from: 'investigating', to: 'resolved' });
    j.add('00:31:00', 'milestone', { milestone: 'resolved', at: '2026-11-29T23:58:30.000Z' });
    const early = draftSection('impact', j.events, { details: j.details });
    expect(early).toContain('the resolution at 2026-11-29 23:58:30 UTC (#3)');
    expect(early).toContain('- SEV2: 0s (#1)');
    expect(early).toContain('- The end, 2026-11-29 23:58:30 UTC, is 1m 30s before the declaration at 2026-11-30 00:00:00 UTC; check the milestones (#1, #3)');

    // Reopened after the resolution: open again, up to now.
    j.add('00:45:00', 'incident.status', { from: 'resolved', to: 'investigating' });
    expect(draftSection('impact', j.events, { details: j.details, now: at('01:00:00') })).toContain('- SEV2: 1h 00m 00s (#1)');
  });

  it('Detection: the detected milestone, time to detect from the start whichever way round, and detection markers', () => {
    const j = new HandJournal();
    declare(j, '00:10:00');
    const alert = j.add('00:11:00', 'note', { text: 'PagerDuty: checkout 5xx above 2%' });
    j.add('00:12:00', 'milestone', { milestone: 'detected', at: at('00:05:00'), suggestedBy: 4 });
    j.add('00:12:30', 'marker', { ref: alert, marker: 'detection', on: true });
    const text = draftSection('detection', j.events, { details: j.details });
    expect(lines(text)).toEqual([
      '- Detected at 2026-11-30 00:05:00 UTC (#3), as suggested by #4.',
      '- Time to detect: 5m 00s before the start at 2026-11-30 00:10:00 UTC; detected is set before started, so one of the two milestones is wrong (#1, #3).',
      '',
      '- Marked as detection: 2026-11-30 00:11:00 UTC — Note: PagerDuty: checkout 5xx above 2% \\[detection\\] (#2)',
    ]);
    j.add('00:13:00', 'milestone', { milestone: 'started', at: at('00:00:00') });
    expect(draftSection('detection', j.events, { details: j.details })).toContain('- Time to detect: 5m 00s after the start at 2026-11-30 00:00:00 UTC (#5, #3).');
  });

  it('Lead-up and trigger: what came before the declaration, diagnosis markers, and when the cause was identified', () => {
    const j = new HandJournal();
    const deploy = j.add('2026-11-29T23:40:00.000Z', 'note', { text: 'deploy 4512 went out' });
    declare(j);
    j.add('2026-11-29T23:41:00.000Z', 'session.connected', { alias: 'web-02', hostname: '127.0.0.3' });
    const env = j.add('00:05:00', 'command.run', { line: 'cat /etc/checkout/checkout.env', results: [{ host: 'web-02', exitCode: 0 }] });
    j.add('00:06:00', 'marker', { ref: env, marker: 'diagnosis', on: true });
    j.add('00:07:00', 'milestone', { milestone: 'identified', at: at('00:05:30') });
    expect(lines(draftSection('trigger', j.events, { details: j.details }))).toEqual([
      'Before the declaration:',
      '',
      `- 2026-11-29 23:40:00 UTC — Note: deploy 4512 went out (#${deploy})`,
      '',
      '- Marked as diagnosis: 2026-11-30 00:05:00 UTC — Run: ` cat /etc/checkout/checkout.env ` on web-02 (exit 0 everywhere) \\[diagnosis\\] (#4)',
      '',
      '- The cause was identified at 2026-11-30 00:05:30 UTC, 5m 30s after the start (#6, #2).',
    ]);
  });

  it('Response: roles and handoffs, acknowledgement, the first command and its hosts, status changes', () => {
    const j = new HandJournal();
    j.add('23:59:00', 'command.broadcast', { line: 'uptime', hosts: ['web-01', 'web-02'] }, 'bob');
    declare(j);
    j.add('00:02:00', 'role.assigned', { role: 'scribe', to: 'carol' });
    j.add('00:03:00', 'milestone', { milestone: 'detected', at: at('00:00:00') });
    j.add('00:04:00', 'milestone', { milestone: 'acknowledged', at: at('00:02:30') });
    j.add('00:20:00', 'role.assigned', { role: 'commander', to: 'bob', from: 'alice' });
    j.add('00:21:00', 'role.released', { role: 'scribe', who: 'carol' });
    j.add('00:22:00', 'incident.status', { from: 'investigating', to: 'identified', reason: 'disk full on web-02' });
    // The broadcast's moment is before the declaration although it was recorded first.
    j.events[0]!.ts = '2026-11-29T23:59:00.000Z';
    const text = draftSection('response', j.events, { details: j.details });
    expect(lines(text)).toEqual([
      'Roles:',
      '',
      '- alice was commander from the declaration at 2026-11-30 00:00:00 UTC (#2).',
      '- At 2026-11-30 00:02:00 UTC, carol became scribe (#3).',
      '- At 2026-11-30 00:20:00 UTC, bob took over commander from alice (#6).',
      '- At 2026-11-30 00:21:00 UTC, carol released scribe (#7).',
      '',
      'Response:',
      '',
      '- Acknowledged at 2026-11-30 00:02:30 UTC, 2m 30s after detection (#5, #4).',
      '- The first command was ` uptime ` on web-01, web-02, at 2026-11-29 23:59:00 UTC, 1m 00s before the declaration (#1).',
      '- Status investigating → identified at 2026-11-30 00:22:00 UTC by alice: disk full on web-02 (#8).',
    ]);
  });

  it('Recovery: repair markers, mitigation commands with exit codes, verification runs and what still fails', () => {
    const j = new HandJournal();
    declare(j);
    j.add('00:05:00', 'command.run', { line: 'systemctl status nginx', results: [{ host: 'web-01', exitCode: 0 }, { host: 'web-02', exitCode: 3 }, { host: 'web-03', exitCode: 3 }] });
    const truncate = j.add('00:08:00', 'command.run', { line: 'truncate -s 0 /var/log/checkout/debug.log', results: [{ host: 'web-02', exitCode: 0 }] });
    j.add('00:09:00', 'command.run', { line: 'systemctl restart nginx', results: [{ host: 'web-02', exitCode: 0 }] });
    j.add('00:09:30', 'command.broadcast', { line: 'sudo systemctl restart nginx', hosts: ['web-03'] });
    j.add('00:10:00', 'command.run', { line: 'systemctl  status nginx ', results: [{ host: 'web-02', exitCode: 0 }, { host: 'web-03', exitCode: 1 }] });
    j.add('00:11:00', 'marker', { ref: truncate, marker: 'repair', on: true });
    j.add('00:12:00', 'milestone', { milestone: 'mitigated', at: at('00:09:00') });
    const text = draftSection('recovery', j.events, { details: j.details });
    expect(lines(text)).toEqual([
      '- Marked as repair: 2026-11-30 00:08:00 UTC — Run: ` truncate -s 0 /var/log/checkout/debug.log ` on web-02 (exit 0 everywhere) \\[repair\\] (#3)',
      '',
      'Mitigation commands:',
      '',
      '- 2026-11-30 00:09:00 UTC — ` systemctl restart nginx `: exit 0 on web-02 (#4)',
      '- 2026-11-30 00:09:30 UTC — ` sudo systemctl restart nginx ` typed on web-03 (no exit codes) (#5)',
      '',
      'Verification:',
      '',
      '- Verified: ` systemctl  status nginx  ` failed on web-02 (exit 3, #2), then exited 0 on web-02 at 2026-11-30 00:10:00 UTC (#6).',
      '- Still failing at its last run: ` systemctl status nginx ` on web-03 (exit 1) (#6).',
      '',
      '- Mitigated at 2026-11-30 00:09:00 UTC, 9m 00s after the start (#8, #1).',
    ]);
  });

  it('Timeline: curated events in time order, milestones at their moment, events before the declaration labelled', () => {
    const j = new HandJournal();
    declare(j, '00:01:00');
    const connected = j.add('00:00:30', 'session.connected', { alias: 'web-02', hostname: '127.0.0.3' });
    j.add('00:02:00', 'session.connected', { alias: 'web-03', hostname: '127.0.0.4' });
    const note = j.add('00:03:00', 'note', { text: 'disk full' });
    j.add('00:04:00', 'milestone', { milestone: 'detected', at: at('00:00:45') });
    j.add('00:05:00', 'pin', { ref: connected, pinned: true });
    j.add('00:06:00', 'incident.severity', { from: 'SEV3', to: 'SEV2' });
    j.add('00:07:00', 'marker', { ref: note, marker: 'key-moment', on: true });
    j.add('00:08:00', 'milestone', { milestone: 'detected', at: at('00:00:50') });
    const exported = j.add('00:09:00', 'export', { format: 'markdown', path: '/tmp/INC-1.md' });
    j.add('00:09:30', 'pin', { ref: exported, pinned: true });
    const text = draftSection('timeline', j.events, { details: j.details });
    expect(lines(text)).toEqual([
      '- 2026-11-30 00:00:30 UTC — Before the declaration: Connected: web-02 (127.0.0.3) \\[pinned\\] (#2)',
      '- 2026-11-30 00:00:50 UTC — Before the declaration: Milestone: detected (recorded at 2026-11-30 00:08:00 UTC) (#9)',
      '- 2026-11-30 00:01:00 UTC — Declared: SEV3 Checkout down (commander alice) (#1)',
      '- 2026-11-30 00:03:00 UTC — Note: disk full \\[key-moment\\] (#4)',
      '- 2026-11-30 00:06:00 UTC — Severity: SEV3 → SEV2 (#7)',
    ]);
    for (const line of lines(text)) expect(line).toMatch(/^- \d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2} UTC — .+ \(#\d+\)$/);
  });

  it('Supporting material: commands with hosts and exit codes, output files, recordings only when sealed, attachments', () => {
    const j = new HandJournal();
    declare(j);
    j.add('00:01:00', 'command.run', {
      line: 'df -h /',
      results: [
        { host: 'web-01', exitCode: 0 },
        { host: 'web-02', exitCode: 1, tail: '/dev/sda1 20G 20G 0 100% /', output: { file: 'runs/2/web-02.out', sha256: 'c'.repeat(64), bytes: 120 } },
        { host: 'web-03', exitCode: 0, tail: 'Filesystem Size Used Avail Use% Mounted on\r\n/dev/sda1 20G 9G 11G 45% /\r\n' },
        { host: 'web-04', exitCode: 0, tail: `${'x'.repeat(300)}\n\n` },
      ],
    });
    j.add('00:02:00', 'command.broadcast', { line: 'hunter2', hosts: ['db-01'], withheld: true });
    const without = draftSection('supporting', j.events, { details: j.details });
    expect(without).not.toContain('Recordings');
    j.add('00:03:00', 'recording.sealed', { alias: 'web-02', file: 'recordings/web-02.cast', sha256: 'd'.repeat(64), bytes: 2048 });
    j.add('00:04:00', 'attachment', { name: 'p99.png', file: 'attachments/p99.png', bytes: 3, sha256: 'e'.repeat(64), caption: 'latency', ref: 2 });
    const text = draftSection('supporting', j.events, { details: j.details });
    expect(lines(text)).toEqual([
      'Commands run:',
      '',
      `- 2026-11-30 00:01:00 UTC — \` df -h / \`: exit 0 on web-01, web-03, web-04; exit 1 on web-02; output web-02: \` runs/2/web-02.out \` (120 bytes); last line printed: \` /dev/sda1 20G 20G 0 100% / \` on web-02; \` /dev/sda1 20G 9G 11G 45% / \` on web-03; \` ${'x'.repeat(199)}… \` on web-04 (#2)`,
      '- 2026-11-30 00:02:00 UTC — secret input withheld typed on db-01 (no exit codes) (#3)',
      '',
      'Recordings:',
      '',
      `- web-02: \` recordings/web-02.cast \` (2048 bytes, sha256 \` ${'d'.repeat(64)} \`), sealed at 2026-11-30 00:03:00 UTC (#4)`,
      '',
      'Attachments:',
      '',
      `- p99.png: \` attachments/p99.png \` (3 bytes, sha256 \` ${'e'.repeat(64)} \`): latency, evidence for #2 (#5)`,
    ]);
    expect(text).not.toContain('hunter2');
  });

  it('quotes user text as text: links, HTML and "#12" in notes, commands and host names stay words', () => {
    const j = new HandJournal();
    declare(j);
    const evil = j.add('00:01:00', 'note', { text: 'see #1 [x](javascript:alert(1)) <img src=x onerror=alert(1)>\n# heading' });
    j.add('00:02:00', 'command.run', { line: 'echo `id` </dev/null # #1', results: [{ host: '<b>web-02</b>](javascript:x)', exitCode: 2 }] });
    j.add('00:03:00', 'marker', { ref: evil, marker: 'detection', on: true });
    const md = new MarkdownIt();
    const all = draftAll(j.events, { details: j.details });
    for (const [id, draft] of Object.entries(all)) {
      if (draft === null) continue;
      const html = md.render(draft);
      expect(html, id).not.toMatch(/<img|<b>|href="javascript|<h1/);
      expect(citesExisting(draft, j.events), id).toBe(true);
    }
    const timeline = all.timeline ?? '';
    expect(md.renderInline(timeline)).toContain('see #1 [x](javascript:alert(1)) &lt;img src=x onerror=alert(1)&gt;');
    // The note's own "#1" is no citation: the timeline cites #1 only for the declaration.
    expect(citedSeqs('- a note saying \\#1 and `#3` (#2)')).toEqual([2]);
    expect(citedSeqs('- it\\`s \\#9 (#4), then `` a`#5 `` and &#35;6 (#7)')).toEqual([4, 7]);
  });

  it('leaves redacted content out and uses the latest correction of a note', () => {
    const j = new HandJournal();
    declare(j);
    const secret = j.add('00:01:00', 'note', { text: 'db password is hunter2' });
    const run = j.add('00:01:30', 'command.run', { line: 'mysql -phunter2', results: [{ host: 'db-01', exitCode: 1 }] });
    const typo = j.add('00:02:00', 'note', { text: 'web-20 is down' });
    j.add('00:03:00', 'event.redacted', { ref: secret, reason: 'credential' });
    j.add('00:03:10', 'event.redacted', { ref: run, reason: 'credential' });
    j.add('00:04:00', 'event.edited', { ref: typo, text: 'web-02 is down', reason: 'typo' });
    const all = draftAll(j.events, { details: j.details });
    expect(Object.values(all).join('\n')).not.toContain('hunter2');
    expect(all.timeline).toContain('- 2026-11-30 00:01:00 UTC — Redacted by alice: credential (#2)');
    expect(all.timeline).toContain('- 2026-11-30 00:02:00 UTC — Note: web-02 is down (corrected in #7) (#4)');
  });
});
