import { describe, expect, it } from 'vitest';
import { citations, currentVersion, writeupSections } from '../../../shared/writeup/document';
import { DEFAULT_TEMPLATE, SectionText, utf8Bytes, MAX_SECTION_BYTES } from '../../../shared/model/writeup';
import type { JournalEvent } from '../../../shared/model/incident';

let seq = 0;
const ev = (type: string, data: Record<string, unknown>, actor = 'ops'): JournalEvent => ({
  seq: ++seq,
  ts: `2026-11-30T10:00:${String(seq).padStart(2, '0')}.000Z`,
  type,
  actor,
  data,
  prev: '0'.repeat(64),
  hash: '1'.repeat(64),
});

describe('citations', () => {
  it('finds #seq in prose, in order, once each; not in code, escapes, entities or words', () => {
    expect(citations('Disk full on web-2 (#3, #12). See #3 again.')).toEqual([3, 12]);
    expect(citations('`grep #4 log` and\n```\n#5\n```\n\\#6 &#7; a#8 ##9 #0 #10')).toEqual([10]);
  });
});

describe('writeupSections', () => {
  it('folds versions into states: empty, draft, accepted, person; the last save is current', () => {
    seq = 0;
    const events = [
      ev('incident.declared', { id: 'i', title: 't', severity: 'SEV2', commander: 'ops' }),
      ev('writeup.saved', { section: 'summary', text: 'Drafted from #1.', base: null, origin: 'draft' }),
      ev('writeup.saved', { section: 'impact', text: 'Drafted impact (#1).', base: null, origin: 'draft' }),
      ev('writeup.accepted', { section: 'impact', version: 3 }),
      ev('writeup.saved', { section: 'summary', text: 'Checkout failed (#1, #99).', base: 2, origin: 'person' }, 'alice'),
      ev('writeup.saved', { section: 'lucky', text: '  ', base: null, origin: 'person' }),
    ];
    const by = Object.fromEntries(writeupSections(events, { ...DEFAULT_TEMPLATE, impact: 'Exposure' }).map((s) => [s.id, s]));
    expect(by.summary).toMatchObject({ state: 'person', version: 5, actor: 'alice', text: 'Checkout failed (#1, #99).', citations: [1, 99], unknownCitations: [99], versions: 2 });
    expect(by.impact).toMatchObject({ title: 'Exposure', state: 'accepted', version: 3 });
    expect(by.lucky).toMatchObject({ state: 'empty', version: 6 });
    expect(by.factors).toMatchObject({ title: 'Contributing factors', state: 'empty', version: null, text: '', versions: 0 });
    expect(currentVersion(events, 'summary')?.seq).toBe(5);
  });
});

describe('SectionText', () => {
  it('holds at most 256 KiB of UTF-8, counted in bytes', () => {
    expect(utf8Bytes('aé€😀')).toBe(1 + 2 + 3 + 4);
    expect(SectionText.safeParse('a'.repeat(MAX_SECTION_BYTES)).success).toBe(true);
    expect(SectionText.safeParse('é'.repeat(MAX_SECTION_BYTES / 2 + 1)).success).toBe(false);
  });
});
