/**
 * One matcher per rule. Each looks at the word at index `i` of a clause (and its neighbours) and
 * returns the span of words it flags, or nothing. Subjects are found by walking back over adverbs
 * and auxiliaries to the nearest word in the same clause, which is how "the deploy failed to start"
 * (a system) differs from "Alice failed to start it" (a person).
 */
import type { RuleId } from './finding';
import type { Clause } from './clauses';
import {
  ADVERBS, OBJECT_PRONOUNS, PERSON_PRONOUNS, SINGLING_PRONOUNS, isNegation, isPossessive, isRoleNoun, stripPossessive,
} from './words';

export interface MatchContext {
  /** People's names (lower case, one word each) from the journal's actors and role holders. */
  names: ReadonlySet<string>;
  /** The text is a list of action items, so non-actionable verbs are checked. */
  actionItems: boolean;
}

export interface Hit {
  rule: RuleId;
  /** First and last word of the span, inclusive. */
  from: number;
  to: number;
  suggestion: string;
}

type Matcher = (c: Clause, i: number, ctx: MatchContext) => Hit | undefined;

const norm = (c: Clause, i: number): string => c[i]?.norm ?? '';
const any = (...words: string[]) => new Set(words);

/** The index of the subject of the verb at `i`: the nearest earlier word that is not an adverb or auxiliary. */
function subjectOf(c: Clause, i: number): number {
  let j = i - 1;
  while (j >= 0 && ADVERBS.has(norm(c, j))) j--;
  return j;
}

function negatedBefore(c: Clause, i: number, window = 4): boolean {
  for (let j = Math.max(0, i - window); j < i; j++) if (isNegation(norm(c, j))) return true;
  return false;
}

/** A person as the head of a subject: a name, a pronoun for people, or a role noun (not a possessive). */
function isPersonHead(c: Clause, j: number, ctx: MatchContext, pronouns: ReadonlySet<string> = PERSON_PRONOUNS): boolean {
  const w = norm(c, j);
  if (!w) return false;
  if (w === 'one' && norm(c, j - 1) === 'no') return pronouns.has('nobody');
  if (isPossessive(w)) return false;
  return pronouns.has(w) || isRoleNoun(w) || ctx.names.has(w);
}

// ---- human-error ----------------------------------------------------------------------------
const HUMAN = any('human', 'humans', 'operator', 'operators', 'user', 'pilot', 'engineer', 'personnel', 'people');
const ERROR = any('error', 'errors', 'mistake', 'mistakes');
const ERROR_AS_MODIFIER = any('rate', 'rates', 'log', 'logs', 'code', 'codes', 'message', 'messages', 'count', 'counts', 'budget', 'handling', 'page', 'pages', 'metric', 'metrics', 'ratio');
const HUMAN_ERROR_ONE_WORD = any('human-error', 'operator-error', 'user-error', 'pebkac', 'pebcak');

export const humanError: Matcher = (c, i) => {
  const w = norm(c, i);
  let to = -1;
  if (HUMAN_ERROR_ONE_WORD.has(w)) to = i;
  else if (HUMAN.has(w) && ERROR.has(norm(c, i + 1))) to = i + 1;
  if (to < 0 || negatedBefore(c, i)) return undefined;
  // "the user error rate", "the operator error log": a measurement or a file, not a verdict.
  if (ERROR_AS_MODIFIER.has(norm(c, to + 1))) return undefined;
  return {
    rule: 'human-error',
    from: i,
    to,
    suggestion: "Say what made the action reasonable at the time and what let it through (a missing check, a confusing tool, no canary): 'human error' is where the analysis starts, not its conclusion.",
  };
};

// ---- counterfactual -------------------------------------------------------------------------
/** "could have lost data" describes a risk (where we got lucky), not what someone should have done. */
const OUTCOMES = any('lost', 'been', 'ended', 'gone', 'led', 'resulted', 'become', 'corrupted', 'leaked', 'dropped', 'affected', 'hit', 'taken', 'spread', 'cascaded', 'lasted');
/** "should really have", "could easily have": the adverb changes nothing. */
const MODAL_ADVERBS = any('really', 'easily', 'probably', 'definitely', 'certainly', 'clearly', 'obviously', 'also', 'just', 'surely');
const HINDSIGHT = "Describe what was known and done at the time, and what would have helped (e.g. 'the runbook did not cover this case'); the better path is only clear in hindsight.";

