import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { renderMarkdown } from '../../../electron/export/markdown';
import { renderHtml } from '../../../electron/export/html';
import { mdCodeCell, mdText, utc } from '../../../electron/export/escape';
import { eventHash } from '../../../electron/journal/canonical';
import { GENESIS_HASH, type EventDraft, type Incident, type JournalEvent } from '../../../shared/model/incident';

/** Builds a real chained event list (as the journal would) at the given times. */
function chain(items: Array<[string, EventDraft]>): JournalEvent[] {
  let prev = GENESIS_HASH;
  return items.map(([ts, d], i) => {
    const fields = { seq: i + 1, ts, type: d.type, actor: d.actor, data: d.data as Record<string, unknown> };
    const e = { ...fields, prev, hash: eventHash(prev, fields) };
    prev = e.hash;
    return e;
  });
}

const incident: Incident = {
  id: '20261125-235500-db-failover-ab12',
  title: 'DB failover <script>alert(1)</script> | *urgent*',
  severity: 'SEV1',
  status: 'investigating',
  commander: 'alice',
  startedAt: '2026-11-25T23:55:00.000Z',
  eventCount: 5,
};

const events = chain([
  ['2026-11-25T23:55:00.000Z', { type: 'incident.declared', actor: 'alice', data: { id: incident.id, title: incident.title, severity: 'SEV1', commander: 'alice' } }],
  ['2026-11-25T23:58:01.250Z', { type: 'command.broadcast', actor: 'alice', data: { line: 'grep "a|b" /var/log/x | wc -l `date`', hosts: ['db-1', 'db-2'] } }],
  ['2026-11-26T00:00:02.003Z', { type: 'note', actor: 'bob', data: { text: '<img src=x onerror=alert(1)> [link](http://evil) # not a heading\n- not a list \u001b[31mred' } }],
  ['2026-11-26T00:01:00.000Z', { type: 'command.broadcast', actor: 'alice', data: { line: 'secret input withheld', hosts: ['db-1'], withheld: true } }],
  ['2026-11-26T00:02:00.000Z', { type: 'checklist.tick', actor: 'alice', data: { checklist: 'respond', itemId: 'scope', label: 'Establish the blast radius', done: true } }],
]);

