/** Each rule of the blameless lint on its own: what it flags, what it leaves, and where. */
import { describe, expect, it } from 'vitest';
import { lintText, nameWords } from '../../../../shared/writeup/lint/lint';
import { RULES } from '../../../../shared/writeup/lint/rules';
import { RuleId } from '../../../../shared/writeup/lint/finding';

const people = ['Alice', 'Bob Jones', 'carol.s'];
const found = (text: string, actionItems = false) => lintText(text, { people, actionItems }).map((f) => [f.rule, f.words]);

describe('human-error', () => {
  it('flags "human error" and "operator error", with offsets into the text', () => {
    const [f] = lintText('Root cause: human error.');
    expect(f).toMatchObject({ rule: 'human-error', words: 'human error', start: 12, end: 23, line: 1, column: 13 });
    expect(found('It was operator error, again.')).toEqual([['human-error', 'operator error']]);
  });
  it('leaves a denial and technical error rates alone', () => {
    expect(found('This was not human error: the console had no confirmation.')).toEqual([]);
    expect(found('The error rate on human-facing endpoints rose.')).toEqual([]);
    expect(found('The user error rate stayed flat and the operator error log was empty.')).toEqual([]);
  });
});

describe('counterfactual', () => {
  it('flags should/could have with a person as subject', () => {
    expect(found('Alice should have checked the lag.')).toEqual([['counterfactual', 'should have']]);
    expect(found('We could have paged earlier.')).toEqual([['counterfactual', 'could have']]);
    expect(found("The on-call shouldn't have restarted it.")).toEqual([['counterfactual', "shouldn't have"]]);
    expect(found('Bob should really have waited.')).toEqual([['counterfactual', 'should really have']]);
  });
  it('leaves should/could have with a system as subject, risks and obligations', () => {
    expect(found('The health check should have returned 200 but returned 503.')).toEqual([]);
    expect(found('We could have lost writes if the primary had not recovered.')).toEqual([]);
    expect(found('Nobody should have to wake up for this alert.')).toEqual([]);
    expect(found('Engineers should have access to staging; we should have a second responder.')).toEqual([]);
  });
  it('flags "could have been avoided" whatever the subject', () => {
    expect(found('This could have been avoided.')).toEqual([['counterfactual', 'could have been avoided']]);
  });
  it('flags "failed to" only after a person', () => {
    expect(found('Carol.s failed to follow the runbook.')).toEqual([['counterfactual', 'failed to']]);
    expect(found('The deploy failed to start.')).toEqual([]);
    expect(found('Users failed to log in for ten minutes.')).toEqual([]);
  });
  it('flags "forgot to", "if only" and "obviously" whatever the subject', () => {
    expect(found('The script forgot to flush.')).toEqual([['counterfactual', 'forgot to']]);
    expect(found('If only we had a canary.')).toEqual([['counterfactual', 'If only']]);
    expect(found('Obviously the lock would block writes.')).toEqual([['counterfactual', 'Obviously']]);
    expect(found('If only one replica fails, traffic shifts.')).toEqual([]);
  });
});

describe('character', () => {
  it('flags character words, personal fault and blame, and culprits', () => {
    expect(found('A careless change and a lazy review.')).toEqual([['character', 'careless'], ['character', 'lazy']]);
    expect(found("It's Bob's fault.")).toEqual([['character', "Bob's fault"]]);
    expect(found('The operator is at fault.')).toEqual([['character', 'at fault']]);
    expect(found('They blamed the new hire.')).toEqual([['character', 'blamed']]);
    expect(found('The culprit was a cron job.')).toEqual([['character', 'culprit']]);
  });
  it('leaves technical faults, git blame and denials alone', () => {
    expect(found('A page fault storm; fault tolerance held.')).toEqual([]);
    expect(found('We ran git blame on the file.')).toEqual([]);
    expect(found("This was nobody's fault, and no one is to blame.")).toEqual([]);
    expect(found('It was a race condition, not carelessness.')).toEqual([]);
  });
});

