/**
 * What the console learns from every session's screen: how the targets of a broadcast line group by
 * what the line printed (dshbak -c for live sessions), and where a text shows in the scrollbacks.
 */
import { z } from 'zod';

/** Hosts whose output of one line is the same once their own names (and, on request, numbers) are set aside. */
export const ScreenGroup = z.object({
  hosts: z.array(z.string()),
  sessionIds: z.array(z.string()),
  /** The output as the group's first host printed it, ANSI stripped, prompt excluded. */
  output: z.string(),
  count: z.number().int().positive(),
});
export type ScreenGroup = z.infer<typeof ScreenGroup>;

/** The verdict on one broadcast line, largest group first. */
export const ScreenGroups = z.object({
  /** Counts the lines grouped since the app started; the window asks for a regrouping by it. */
  lineId: z.number().int().positive(),
  line: z.string(),
  /** The seq of the line's command.broadcast, once it is on the timeline. */
  ref: z.number().int().positive().optional(),
  /** Numbers (and host names) in the output were treated as equal. */
  loose: z.boolean(),
  groups: z.array(ScreenGroup),
});
export type ScreenGroups = z.infer<typeof ScreenGroups>;

/** "61 identical · 3 differ": the largest group against every other host. */
export function verdictText(groups: readonly Pick<ScreenGroup, 'count'>[], sep = ' · '): string {
  const [top, ...rest] = groups;
  if (!top) return 'no output';
  const differ = rest.reduce((n, g) => n + g.count, 0);
  // Without two alike there is no majority to call identical.
  if (top.count === 1 && differ > 0) return `all ${differ + 1} differ`;
  return differ === 0 ? `${top.count} identical` : `${top.count} identical${sep}${differ} differ`;
}

/** The hosts outside the largest group, in group order. */
export function outliers(groups: readonly Pick<ScreenGroup, 'hosts'>[]): string[] {
  return groups.slice(1).flatMap((g) => g.hosts);
}

export const SearchMode = z.object({
  regex: z.boolean().default(false),
  wholeWord: z.boolean().default(false),
  caseSensitive: z.boolean().default(false),
});
export type SearchMode = z.infer<typeof SearchMode>;

/** Longest search text accepted; a regular expression is also checked for catastrophic backtracking. */
export const MAX_QUERY_CHARS = 200;
/** Matching lines returned per host; the count still covers every match. */
export const MAX_LINES_PER_HIT = 50;

export const ScrollbackHit = z.object({
  sessionId: z.string(),
  host: z.string(),
  /** Matching lines in this host's scrollback. */
  count: z.number().int().positive(),
  lines: z.array(z.object({ n: z.number().int().nonnegative(), text: z.string() })),
});
export type ScrollbackHit = z.infer<typeof ScrollbackHit>;
