/**
 * Precision and recall of the blameless lint on the labelled corpus. How the figures came about:
 * the first 219 sentences were written with the rules (precision 0.98, recall 0.99 on them); 44 more
 * were then written in the voice of real write-ups before the rules saw them, and the rules caught
 * only 8 of their 20 blaming sentences with 5 false alarms in 24. The rules were then generalised
 * (participles after "should have", "error" as a modifier, relative "who", a few words), which gives
 * precision 0.99 and recall 0.96 on all 263; the remaining misses are printed. The floors sit below
 * that, so a drop is a regression in the rules. Expect less on prose nobody has tuned for.
 */
import { describe, expect, it } from 'vitest';
import { loadCorpus, scoreCorpus } from './corpus';

const PRECISION_FLOOR = 0.95;
const RECALL_FLOOR = 0.93;

describe('blameless corpus', () => {
  const corpus = loadCorpus();

  it('has at least 200 labelled sentences, both kinds, every rule and the tricky negatives of the brief', () => {
    expect(corpus.sentences.length).toBeGreaterThanOrEqual(200);
    const blaming = corpus.sentences.filter((s) => s.blaming);
    expect(blaming.length).toBeGreaterThan(80);
    expect(corpus.sentences.length - blaming.length).toBeGreaterThan(80);
    expect(new Set(blaming.map((s) => s.rule))).toEqual(new Set(['human-error', 'counterfactual', 'character', 'person-subject', 'blame-question', 'not-actionable']));
    const negatives = corpus.sentences.filter((s) => !s.blaming).map((s) => s.text);
    expect(negatives).toEqual(expect.arrayContaining(['The deploy failed to start.', 'The health check should have returned 200 but returned 503.', 'We looked into the logs at 03:12.']));
  });

  it(`scores precision >= ${PRECISION_FLOOR} and recall >= ${RECALL_FLOOR}`, () => {
    const score = scoreCorpus(corpus);
    // Printed so a run shows the measured figures and what was missed, not only pass/fail.
    console.log(
      `blameless corpus: precision ${score.precision.toFixed(3)}, recall ${score.recall.toFixed(3)}, rule agreement ${score.ruleAgreement.toFixed(3)} ` +
        `(tp ${score.truePositives}, fp ${score.falsePositives}, fn ${score.falseNegatives}, tn ${score.trueNegatives})\n` +
        score.mistakes.map((m) => `  ${m.blaming ? 'missed' : 'false positive'}: ${m.text}${m.found.length ? ` [${m.found.join('; ')}]` : ''}`).join('\n'),
    );
    expect(score.precision).toBeGreaterThanOrEqual(PRECISION_FLOOR);
    expect(score.recall).toBeGreaterThanOrEqual(RECALL_FLOOR);
    expect(score.ruleAgreement).toBeGreaterThanOrEqual(0.9);
  });
});
