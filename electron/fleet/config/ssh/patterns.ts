/**
 * OpenSSH's match.c: `*` and `?` wildcards, and comma lists where one matching `!pattern` vetoes the
 * whole list. Iterative with backtracking to the last `*`, so hostile patterns cannot blow up.
 */
export function matchPattern(s: string, pattern: string): boolean {
  let si = 0;
  let pi = 0;
  let starP = -1;
  let starS = 0;
  while (si < s.length) {
    const pc = pattern[pi];
    if (pc === '*') {
      starP = pi++;
      starS = si;
    } else if (pc !== undefined && (pc === '?' || pc === s[si])) {
      si++;
      pi++;
    } else if (starP >= 0) {
      pi = starP + 1;
      si = ++starS;
    } else {
      return false;
    }
  }
  while (pattern[pi] === '*') pi++;
  return pi === pattern.length;
}

/** 1 = a positive pattern matched, 0 = nothing matched, -1 = a negated pattern matched. */
export function matchPatternList(s: string, list: string, lowerPatterns: boolean): -1 | 0 | 1 {
  let positive = false;
  for (let sub of list.split(',')) {
    if (lowerPatterns) sub = sub.toLowerCase();
    const negated = sub.startsWith('!');
    if (negated) sub = sub.slice(1);
    if (matchPattern(s, sub)) {
      if (negated) return -1;
      positive = true;
    }
  }
  return positive ? 1 : 0;
}

/** OpenSSH match_hostname: the host is compared in lower case. */
export function matchHostname(host: string, list: string): -1 | 0 | 1 {
  return matchPatternList(host.toLowerCase(), list, true);
}
