/**
 * The rule table: what each rule flags and the guidance it comes from, quoted briefly. rules.md
 * beside this file explains the choices and the known limits; the suggestions live with the
 * matchers (matchers.ts), since they depend on what was matched.
 */
import type { RuleId } from './finding';

export interface RuleSource {
  name: string;
  url: string;
  quote: string;
}

export interface Rule {
  title: string;
  /** What is flagged, in a line. */
  flags: string;
  sources: RuleSource[];
}

const PD_BLAMELESS = 'https://github.com/PagerDuty/postmortem-docs/blob/162e92c32c07afae42f8b5e6d22a1f82e23a292f/docs/culture/blameless.md';
const PD_WRITING = 'https://github.com/PagerDuty/postmortem-docs/blob/162e92c32c07afae42f8b5e6d22a1f82e23a292f/docs/how_to_write/writing.md';
const ETSY = 'https://codeascraft.com/2012/05/22/blameless-postmortems/';
const GOOGLE = 'https://sre.google/sre-book/postmortem-culture/';

export const RULES: Record<RuleId, Rule> = {
  'human-error': {
    title: '"Human error" as a cause',
    flags: '"human error", "operator error", "user error", "pilot error" (not when denied: "not human error")',
    sources: [
      { name: "Etsy, Blameless PostMortems and a Just Culture", url: ETSY, quote: 'This is the traditional view of "human error", which focuses on the characteristics of the individuals involved.' },
      { name: 'PagerDuty postmortem docs, writing.md', url: PD_WRITING, quote: "An individual's action should never be considered a root cause." },
    ],
  },
  counterfactual: {
    title: 'Counterfactuals and hindsight',
    flags: '"should have", "could have", "failed to" with a person as subject; "forgot to", "neglected to", "if only", "obviously"',
    sources: [
      { name: 'PagerDuty postmortem docs, writing.md', url: PD_WRITING, quote: 'Avoid evaluating what should or should not have been done and coming to conclusions about what caused the incident.' },
      { name: 'PagerDuty postmortem docs, blameless.md', url: PD_BLAMELESS, quote: 'Knowing the outcome, it is easy to see the event as being predictable despite there having been little or no objective basis for predicting it.' },
    ],
  },
  character: {
    title: 'Character words and blame',
    flags: '"careless", "lazy", "negligent", "reckless", "sloppy", "incompetent"...; "blame" (not "git blame"); a person\'s "fault", "at fault"; "culprit"',
    sources: [
      { name: 'PagerDuty postmortem docs, blameless.md', url: PD_BLAMELESS, quote: "This view attaches an individual's character to their actions, assuming negligence or bad intent leads to the error." },
      { name: "Etsy, Blameless PostMortems and a Just Culture", url: ETSY, quote: 'What do you do with those careless humans who caused everyone to have a bad day?' },
    ],
  },
  'person-subject': {
    title: 'A person as the cause',
    flags: 'a name from the journal (or he/she/I/you/someone, or a role like "the on-call") as the subject of "caused", "broke", "forgot", "missed"; "caused by Alice"; "Alice\'s deploy caused"',
    sources: [
      { name: 'Google SRE book, Postmortem Culture', url: GOOGLE, quote: 'it must focus on identifying the contributing causes of the incident without indicting any individual or team for bad or inappropriate behavior.' },
      { name: 'PagerDuty postmortem docs, blameless.md', url: PD_BLAMELESS, quote: 'A blameless postmortem stays focused on how a mistake was made instead of who made it.' },
    ],
  },
  'blame-question': {
    title: '"Why did you" and "who pushed" questions',
    flags: '"why did/didn\'t/would you (he, she, they, a name)", "who pushed/broke/caused/deployed/approved...", "whose fault", "who is responsible"',
    sources: [
      { name: 'PagerDuty postmortem docs, blameless.md', url: PD_BLAMELESS, quote: 'Ask "what" and "how" questions rather than "who" or "why."' },
    ],
  },
  'not-actionable': {
    title: 'Action items that are not actionable',
    flags: 'in the action items only, as the item\'s own verb: "investigate", "look into", "be (more) careful", "pay attention", "remember to", "try to", "consider"...',
    sources: [
      { name: 'PagerDuty postmortem docs, writing.md (after Lunney, Lueder and Beyer, ;login: Spring 2017)', url: PD_WRITING, quote: 'Phrase each action item as a sentence starting with a verb. The action should result in a useful outcome. ... Poorly worded: Investigate monitoring for this scenario.' },
      { name: 'Google SRE book, Postmortem Culture', url: GOOGLE, quote: 'A postmortem is a written record of an incident, its impact, the actions taken to mitigate or resolve it, the root cause(s), and the follow-up actions to prevent the incident from recurring.' },
    ],
  },
};
