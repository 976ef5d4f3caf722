import { describe, expect, it } from 'vitest';
import type { AuthPrompt } from '../../../shared/model/run';
import { authKindLabel, authQuestionKey, groupAuthPrompts } from '../../../renderer/panels/fleet/authGroups';

function password(id: string, alias: string, user = 'ops'): AuthPrompt {
  return { promptId: id, alias, kind: 'password', title: `${user}@${alias}'s password`, instructions: '', prompts: [{ prompt: 'Password: ', echo: false }] };
}

describe('authentication questions shown once per question', () => {
  it('groups hosts asking the same password question, the alias taken out of the wording', () => {
    const groups = groupAuthPrompts([password('a', 'web1'), password('b', 'web2'), password('c', 'web3')]);
    expect(groups).toHaveLength(1);
    expect(groups[0]!.first.promptId).toBe('a');
    expect(groups[0]!.aliases).toEqual(['web1', 'web2', 'web3']);
    expect(groups[0]!.prompts.map((p) => p.promptId)).toEqual(['a', 'b', 'c']);
  });

  it('keeps different users, kinds, instructions and prompts apart, in the order first asked', () => {
    const otp: AuthPrompt = {
      promptId: 'k1',
      alias: 'db1',
      kind: 'keyboard-interactive',
      title: 'Duo',
      instructions: 'Enter a passcode',
      prompts: [{ prompt: 'Passcode: ', echo: true }],
    };
    const otpOther = { ...otp, promptId: 'k2', alias: 'db2', instructions: 'Push sent' };
    const otpSame = { ...otp, promptId: 'k3', alias: 'db3' };
    const otpEcho = { ...otp, promptId: 'k4', alias: 'db4', prompts: [{ prompt: 'Passcode: ', echo: false }] };
    const groups = groupAuthPrompts([password('a', 'web1'), otp, password('b', 'web2', 'root'), otpOther, otpSame, otpEcho, password('c', 'web3')]);
    expect(groups.map((g) => g.prompts.map((p) => p.promptId))).toEqual([['a', 'c'], ['k1', 'k3'], ['b'], ['k2'], ['k4']]);
  });

  it('treats a passphrase for the same key file as one question whichever host asks', () => {
    const ask = (id: string, alias: string, path: string): AuthPrompt => ({
      promptId: id,
      alias,
      kind: 'passphrase',
      title: `Enter passphrase for key '${path}'`,
      instructions: '',
      prompts: [{ prompt: 'Passphrase: ', echo: false }],
    });
    const keys = [ask('1', 'a', '/k/one'), ask('2', 'b', '/k/one'), ask('3', 'c', '/k/two')];
    expect(authQuestionKey(keys[0]!)).toBe(authQuestionKey(keys[1]!));
    expect(groupAuthPrompts(keys).map((g) => g.aliases)).toEqual([['a', 'b'], ['c']]);
  });

  it('names each kind in words', () => {
    expect(authKindLabel('passphrase')).toBe('Key passphrase');
    expect(authKindLabel('password')).toBe('Password');
    expect(authKindLabel('keyboard-interactive')).toBe('Keyboard-interactive');
  });
});

describe('the host in the wording', () => {
  it('is only the user@alias part ssh writes, not any word that contains the alias', () => {
    const kbd = (id: string, alias: string, title: string): AuthPrompt => ({
      promptId: id, alias, kind: 'keyboard-interactive', title, instructions: '', prompts: [{ prompt: 'Code: ', echo: false }],
    });
    expect(authQuestionKey(kbd('1', 'a', 'ops@a'))).toBe(authQuestionKey(kbd('2', 'b', 'ops@b')));
    // A server's own wording is compared as written.
    expect(authQuestionKey(kbd('1', 'a', 'Duo for a team'))).not.toBe(authQuestionKey(kbd('2', 'b', 'Duo for b team')));
    expect(authQuestionKey(kbd('1', 'a', 'ops@a.example'))).not.toBe(authQuestionKey(kbd('2', 'b', 'ops@b.example')));
    expect(authQuestionKey(kbd('1', 'a', 'Duo'))).toBe(authQuestionKey(kbd('2', 'b', 'Duo')));
  });
});
