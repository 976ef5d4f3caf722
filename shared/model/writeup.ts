import { z } from 'zod';

/** The write-up's sections, in document order (writeup-events.md; titles come from a template). */
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
