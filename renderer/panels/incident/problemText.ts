import { formatUtc } from '../../format/time';

const ISO = /\b\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d{3})?Z\b/g;

/** Order problems come from the Node side with raw ISO times; the window shows them as it shows every time. */
export function readableProblem(problem: string): string {
  return problem.replace(ISO, (iso) => formatUtc(iso));
}
