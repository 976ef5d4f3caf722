/** The labelled corpus and how the lint scores on it; shared by the corpus test and the benchmark. */
import { z } from 'zod';
// Imported rather than read so the bundled benchmark carries it too.
import corpusJson from '../../../fixtures/blameless-corpus.json';
import { RuleId } from '../../../../shared/writeup/lint/finding';
import { lintText } from '../../../../shared/writeup/lint/lint';

const CorpusFile = z.object({
  about: z.string(),
  people: z.array(z.string()),
  sentences: z.array(z.object({ text: z.string().min(1), blaming: z.boolean(), rule: RuleId.optional(), actionItem: z.boolean().optional() }).strict()),
});
export type Corpus = z.infer<typeof CorpusFile>;

export const CORPUS_FILE = 'test/fixtures/blameless-corpus.json';

export function loadCorpus(json: unknown = corpusJson): Corpus {
  const parsed = CorpusFile.safeParse(json);
  if (!parsed.success) throw new Error(`${CORPUS_FILE}: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`);
  return parsed.data;
}

export interface Score {
  truePositives: number;
  falsePositives: number;
  falseNegatives: number;
  trueNegatives: number;
  precision: number;
  recall: number;
  /** Flagged blaming sentences whose findings include the labelled rule. */
  ruleAgreement: number;
  mistakes: Array<{ text: string; blaming: boolean; found: string[] }>;
}

export function scoreCorpus(corpus: Corpus): Score {
  let tp = 0, fp = 0, fn = 0, tn = 0, agree = 0;
  const mistakes: Score['mistakes'] = [];
  for (const s of corpus.sentences) {
    const found = lintText(s.text, { people: corpus.people, actionItems: s.actionItem ?? false });
    const flagged = found.length > 0;
    if (s.blaming && flagged) tp++;
    else if (!s.blaming && flagged) fp++;
    else if (s.blaming) fn++;
    else tn++;
    if (s.blaming && flagged && (!s.rule || found.some((f) => f.rule === s.rule))) agree++;
    if (s.blaming !== flagged) mistakes.push({ text: s.text, blaming: s.blaming, found: found.map((f) => `${f.rule}: ${f.words}`) });
  }
  return {
    truePositives: tp, falsePositives: fp, falseNegatives: fn, trueNegatives: tn,
    precision: tp / Math.max(1, tp + fp),
    recall: tp / Math.max(1, tp + fn),
    ruleAgreement: agree / Math.max(1, tp),
    mistakes,
  };
}