export const counterfactual: Matcher = (c, i, ctx) => {
  const w = norm(c, i);
  const hit = (to: number, suggestion: string): Hit => ({ rule: 'counterfactual', from: i, to, suggestion });
  // should have / should not have / shouldn't have / ought to have / could have, and the 've forms.
  let to = -1;
  let modal = '';
  if (w === "should've" || w === "could've" || w === "shouldn't've") [to, modal] = [i, w.startsWith('c') ? 'could' : 'should'];
  else if ((w === 'should' || w === 'could') && norm(c, i + 1) === 'have') [to, modal] = [i + 1, w];
  else if ((w === 'should' || w === 'could') && MODAL_ADVERBS.has(norm(c, i + 1)) && norm(c, i + 2) === 'have') [to, modal] = [i + 2, w];
  else if (w === 'should' && norm(c, i + 1) === 'not' && norm(c, i + 2) === 'have') [to, modal] = [i + 2, w];
  else if (w === "shouldn't" && norm(c, i + 1) === 'have') [to, modal] = [i + 1, 'should'];
  else if (w === 'ought' && norm(c, i + 1) === 'to' && norm(c, i + 2) === 'have') [to, modal] = [i + 2, 'should'];
  if (to >= 0) {
    const next = norm(c, to + 1);
    if (next === 'to') return undefined; // "should have to": an obligation, not hindsight
    const verb = nextVerb(c, to + 1);
    // "could/should have been avoided": hindsight whoever the subject is.
    if (verb === 'been' && (norm(c, to + 2) === 'avoided' || norm(c, to + 2) === 'prevented')) return hit(to + 2, HINDSIGHT);
    if (modal === 'could' && OUTCOMES.has(verb)) return undefined;
    // "should have access", "could have a look": possession, not a past the writer would change.
    if (!isPastParticiple(verb)) return undefined;
    return isPersonHead(c, subjectOf(c, i), ctx) ? hit(to, HINDSIGHT) : undefined;
  }
  if ((w === 'failed' || w === 'fails' || w === 'fail') && norm(c, i + 1) === 'to') {
    return isPersonHead(c, subjectOf(c, i), ctx)
      ? hit(i + 1, "Say what happened instead and why it made sense then (e.g. 'did not restart the pool: the dashboard showed it healthy').")
      : undefined;
  }
  if ((w === 'forgot' || w === 'forgets' || w === 'forgotten' || w === 'neglected') && norm(c, i + 1) === 'to') {
    return hit(i + 1, "Name the reminder or guardrail that was missing (e.g. 'the deploy checklist has no step for the cache flush').");
  }
  if (w === 'if' && norm(c, i + 1) === 'only') {
    const after = norm(c, i + 2);
    // "if only one host fails" is a condition, not a wish.
    if (/^\d/.test(after) || ['one', 'two', 'three', 'a', 'an', 'few', 'some', 'several', 'half', 'part', 'partially'].includes(after)) return undefined;
    return hit(i + 1, 'State the contributing factor directly, without the wish.');
  }
  if (w === 'obviously') return hit(i, 'Drop it: what is obvious now, knowing the outcome, was not obvious then.');
  return undefined;
};

/** The word after `i`, skipping adverbs ("should have just restarted"). */
function nextVerb(c: Clause, i: number): string {
  let k = i;
  while (k < c.length && ADVERBS.has(norm(c, k)) && norm(c, k) !== 'had' && norm(c, k) !== 'have') k++;
  return norm(c, k);
}

const IRREGULAR_PARTICIPLES = any(
  'known', 'seen', 'done', 'gone', 'been', 'taken', 'run', 'sent', 'told', 'caught', 'thought', 'left', 'put', 'read', 'set',
  'shut', 'kept', 'brought', 'built', 'made', 'paid', 'understood', 'heard', 'felt', 'found', 'held', 'lost', 'met', 'said',
  'spent', 'stood', 'written', 'given', 'spoken', 'broken', 'chosen', 'driven', 'fallen', 'forgotten', 'gotten', 'got',
  'hidden', 'woken', 'begun', 'come', 'become', 'let', 'cut', 'hit', 'shown', 'drawn', 'won', 'rung', 'sought', 'taught',
  'withdrawn', 'undone', 'rerun', 'rebuilt', 'rewritten', 'overlooked', 'spun', 'struck',
);

/** "checked", "rolled", "known": the shape of a counterfactual's verb, as opposed to "access" or "a". */
function isPastParticiple(word: string): boolean {
  return IRREGULAR_PARTICIPLES.has(word) || /[a-z]{2,}(?:ed|en)$/.test(word);
}

// ---- character ------------------------------------------------------------------------------
const CHARACTER = any(
  'careless', 'carelessly', 'carelessness', 'lazy', 'lazily', 'laziness', 'negligent', 'negligently', 'negligence',
  'reckless', 'recklessly', 'recklessness', 'sloppy', 'sloppily', 'sloppiness', 'incompetent', 'incompetence',
  'irresponsible', 'irresponsibly', 'stupid', 'stupidly', 'stupidity', 'dumb', 'idiot', 'idiotic', 'inattentive',
  'scapegoat', 'clueless', 'rookie',
);
const BLAME = any('blame', 'blamed', 'blames', 'blaming');
const VCS = any('git', 'svn', 'hg', 'cvs', 'x', 'annotate');
const POSSESSIVE_ADJ = any('his', 'her', 'their', 'my', 'your', 'our', 'whose');
const CHARACTER_HINT = "Describe the action and the situation around it, not the person's character: ask why a reasonable person would have acted the same way.";

