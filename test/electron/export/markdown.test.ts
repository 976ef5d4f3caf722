import { describe, expect, it } from 'vitest';
import { renderMarkdown } from '../../../electron/export/markdown';
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

  it('has the header, a summary placeholder and the write-up sections', () => {
    expect(md.split('\n')[0]).toBe(`# 20261125\\-235500\\-db\\-failover\\-ab12: DB failover &lt;script&gt;alert\\(1\\)&lt;/script&gt; \\| \\*urgent\\*`);
    expect(md).toContain('| Severity | SEV1 |');
    expect(md).toContain('| Status | investigating |');
    expect(md).toContain('| Started | 2026-11-25 23:55:00.000 UTC |');
    expect(md).toContain('| Commander | alice |');
    expect(md).toContain('| Authors | alice, bob |');
    expect(md).toMatch(/## Summary\n\n_To be written/);
    for (const h of ['## Impact', '## Detection', '## Timeline', '## Contributing factors', '## Action items', '### Commands run']) expect(md).toContain(h);
  });

  it('shows every time in UTC with the full date, across midnight', () => {
    expect(md).toContain('- 2026-11-25 23:58:01.250 UTC · #2 · alice · Sent ');
    expect(md).toContain('- 2026-11-26 00:00:02.003 UTC · #3 · bob · **Note**: ');
  });

  it('lists commands run with their hosts, pipes and backticks neutralised in the table', () => {
    const row = md.split('\n').find((l) => l.startsWith('| 2026-11-25 23:58:01.250 UTC'));
    expect(row).toBe('| 2026-11-25 23:58:01.250 UTC | db\\-1, db\\-2 | `` grep "a\\|b" /var/log/x \\| wc -l `date` `` | alice | #2 |');
    // Unescaped pipes split cells: the row has exactly the table's 5 cells.
    expect(row?.replace(/\\\|/g, '').split('|').length).toBe(7);
    expect(md).toContain('| 2026-11-26 00:01:00.000 UTC | db\\-1 | _secret input withheld_ | alice | #4 |');
  });

  it('lets no HTML, link, heading or terminal escape through from untrusted text', () => {
    expect(md).not.toMatch(/<(img|script)/i);
    expect(md).not.toContain('\u001b');
    expect(md).toContain('&lt;img src=x onerror=alert\\(1\\)&gt; \\[link\\]\\(http://evil\\) \\# not a heading↵ \\- not a list ␛\\[31mred');
    expect(md.split('\n').filter((l) => l.startsWith('#')).every((l) => /^#{1,3} [A-Z0-9]/.test(l))).toBe(true);
  });

  it('says so when nothing was run', () => {
    expect(renderMarkdown(incident, events.slice(0, 1))).toContain('_No commands were run through Warroom._');
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
