import { describe, expect, it } from 'vitest';
import type { JournalEvent } from '../../../shared/model/incident';
import { formatUtc } from '../../../renderer/format/time';
import { foldAnnotations } from '../../../shared/model/annotations';
import { describeEvent } from '../../../renderer/format/timeline';

const HASH = 'b'.repeat(64);
const ev = (type: JournalEvent['type'], data: Record<string, unknown>): JournalEvent => ({
  seq: 1,
  ts: '2026-11-25T23:59:58.123Z',
  type,
  actor: 'ops',
  data,
  prev: HASH,
  hash: HASH,
});

describe('time formats', () => {
  it('writes full UTC dates whatever the local zone', () => {
    expect(formatUtc('2026-11-25T23:59:58.123Z')).toBe('2026-11-25 23:59:58 UTC');
    expect(formatUtc('nonsense')).toBe('nonsense');
  });
});

describe('describeEvent', () => {
  it('names an event of a type a newer Warroom wrote, with its data', () => {
    const v = describeEvent({ ...ev('note', {}), type: 'postmortem.linked', data: { url: 'u' } });
    expect(v).toMatchObject({ label: 'postmortem.linked', text: 'unknown event type postmortem.linked (written by a newer Warroom)', detail: '{"url":"u"}' });
  });

  it('applies corrections: an edited note shows its new text, a redacted event hides its content', () => {
    const note = { ...ev('note', { text: 'db-1 is fine' }), seq: 4 };
    const other = { ...ev('note', { text: 'token=abc123' }), seq: 5 };
    const events = [note, other, { ...ev('event.edited', { ref: 4, text: 'db-1 is NOT fine' }), seq: 6 }, { ...ev('event.redacted', { ref: 5, reason: 'secret pasted' }), seq: 7 }];
    const a = foldAnnotations(events);
    const correction = (seq: number) => ({ edited: a.edits.get(seq)?.at(-1)?.text, redacted: a.redactions.get(seq)?.reason });
    expect(describeEvent(note, correction(note.seq))).toMatchObject({ text: 'db-1 is NOT fine', detail: 'edited' });
    const hidden = describeEvent(other, correction(other.seq));
    expect(hidden.text).toBe('[redacted]');
    expect(JSON.stringify(hidden)).not.toContain('abc123');
  });

  it('shows failed exit codes of a run', () => {
    const v = describeEvent(ev('command.run', { line: 'systemctl restart nginx', results: [{ host: 'web-1', exitCode: 0 }, { host: 'web-2', exitCode: 3 }] }));
    expect(v).toMatchObject({ label: 'run', text: 'systemctl restart nginx', hosts: ['web-1', 'web-2'], detail: 'web-2: exit 3' });
  });

  it('shows a broadcast line with its command and every target host', () => {
    const v = describeEvent(ev('command.broadcast', { line: 'echo $(hostname)', hosts: ['web-1', 'web-2'] }));
    expect(v).toEqual({ label: 'broadcast', text: 'echo $(hostname)', hosts: ['web-1', 'web-2'], command: true });
    const secret = describeEvent(ev('command.broadcast', { line: '********', hosts: ['db-1'], withheld: true, uncertain: true }));
    expect(secret.text).toBe('********');
    expect(secret.detail).toContain('withheld');
    expect(secret.detail).toContain('uncertain');
  });

  it('keeps markup as text and still shows events whose data does not fit', () => {
    expect(describeEvent(ev('note', { text: '<img src=x onerror=alert(1)>' })).text).toBe('<img src=x onerror=alert(1)>');
    const odd = describeEvent(ev('note', { words: 3 }));
    expect(odd.label).toBe('note');
    expect(odd.text).toContain('words');
  });
});