export const character: Matcher = (c, i, ctx) => {
  const w = norm(c, i);
  const hit = (from: number, to: number, suggestion: string): Hit => ({ rule: 'character', from, to, suggestion });
  if (CHARACTER.has(w)) return negatedBefore(c, i) ? undefined : hit(i, i, CHARACTER_HINT);
  if (w === 'culprit' || w === 'culprits') return hit(i, i, "Say 'cause', 'trigger' or 'contributing factor', or name the change itself.");
  if (BLAME.has(w)) {
    if (VCS.has(norm(c, i - 1)) || negatedBefore(c, i)) return undefined;
    return hit(i, i, 'Describe the contributing factors instead; blame ends the inquiry where learning should start.');
  }
  if (w === 'fault') {
    if (negatedBefore(c, i)) return undefined;
    const prev = norm(c, i - 1);
    const personal = POSSESSIVE_ADJ.has(prev) || (isPossessive(prev) && prev !== "its") || prev === 'at';
    let ofPerson = false;
    if (norm(c, i + 1) === 'of') for (let j = i + 2; j <= i + 4 && j < c.length; j++) if (isPersonHead(c, j, ctx)) ofPerson = true;
    if (!personal && !ofPerson) return undefined; // "page fault", "fault tolerance": technical, not blame
    return hit(prev === 'at' || POSSESSIVE_ADJ.has(prev) || isPossessive(prev) ? i - 1 : i, i, 'Name the conditions that allowed the failure rather than whose fault it was.');
  }
  return undefined;
};

// ---- person-subject -------------------------------------------------------------------------
const PERSON_VERBS = any('caused', 'causes', 'broke', 'breaks', 'broken', 'forgot', 'forgets', 'forgotten', 'missed', 'misses');
const PASSIVE = any('caused', 'broken', 'forgotten', 'missed');
const PERSON_SUBJECT_HINT = "Make the change or the system the subject, not the person (e.g. 'deploy #42 dropped the index' rather than 'Alice broke the index').";

export const personSubject: Matcher = (c, i, ctx) => {
  const w = norm(c, i);
  const phrasal = (w === 'messed' || w === 'screwed') && norm(c, i + 1) === 'up';
  if (!PERSON_VERBS.has(w) && !phrasal) return undefined;
  const hit = (from: number, to: number): Hit => ({ rule: 'person-subject', from, to, suggestion: PERSON_SUBJECT_HINT });
  const j = subjectOf(c, i);
  if (j >= 0) {
    const head = norm(c, j);
    if (!isPossessive(head) && (ctx.names.has(head) || SINGLING_PRONOUNS.has(head) || isRoleNoun(head))) return hit(j, i);
    // "Alice's deploy broke", "his change caused": the person owns the subject.
    for (let k = j - 1; k >= Math.max(0, j - 2); k--) {
      const owner = norm(c, k);
      if (POSSESSIVE_ADJ.has(owner) && owner !== 'their' && owner !== 'our' && owner !== 'whose') return hit(k, i);
      if (isPossessive(owner) && (ctx.names.has(stripPossessive(owner)) || isRoleNoun(owner))) return hit(k, i);
    }
  }
  // "the outage was caused by Alice"
  if (PASSIVE.has(w) && norm(c, i + 1) === 'by') {
    let k = i + 2;
    while (['the', 'a', 'an', 'our'].includes(norm(c, k))) k++;
    const agent = norm(c, k);
    if (ctx.names.has(stripPossessive(agent)) || OBJECT_PRONOUNS.has(agent) || isRoleNoun(agent)) {
      // "caused by the engineer's change" blames the change's author all the same
      return hit(i, k);
    }
  }
  return undefined;
};

// ---- blame-question -------------------------------------------------------------------------
const WHY_AUX = any('did', "didn't", 'would', "wouldn't", 'were', "weren't", 'was', "wasn't", "haven't", "hasn't", 'do', "don't");
const WHY_FILLERS = any('on', 'earth', 'exactly', 'the', 'hell', 'again', 'then');
const QUESTION_PEOPLE = any('you', 'he', 'she', 'they', 'we');
const WHO_VERBS = any('pushed', 'broke', 'caused', 'deployed', 'merged', 'approved', 'forgot', 'missed', 'shipped', 'released', 'committed', 'signed', 'changed', 'touched', 'ran', 'wrote');
/** Words before "who" that make it the start of a question rather than a relative clause ("the engineer who pushed the fix"). */
const ASKING = any('asked', 'ask', 'asks', 'asking', 'wondered', 'wonder', 'know', 'out', 'determine', 'identify', 'find', 'see', 'tell', 'me');
const QUESTION_HINT = "Ask what and how instead: 'what did you see at the time?', 'how did the change reach production?'";

