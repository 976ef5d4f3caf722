import { describe, expect, it } from 'vitest';
import { lintMarks, markMessage } from '../../../renderer/panels/writeup/lintMarks';
import { lintSection } from '../../../shared/writeup/lint/journal';

describe('lint marks for the editor', () => {
  const context = { people: ['alice'], waivers: [] };

  it('marks blameful words at their offsets in the unsaved text, with the suggestion', () => {
    const text = 'Summary.\nThe engineer carelessly restarted nginx. Alice broke the deploy.';
    const marks = lintMarks(text, 'summary', context);
    const careless = marks.find((m) => m.rule === 'character');
    expect(careless).toBeDefined();
    expect(text.slice(careless!.from, careless!.to).toLowerCase()).toContain('careless');
    expect(careless!.suggestion.length).toBeGreaterThan(0);
    expect(marks.some((m) => m.rule === 'person-subject')).toBe(true);
    expect(markMessage(careless!)).toContain(careless!.suggestion);
  });

  it('leaves blameless text unmarked ("the deploy failed to start")', () => {
    expect(lintMarks('The deploy failed to start; nginx exited 1.', 'summary', context)).toEqual([]);
  });

  it('shows a waiver of the same words in the same section, not in another', () => {
    const waivers = [{ rule: 'counterfactual', words: 'should have', where: { section: 'summary' as const }, reason: 'quoted from the alert', seq: 9, actor: 'bob' }];
    const [here] = lintMarks('We should have paged.', 'summary', { people: [], waivers });
    expect(here?.waived).toEqual({ seq: 9, actor: 'bob', reason: 'quoted from the alert' });
    expect(markMessage(here!)).toContain('waived in #9 by bob');
    const [there] = lintMarks('We should have paged.', 'impact', { people: [], waivers });
    expect(there?.waived).toBeUndefined();
  });

  it('marks and waives exactly as the Node side checks a waiver (lintSection): same words, places and waivers', () => {
    const waivers = [{ rule: 'character', words: 'CARELESSLY', where: { section: 'went-wrong' as const }, reason: 'quoted', seq: 7, actor: 'bob' }];
    const text = 'Alice broke the deploy.\n\nThe engineer carelessly restarted nginx.\n\n- We should have paged earlier.';
    const inputs = { people: ['alice'], waivers };
    const marks = lintMarks(text, 'went-wrong', inputs).map((m) => [m.rule, m.words, m.from, m.to, m.waived?.seq]);
    const checked = lintSection(inputs, 'went-wrong', text).map((f) => [f.rule, f.words, f.start, f.end, f.waived?.seq]);
    expect(marks).toEqual(checked);
    expect(marks.filter(([, , , , seq]) => seq === 7)).toHaveLength(1);
  });

  it('flags vague action items only in the action items section', () => {
    expect(lintMarks('- Investigate the disk', 'actions', context).map((m) => m.rule)).toContain('not-actionable');
    expect(lintMarks('- Investigate the disk', 'summary', context).map((m) => m.rule)).not.toContain('not-actionable');
  });
});
