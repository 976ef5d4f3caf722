import { z } from 'zod';

/**
 * The write-up's sections, in document order (the shared agreement for issue 8). Titles come from a
 * template; these ids are what the journal records.
 */
export const SectionId = z.enum([
  'summary',
  'impact',
  'trigger',
  'detection',
  'response',
  'recovery',
  'timeline',
  'factors',
  'went-well',
  'went-wrong',
  'lucky',
  'actions',
  'messages',
  'supporting',
]);
export type SectionId = z.infer<typeof SectionId>;

/** Where the write-up is in its review (shared/model/review.ts folds and checks the changes). */
export const WriteupState = z.enum(['draft', 'in-review', 'approved', 'published']);
export type WriteupState = z.infer<typeof WriteupState>;