export const blameQuestion: Matcher = (c, i, ctx) => {
  const w = norm(c, i);
  const hit = (to: number): Hit => ({ rule: 'blame-question', from: i, to, suggestion: QUESTION_HINT });
  if (w === 'why') {
    let a = i + 1;
    while (a <= i + 3 && WHY_FILLERS.has(norm(c, a))) a++; // "why on earth did you"
    if (!WHY_AUX.has(norm(c, a))) return undefined;
    const who = norm(c, a + 1);
    if (QUESTION_PEOPLE.has(who) || ctx.names.has(who) || isRoleNoun(who)) return hit(a + 1);
    if (who === 'the' && isRoleNoun(norm(c, a + 2))) return hit(a + 2);
    return undefined;
  }
  if (w === 'whose' && norm(c, i + 1) === 'fault') return hit(i + 1);
  if (w === 'who' || w === "who's") {
    // A "who" opening the sentence or a line asks; one after a comma starts a relative clause ("Carol, who deployed the fix").
    const asks = (i === 0 && c[0]?.after !== ',') || ASKING.has(norm(c, i - 1));
    if (!asks) return undefined;
    const next = norm(c, i + 1);
    if (WHO_VERBS.has(next)) return hit(i + 1);
    if (next === 'did' && ['this', 'that', 'it'].includes(norm(c, i + 2))) return hit(i + 2);
    if ((next === 'is' || next === 'was' || w === "who's") && ['responsible', 'to'].includes(norm(c, w === "who's" ? i + 1 : i + 2))) {
      const end = w === "who's" ? i + 1 : i + 2;
      return hit(norm(c, end) === 'to' && BLAME.has(norm(c, end + 1)) ? end + 1 : end);
    }
  }
  return undefined;
};

// ---- not-actionable -------------------------------------------------------------------------
/** Each entry: the words of a vague action, alternatives separated by "|"; "?" marks an optional word. */
const VAGUE: readonly string[][] = [
  ['investigate|investigates|investigating'],
  ['look|looking', 'into|at'],
  ['be', 'more?', 'careful|vigilant|aware|cautious'],
  ['more', 'carefully'],
  ['pay', 'more|closer?', 'attention'],
  ['remember', 'to'],
  ['try', 'harder|to'],
  ['keep', 'an', 'eye'],
  ['think', 'about'],
  ['consider|considering'],
];
/** Words after which a vague verb is the action itself ("we should investigate", "need to look into"). */
const LEADS = any('should', 'must', 'will', 'shall', 'please', 'and', 'or', 'then', 'we', "let's", 'let', 'everyone', 'engineers', 'team');
const LEADS_TO = any('need', 'needs', 'have', 'has', 'going', 'want', 'ought', 'try');
const ACTION_HINT = "Write a change someone can finish and check: start with a concrete verb (add, remove, alert, automate, document), say when it is done, and give it an owner and a due date (e.g. 'Add an alert when 5xx > 1% for 5 minutes').";

function matchPhrase(c: Clause, i: number, phrase: readonly string[]): number {
  let k = i;
  for (const part of phrase) {
    const optional = part.endsWith('?');
    const alts = (optional ? part.slice(0, -1) : part).split('|');
    if (alts.includes(norm(c, k))) k++;
    else if (!optional) return -1;
  }
  return k - 1;
}

export const notActionable: Matcher = (c, i, ctx) => {
  if (!ctx.actionItems) return undefined;
  for (const phrase of VAGUE) {
    const to = matchPhrase(c, i, phrase);
    if (to < i) continue;
    let p = i - 1;
    while (p >= 0 && ADVERBS.has(norm(c, p))) p--;
    // Only the item's own verb counts: "Add a runbook step to investigate disk usage" is a concrete action.
    const leading = p < 0 || /^(a\d+|todo|p[0-3]|action|x)$/.test(norm(c, p)) && p === 0;
    const led = p >= 0 && (LEADS.has(norm(c, p)) || (norm(c, p) === 'to' && LEADS_TO.has(norm(c, p - 1))));
    if (leading || led) return { rule: 'not-actionable', from: i, to, suggestion: ACTION_HINT };
  }
  return undefined;
};

/** In priority order: when two matches overlap, the earlier rule's is kept. */
export const MATCHERS: ReadonlyArray<readonly [RuleId, Matcher]> = [
  ['blame-question', blameQuestion],
  ['person-subject', personSubject],
  ['human-error', humanError],
  ['counterfactual', counterfactual],
  ['character', character],
  ['not-actionable', notActionable],
];