describe('renderMarkdown', () => {
  const md = renderMarkdown(incident, events);

  it('has front matter, the header, and every write-up section, each saying once that nobody wrote it', () => {
    const [, yaml] = md.split('---\n');
    expect(parse(yaml ?? '')).toEqual({
      id: incident.id,
      title: incident.title,
      severity: 'SEV1',
      state: 'investigating',
      commander: 'alice',
      started: '2026-11-25T23:55:00.000Z',
      resolved: null,
      last_event: '2026-11-26T00:02:00.000Z',
      journal: { events: 5, head: events[4]?.hash },
    });
    expect(yaml).not.toMatch(/[<>]/);
    expect(md.split('\n').find((l) => l.startsWith('# '))).toBe(`# 20261125-235500-db-failover-ab12: DB failover &lt;script&gt;alert(1)&lt;/script&gt; \\| \\*urgent\\*`);
    expect(md).toContain('| Severity | SEV1 |');
    expect(md).toContain('| Status | investigating |');
    expect(md).toContain('| Started | 2026-11-25 23:55:00.000 UTC |');
    expect(md).toContain('| Commander | alice |');
    expect(md).toContain('| Authors | alice, bob |');
    for (const h of ['Summary', 'Impact', 'Detection', 'Timeline', 'Contributing factors', 'Action items', 'Supporting material']) expect(md).toContain(`## ${h}\n\n_Not written._\n`);
    expect(md.match(/_Not written\._/g)).toHaveLength(14);
    expect(md).not.toMatch(/to be written/i);
    expect(md).toContain('### Commands run');
  });

  it('shows every time in UTC with the full date, across midnight', () => {
    expect(md).toContain('- <a id="event-2"></a>2026-11-25 23:58:01.250 UTC · #2 · alice · **Broadcast**: `` grep "a|b" /var/log/x | wc -l `date` `` on 2 hosts (db-1, db-2)');
    expect(md).toContain('- <a id="event-3"></a>2026-11-26 00:00:02.003 UTC · #3 · bob · **Note**: ');
  });

  it('lists commands run with their hosts, pipes and backticks neutralised in the table', () => {
    const row = md.split('\n').find((l) => l.startsWith('| 2026-11-25 23:58:01.250 UTC'));
    expect(row).toBe('| 2026-11-25 23:58:01.250 UTC | db-1, db-2 | `` grep "a\\|b" /var/log/x \\| wc -l `date` `` | typed | alice | #2 |');
    // Unescaped pipes split cells: the row has exactly the table's 6 cells.
    expect(row?.replace(/\\\|/g, '').split('|').length).toBe(8);
    expect(md).toContain('| 2026-11-26 00:01:00.000 UTC | db-1 | _secret input withheld_ | typed | alice | #4 |');
  });

  it('lets no HTML, link, heading or terminal escape through from untrusted text', () => {
    expect(md.replace(/<a id="event-\d+"><\/a>/g, '')).not.toMatch(/<[a-z]/i);
    expect(md).not.toContain('\u001b');
    expect(md).toContain('&lt;img src=x onerror=alert(1)&gt; \\[link\\](http://evil) # not a heading↵ - not a list ␛\\[31mred');
    expect(md.split('\n').filter((l) => l.startsWith('#')).every((l) => /^#{1,3} [A-Z0-9]/.test(l))).toBe(true);
  });

  it('says so when nothing was run', () => {
    expect(renderMarkdown(incident, events.slice(0, 1))).toContain('_No commands were run through Warroom._');
  });
});

describe('renderMarkdown with the #4 record', () => {
  const base = events.slice(0, 3);
  const more = chain([
    ...base.map((e): [string, EventDraft] => [e.ts, { type: e.type, actor: e.actor, data: e.data } as EventDraft]),
    ['2026-11-26T00:03:00.000Z', { type: 'command.run', actor: 'bob', data: { line: 'pg_ctl promote', results: [{ host: 'db-2', exitCode: 0 }, { host: 'db-3', exitCode: null, signal: 'SIGKILL' }] } }],
    ['2026-11-26T00:04:00.000Z', { type: 'role.assigned', actor: 'alice', data: { role: 'commander', from: 'alice', to: 'bob' } }],
    ['2026-11-26T00:05:00.000Z', { type: 'milestone', actor: 'bob', data: { milestone: 'detected', at: '2026-11-25T23:50:00.000Z' } }],
    ['2026-11-26T00:06:00.000Z', { type: 'milestone', actor: 'bob', data: { milestone: 'resolved', at: '2026-11-25T23:40:00.000Z' } }],
    ['2026-11-26T00:07:00.000Z', { type: 'event.edited', actor: 'bob', data: { ref: 3, text: 'corrected note' } }],
    ['2026-11-26T00:08:00.000Z', { type: 'note', actor: 'bob', data: { text: 'token=SECRET123' } }],
    ['2026-11-26T00:09:00.000Z', { type: 'event.redacted', actor: 'alice', data: { ref: 9, reason: 'credential' } }],
    ['2026-11-26T00:10:00.000Z', { type: 'pin', actor: 'alice', data: { ref: 4, pinned: true } }],
    ['2026-11-26T00:11:00.000Z', { type: 'marker', actor: 'alice', data: { ref: 4, marker: 'repair', on: true } }],
    ['2026-11-26T00:12:00.000Z', { type: 'attachment', actor: 'alice', data: { name: 'p99 <graph>.png', file: 'attachments/p99_graph_.png', bytes: 10, sha256: 'a'.repeat(64), ref: 4 } }],
  ]);
  const md = renderMarkdown({ ...incident, commander: 'bob' }, more);

  it('shows runs with exit codes, roles and handoffs, milestones with order problems', () => {
    expect(md).toContain('| 2026-11-26 00:03:00.000 UTC | db-2, db-3 | ` pg_ctl promote ` | db-2: exit 0, db-3: killed by SIGKILL | bob | #4 |');
    expect(md).toContain('| commander | bob |');
    expect(md).toContain('- 2026-11-26 00:04:00.000 UTC: commander alice → bob (#5)');
    expect(md).toContain('| detected | 2026-11-25 23:50:00.000 UTC | #6 |');
    expect(md).toContain('> **Milestones out of order**: resolved (2026-11-25T23:40:00.000Z) is before detected');
  });

  it('applies edits (keeping the original visible) and redactions (hiding the content) and lists key moments', () => {
    expect(md).toContain('**Note**: corrected note *(edited by bob at 2026-11-26 00:07:00.000 UTC; originally: ');
    expect(md).not.toContain('SECRET123');
    expect(md).toContain('*Redacted by alice at 2026-11-26 00:09:00.000 UTC: credential*');
    expect(md).toContain('### Key moments\n\n- 2026-11-26 00:03:00.000 UTC · #4 · pinned, repair · **Run**: ` pg_ctl promote ` on 2 hosts (db-2, db-3) (db-3: killed by SIGKILL)');
  });

  it('links evidence from the timeline entry it supports, and lists attachments', () => {
    const entry = md.split('\n').find((l) => l.startsWith('- <a id="event-4"></a>2026-11-26 00:03:00.000 UTC · #4 · bob'));
    expect(entry).toMatch(/ · evidence: \[p99 &lt;graph&gt;\.png\]\(<\.\.\/attachments\/p99_graph_\.png>\)$/);
    expect(md).toContain(`- [p99 &lt;graph&gt;.png](<../attachments/p99_graph_.png>) (10 bytes, sha256 \`${'a'.repeat(64)}\`) (#13)`);
  });
});

describe('escaping helpers', () => {
  it('fences code cells longer than any backtick run inside', () => {
    expect(mdCodeCell('a ``` b')).toBe('```` a ``` b ````');
    expect(mdCodeCell('x|y')).toBe('` x\\|y `');
  });
  it('escapes Markdown punctuation and entities in text', () => {
    expect(mdText('a_b*c & <d>')).toBe('a\\_b\\*c &amp; &lt;d&gt;');
  });
  it('formats journal times as full UTC dates', () => {
    expect(utc('2026-01-02T03:04:05.006Z')).toBe('2026-01-02 03:04:05.006 UTC');
  });
});

describe('renderMarkdown with run output', () => {
  // Output a host printed: it tries to close the fence, open HTML, start a heading and colour the terminal.
  const hostile = 'Filesystem Size Used Avail Use% Mounted on\n/dev/vda1 20G 20G 0 100% /\n````\n# not a heading\n<script>alert(1)</script>\n\u001b[31mred\r\n';
  const withOutput = chain([
    ['2026-11-25T23:55:00.000Z', { type: 'incident.declared', actor: 'alice', data: { id: incident.id, title: 'Disk full', severity: 'SEV2', commander: 'alice' } }],
    [
      '2026-11-25T23:58:00.000Z',
      {
        type: 'command.run',
        actor: 'alice',
        data: {
          line: 'df -h /',
          results: [
            { host: 'web-02', exitCode: 0, tail: hostile, output: { file: 'runs/3f1c/web-02.out', sha256: 'c'.repeat(64), bytes: 130 } },
            { host: 'web-01', exitCode: 0 },
            { host: 'log-01', exitCode: 0, tail: 'tail of a flood\n', output: { file: 'runs/3f1c/log-01.out', sha256: 'd'.repeat(64), bytes: 16777216 }, dropped: 5000 },
          ],
        },
      },
    ],
  ]);
  const md = renderMarkdown({ ...incident, title: 'Disk full' }, withOutput);
  const section = md.slice(md.indexOf('### Command output'));

  it('shows each host\'s tail under Supporting material, fenced so the output cannot end the block', () => {
    expect(md.indexOf('## Supporting material')).toBeLessThan(md.indexOf('### Command output'));
    expect(section).toContain('**#2** ` df -h / ` on web-02, last 4 KiB; all of it: [web-02.out](<../runs/3f1c/web-02.out>) (130 bytes, sha256 `' + 'c'.repeat(64) + '`):');
    expect(section).toContain('`````text\nFilesystem Size Used Avail Use% Mounted on\n/dev/vda1 20G 20G 0 100% /\n````\n# not a heading\n<script>alert(1)</script>\n␛[31mred\n`````');
    expect(section).not.toContain('\u001b');
    expect(section).toContain('on log-01, last 4 KiB; all of it: [log-01.out](<../runs/3f1c/log-01.out>) (16777216 bytes, sha256 `' + 'd'.repeat(64) + '`); 5000 more bytes were not kept:');
    // A host that printed nothing has no entry.
    expect(section).not.toContain('web-01');
    // The run's timeline entry links each file.
    expect(md).toContain(' · evidence: [web-02.out](<../runs/3f1c/web-02.out>), [log-01.out](<../runs/3f1c/log-01.out>)');
  });

  it('keeps the tail as text in the HTML write-up', () => {
    const html = renderHtml(md, 'Disk full');
    expect(html).not.toMatch(/<script>alert/);
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(html).toMatch(/<pre><code class="language-text">Filesystem[^<]*100% \/\n````\n# not a heading\n&lt;script&gt;/);
  });

  it('has no output section when no run printed anything', () => {
    expect(renderMarkdown(incident, events)).not.toContain('### Command output');
  });
});

describe('renderMarkdown with recordings', () => {
  it('lists each recording with the hash of its latest seal, and says which are not sealed', () => {
    const withSeals = chain([
      ['2026-11-25T23:55:00.000Z', { type: 'incident.declared', actor: 'alice', data: { id: incident.id, title: 'Recorded', severity: 'SEV4', commander: 'alice' } }],
      ['2026-11-25T23:56:00.000Z', { type: 'recording.sealed', actor: 'alice', data: { alias: 'web-01', file: 'recordings/web-01-a.cast', sha256: 'e'.repeat(64), bytes: 100 } }],
      ['2026-11-25T23:57:00.000Z', { type: 'recording.sealed', actor: 'alice', data: { alias: 'web-01', file: 'recordings/web-01-a.cast', sha256: 'f'.repeat(64), bytes: 120 } }],
    ]);
    const md = renderMarkdown(incident, withSeals, {
      recordings: [
        { file: 'recordings/web-01-a.cast', bytes: 120 },
        { file: 'recordings/web-02-b.cast', bytes: 7 },
      ],
    });
    expect(md).toContain(`- [web-01-a.cast](<../recordings/web-01-a.cast>) (120 bytes, sealed at 120 bytes with sha256 \`${'f'.repeat(64)}\` (#3))`);
    expect(md).toContain('- [web-02-b.cast](<../recordings/web-02-b.cast>) (7 bytes, not sealed (still recording, or the app stopped abruptly))');
  });
});

describe('renderMarkdown at 64 hosts', () => {
  const pad = (n: number) => String(n).padStart(2, '0');
  const hosts = [...Array.from({ length: 32 }, (_, i) => `web${pad(i + 1)}`), ...Array.from({ length: 32 }, (_, i) => `db${pad(i + 1)}`)];
  const many = chain([
    ['2026-11-25T23:55:00.000Z', { type: 'incident.declared', actor: 'alice', data: { id: incident.id, title: 't', severity: 'SEV1', commander: 'alice' } }],
    ...hosts.map((alias, i): [string, EventDraft] => [`2026-11-25T23:5${6 + Math.floor(i / 60)}:${pad(i % 60)}.000Z`, { type: 'session.connected', actor: 'alice', data: { alias, hostname: `10.0.0.${i + 1}` } }]),
    ['2026-11-25T23:58:00.000Z', { type: 'command.broadcast', actor: 'alice', data: { line: 'uptime', hosts } }],
    ['2026-11-25T23:59:00.000Z', { type: 'session.disconnected', actor: 'alice', data: { alias: 'web01', reason: 'reset' } }],
  ]);
  const md = renderMarkdown(incident, many);
  const timeline = md.slice(md.indexOf('### Journal timeline'), md.indexOf('\n## ', md.indexOf('### Journal timeline') + 1));

  it('reads 64 connections as one entry, with every #seq under it', () => {
    expect(timeline).toContain('· #2 to #65 · alice · **Connected** 64: web\\[01-32\\], db\\[01-32\\]');
    const under = timeline.split('\n').find((l) => l.startsWith('  - <a id="event-2"></a>#2 web01'));
    expect(under?.split(', ')).toHaveLength(64);
    for (let s = 2; s <= 65; s++) expect(under).toContain(`#${s} `);
  });

  it('names a broadcast to 64 hosts by range, and a lone disconnection as itself', () => {
    expect(timeline).toContain('**Broadcast**: ` uptime ` on 64 hosts (web\\[01-32\\], db\\[01-32\\])');
    expect(timeline).toContain('#67 · alice · **Disconnected**: web01: reset');
  });
});
