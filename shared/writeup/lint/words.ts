/** The word lists the rules share. All lower case, with straight apostrophes (see `normalise`). */

/** Pronouns that stand for people. "it" and "they" are left out where hosts and services are the usual subject. */
export const PERSON_PRONOUNS = new Set(['i', 'we', 'you', 'he', 'she', 'they', 'someone', 'somebody', 'anyone', 'anybody', 'everyone', 'everybody', 'nobody', 'no-one']);

/** Pronouns that single out one person: the ones "caused", "broke", "forgot" and "missed" may not follow. */
export const SINGLING_PRONOUNS = new Set(['i', 'you', 'he', 'she', 'someone', 'somebody']);

/** Object pronouns after "by" ("caused by him"). */
export const OBJECT_PRONOUNS = new Set(['me', 'you', 'him', 'her', 'someone', 'somebody']);

/** Nouns for the people in an incident; the plural is matched too. */
export const ROLE_NOUNS = new Set([
  'engineer', 'operator', 'on-call', 'oncall', 'on-caller', 'responder', 'commander', 'developer', 'dev', 'admin',
  'sysadmin', 'administrator', 'sre', 'reviewer', 'author', 'team', 'teammate', 'person', 'human', 'staff', 'intern',
  'contractor', 'manager', 'approver', 'deployer', 'coworker', 'colleague', 'newcomer', 'scribe', 'hire',
]);

/** Words that may stand between a subject and its verb without changing who acts. */
export const ADVERBS = new Set([
  'just', 'simply', 'also', 'really', 'then', 'still', 'never', 'not', 'accidentally', 'apparently', 'probably', 'clearly',
  'unfortunately', 'mistakenly', 'inadvertently', 'unknowingly', 'again', 'actually', 'had', 'has', 'have', 'already',
  'obviously', 'completely', 'totally', 'repeatedly', 'initially', 'originally', 'later', 'first', 'eventually',
  'ultimately', 'certainly', 'definitely', 'somehow', 'immediately', 'quickly', 'wrongly', 'did', 'all', 'both',
  'further', 'properly', 'really', 'always', 'ever', 'likely',
]);

/** A negation shortly before a word turns "blame" or "human error" into a blameless statement. */
export const NEGATIONS = new Set([
  'not', 'no', 'nobody', 'never', 'without', 'none', 'nor', 'rather', 'instead', "nobody's", "no-one's", 'no-one', 'avoid', 'avoids',
  'avoiding', 'beyond', 'than', 'against',
]);

export function isNegation(norm: string): boolean {
  return NEGATIONS.has(norm) || norm.endsWith("n't");
}

/** "Alice's" → "alice"; "engineers'" → "engineers". */
export function stripPossessive(norm: string): string {
  return norm.replace(/'s$|'$/, '');
}

export function isPossessive(norm: string): boolean {
  return /'s$|s'$/.test(norm) && norm !== "it's" && norm !== "that's" && norm !== "what's" && norm !== "who's" && norm !== "there's" && norm !== "here's";
}

export function isRoleNoun(norm: string): boolean {
  const w = stripPossessive(norm);
  return ROLE_NOUNS.has(w) || (w.endsWith('s') && ROLE_NOUNS.has(w.slice(0, -1)));
}
