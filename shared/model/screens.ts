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
  /**
   * Only hosts whose output of the line is complete are grouped, as `dshbak -c` groups what each host
   * printed once it finished. Apart: hosts the user interrupted while the line ran (their output is
   * wherever the interrupt cut it) and hosts still printing when the watch gave up (a flood).
   */
  groups: z.array(ScreenGroup),
  interrupted: z.array(z.string()).optional(),
  running: z.array(z.string()).optional(),
});
export type ScreenGroups = z.infer<typeof ScreenGroups>;

/** Hosts left out of a verdict because their output never completed. */
export interface Incomplete {
  interrupted?: readonly string[] | undefined;
  running?: readonly string[] | undefined;
}

/**
 * "61 identical · 3 differ": the largest group against every other host; then the hosts whose
 * output was not complete ("64 interrupted", "3 still printing"), which are in no group.
 */
export function verdictText(groups: readonly Pick<ScreenGroup, 'count'>[], sep = ' · ', incomplete: Incomplete = {}): string {
  const apart = [
    ...(incomplete.interrupted?.length ? [`${incomplete.interrupted.length} interrupted`] : []),
    ...(incomplete.running?.length ? [`${incomplete.running.length} still printing`] : []),
  ];
  const [top, ...rest] = groups;
  if (!top) return apart.length > 0 ? apart.join(sep) : 'no output';
  const differ = rest.reduce((n, g) => n + g.count, 0);
  // Without two alike there is no majority to call identical.
  const grouped = top.count === 1 && differ > 0 ? `all ${differ + 1} differ` : differ === 0 ? `${top.count} identical` : `${top.count} identical${sep}${differ} differ`;
  return [grouped, ...apart].join(sep);
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
