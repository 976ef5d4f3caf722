import { describe, expect, it } from 'vitest';
import type { AuthPrompt } from '../../../shared/model/run';
import { createWarroomStore } from '../../../renderer/store';

const ask = (id: string): AuthPrompt => ({ promptId: id, alias: `h${id}`, kind: 'password', title: 't', instructions: '', prompts: [{ prompt: 'Password: ', echo: false }] });

describe('auth prompt slice', () => {
  it('adds each question once, removes it when settled, and takes the Node side view on resync', () => {
    const store = createWarroomStore();
    store.getState().addAuthPrompts([ask('1'), ask('2')]);
    store.getState().addAuthPrompts([ask('2'), ask('3')]);
    expect(store.getState().authPrompts.map((p) => p.promptId)).toEqual(['1', '2', '3']);
    store.getState().removeAuthPrompt('2');
    store.getState().removeAuthPrompt('nope');
    expect(store.getState().authPrompts.map((p) => p.promptId)).toEqual(['1', '3']);
    store.getState().resetAuthPrompts([ask('9')]);
    expect(store.getState().authPrompts.map((p) => p.promptId)).toEqual(['9']);
  });
});