describe('person-subject', () => {
  it("flags a person's name as the subject of caused, broke, forgot, missed", () => {
    expect(found('Alice broke the login service.')).toEqual([['person-subject', 'Alice broke']]);
    expect(found('Jones missed the review.')).toEqual([['person-subject', 'Jones missed']]);
    expect(found("Alice's deploy caused the spike.")).toEqual([['person-subject', "Alice's deploy caused"]]);
    expect(found('The outage was caused by Bob.')).toEqual([['person-subject', 'caused by Bob']]);
    expect(found('Alice forgot to drain it.')).toEqual([['person-subject', 'Alice forgot']]);
  });
  it('leaves systems as subjects and names that are not in the journal', () => {
    expect(found('The cron job caused a spike.')).toEqual([]);
    expect(found('The outage was caused by a missing index.')).toEqual([]);
    expect(found('Mallory broke the build.')).toEqual([]);
    expect(found('Alice rolled back at 14:20.')).toEqual([]);
  });
  it('reads names as single words: parts of full names and logins', () => {
    expect([...nameWords(['Bob Jones', 'carol.s', 'root', ' '])].sort()).toEqual(['bob', 'carol.s', 'jones']);
  });
});

describe('blame-question', () => {
  it('flags "why did you" and "who pushed" questions', () => {
    expect(found('Why did you push on Friday?')).toEqual([['blame-question', 'Why did you']]);
    expect(found('Who pushed this change?')).toEqual([['blame-question', 'Who pushed']]);
    expect(found('We need to find out who deployed it.')).toEqual([['blame-question', 'who deployed']]);
  });
  it('leaves what/how questions and relative clauses alone', () => {
    expect(found('What did you see on the dashboard?')).toEqual([]);
    expect(found('The engineer who pushed the fix updated the runbook.')).toEqual([]);
    expect(found('Carol, who deployed the fix, confirmed recovery.')).toEqual([]);
  });
  it('reads past fillers: "why on earth did you"', () => {
    expect(found('Why on earth did you restart every node?')).toEqual([['blame-question', 'Why on earth did you']]);
  });
});

describe('not-actionable', () => {
  it('flags vague verbs only in action items, only as the item\'s own verb', () => {
    const items = '- Investigate the leak\n- Add an alert on 5xx\n- Be more careful with deploys\n- A3: look into DNS\n- Add a runbook step to investigate disk usage';
    expect(found(items, true)).toEqual([['not-actionable', 'Investigate'], ['not-actionable', 'Be more careful'], ['not-actionable', 'look into']]);
    expect(found(items, false)).toEqual([]);
    expect(found('We looked into the logs at 03:12.', false)).toEqual([]);
  });
});

describe('what the lint does not read', () => {
  it('skips code, quotes, links and URLs', () => {
    const text = [
      'We ran `git blame` and `echo human error`.',
      '```',
      'Alice broke it # a comment in a shell session',
      '```',
      'The alert said "operator error: retry" twice.',
      'See [the log](https://example.com/blame/culprit) and https://example.com/human-error.',
    ].join('\n');
    expect(found(text)).toEqual([]);
  });
  it('keeps offsets exact after masking and across lines', () => {
    const text = 'Ran `x`.\nThen it was *obviously* human error.';
    const fs = lintText(text);
    expect(fs.map((f) => [f.words, text.slice(f.start, f.end), f.line, f.column])).toEqual([
      ['obviously', 'obviously', 2, 14],
      ['human error', 'human error', 2, 25],
    ]);
  });
});

describe('rule table', () => {
  it('documents every rule with a source URL and a quote', () => {
    for (const id of RuleId.options) {
      expect(RULES[id].title).not.toBe('');
      expect(RULES[id].sources.length).toBeGreaterThan(0);
      for (const s of RULES[id].sources) expect(s.url).toMatch(/^https:\/\//);
    }
  });
});
