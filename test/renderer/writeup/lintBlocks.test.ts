import { describe, expect, it } from 'vitest';
import { lintText } from '../../../shared/writeup/lint/lint';
import { BlockLintCache, blocksOf } from '../../../renderer/panels/writeup/lintBlocks';
import { readFileSync } from 'node:fs';
import path from 'node:path';

// The labelled corpus of the lint's own tests (test/shared/writeup/lint/corpus.ts checks its shape).
const corpus = JSON.parse(readFileSync(path.resolve(__dirname, '../../fixtures/blameless-corpus.json'), 'utf8')) as { people: string[]; sentences: Array<{ text: string }> };
const people = corpus.people;

/** Texts whose Markdown structure crosses blank lines: the cut must not change a finding. */
function documents(): string[] {
  const s = corpus.sentences.map((x) => x.text);
  const docs: string[] = [];
  for (let i = 0; i + 6 < s.length; i += 6) {
    docs.push(
      [
        `# Heading ${i}`,
        '',
        `${s[i]} ${s[i + 1]}`,
        `${s[i + 2]}`,
        '',
        `- ${s[i + 3]}`,
        '',
        `    ${s[i + 4]}`,
        '',
        '```',
        `${s[i + 5]}`,
        '',
        'the engineer carelessly typed this in a fence',
        '```',
        '',
        `<!-- ${s[i + 6]}`,
        '',
        'carelessly, inside the comment -->',
        '',
        `> ${s[i + 1]}`,
        '',
        `1. ${s[i + 2]}`,
        '',
        '   The operator forgot to check, said the indented continuation.',
      ].join('\n'),
    );
  }
  return docs;
}

describe('the lint by blocks', () => {
  it('cuts only at a blank line before an unindented line, outside fences and comments', () => {
    const text = 'one\n\ntwo\n  still two\n\n   three?\n\n```\na\n\nb\n```\n\nfour';
    expect(blocksOf(text).map((b) => b.text)).toEqual(['one\n\n', 'two\n  still two\n\n   three?\n\n', '```\na\n\nb\n```\n\n', 'four']);
    expect(blocksOf(text).map((b) => b.line)).toEqual([1, 3, 8, 14]);
    expect(blocksOf('')).toEqual([{ start: 0, line: 1, text: '' }]);
  });

  it('finds exactly what the whole-text lint finds, on the labelled corpus in Markdown structure', () => {
    const cache = new BlockLintCache();
    let findings = 0;
    for (const doc of documents()) {
      for (const actionItems of [false, true]) {
        const whole = lintText(doc, { people, actionItems });
        expect(cache.lint(doc, { people, actionItems })).toEqual(whole);
        findings += whole.length;
      }
    }
    expect(findings).toBeGreaterThan(100);
  });

  it('re-lints only the changed block: a cached block gives the same findings at its new offset', () => {
    const cache = new BlockLintCache();
    const tail = 'Alice broke the deploy.\n\nWe should have paged.';
    cache.lint(`Intro.\n\n${tail}`, { people });
    const edited = `A much longer intro, typed since.\n\n${tail}`;
    expect(cache.lint(edited, { people })).toEqual(lintText(edited, { people }));
  });
});
