import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import path from 'node:path';
import { Journal } from '../../../electron/journal/journal';
import { WriteupConflict, acceptDraft, diffVersions, fillDrafts, history, saveSection } from '../../../electron/incident/writeup';
import type { Drafter } from '../../../electron/incident/writeup';
import { tempDir } from '../journal/helpers';

let dir: string;
let cleanup: () => void;
let journal: Journal;
beforeEach(async () => {
  ({ dir, cleanup } = tempDir('warroom-writeup-'));
  journal = await Journal.open(path.join(dir, 'journal.jsonl'), { create: true });
  await journal.append({ type: 'incident.declared', actor: 'ops', data: { id: 'inc-1', title: 'Checkout down', severity: 'SEV2', commander: 'ops' } });
});
afterEach(async () => {
  await journal.close();
  cleanup();
});

describe('saving a section', () => {
  it('keeps every version, each naming its base; a stale base is refused with both texts and writes nothing', async () => {
    const first = await saveSection(journal, 'inc-1', { section: 'summary', text: 'v1', base: null }, 'alice');
    const second = await saveSection(journal, 'inc-1', { section: 'summary', text: 'v2 (#1)', base: first.seq }, 'bob');
    const before = journal.lastSeq;
    const refused = await saveSection(journal, 'inc-1', { section: 'summary', text: 'mine', base: first.seq }, 'carol').catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(WriteupConflict);
    const c = (refused as WriteupConflict).conflict;
    expect(c).toEqual({ section: 'summary', theirs: { seq: second.seq, text: 'v2 (#1)', actor: 'bob', ts: second.ts }, yours: { base: first.seq, text: 'mine' } });
    expect((refused as Error).message).toMatch(new RegExp(`incident inc-1, section summary: conflict: you edited version #${first.seq}, but its current version is #${second.seq} by bob`));
    expect(journal.lastSeq).toBe(before);
    expect(history(journal.events, 'summary').map((v) => [v.text, v.base])).toEqual([['v1', null], ['v2 (#1)', first.seq]]);
    // A first save must say so: null is the base of a section never saved.
    await expect(saveSection(journal, 'inc-1', { section: 'impact', text: 'x', base: first.seq }, 'a')).rejects.toThrow(/it has never been saved/);
  });

  it('two saves from the same base in one group commit: the first wins, the second is a conflict', async () => {
    const [a, b] = await Promise.allSettled([
      saveSection(journal, 'inc-1', { section: 'impact', text: 'one', base: null }, 'a'),
      saveSection(journal, 'inc-1', { section: 'impact', text: 'two', base: null }, 'b'),
    ]);
    expect(a.status).toBe('fulfilled');
    expect(b.status === 'rejected' && b.reason instanceof WriteupConflict).toBe(true);
    expect(history(journal.events, 'impact').map((v) => v.text)).toEqual(['one']);
  });

  it('diffs two versions line by line', async () => {
    const v1 = await saveSection(journal, 'inc-1', { section: 'response', text: 'a\nb\nc\n', base: null }, 'a');
    const v2 = await saveSection(journal, 'inc-1', { section: 'response', text: 'a\nB\nc\n', base: v1.seq }, 'a');
    const d = diffVersions(journal.events, 'inc-1', v1.seq, v2.seq);
    expect(d.parts).toEqual([
      { value: 'a\n', added: false, removed: false },
      { value: 'b\n', added: false, removed: true },
      { value: 'B\n', added: true, removed: false },
      { value: 'c\n', added: false, removed: false },
    ]);
    expect(() => diffVersions(journal.events, 'inc-1', 1, v2.seq)).toThrow('incident inc-1: #1 is not a saved version of a write-up section');
  });
});

describe('drafts', () => {
  const drafter: Drafter = (section, events) => (section === 'summary' || section === 'timeline' || section === 'impact' ? `Drafted ${section} from ${events.length} events (#1).` : null);

  it('fills empty sections only, never one a person wrote; accepting needs the current draft', async () => {
    const mine = await saveSection(journal, 'inc-1', { section: 'summary', text: 'Written by a person.', base: null }, 'alice');
    const cleared = await saveSection(journal, 'inc-1', { section: 'impact', text: '', base: null }, 'alice');
    const outcome = await fillDrafts(journal, 'inc-1', drafter, 'ops');
    expect(outcome.filled.map((f) => f.section)).toEqual(['impact', 'timeline']);
    expect(outcome.skipped).toContainEqual({ section: 'summary', reason: `written by alice (#${mine.seq})` });
    expect(outcome.skipped).toContainEqual({ section: 'factors', reason: 'no evidence to draft it from' });
    const impact = history(journal.events, 'impact').at(-1);
    expect(impact).toMatchObject({ origin: 'draft', base: cleared.seq });
    expect((await fillDrafts(journal, 'inc-1', drafter, 'ops', 'timeline')).skipped[0]?.reason).toMatch(/^already drafted/);

    await expect(acceptDraft(journal, 'inc-1', 'summary', mine.seq, 'bob')).rejects.toThrow('was written by a person');
    await expect(acceptDraft(journal, 'inc-1', 'impact', cleared.seq, 'bob')).rejects.toThrow('is not the current version');
    await expect(acceptDraft(journal, 'inc-1', 'impact', impact?.seq ?? 0, 'bob')).resolves.toMatchObject({ type: 'writeup.accepted' });
  });
});
