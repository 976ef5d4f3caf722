import type { AuthPrompt } from '../../shared/model/run';
import type { Slice } from './types';

/**
 * Authentication questions waiting for the user. Only the questions live here: answers stay in the
 * prompt's own inputs until submit, so a password never enters the store.
 */
export interface AuthSlice {
  authPrompts: AuthPrompt[];
  addAuthPrompts(prompts: readonly AuthPrompt[]): void;
  removeAuthPrompt(promptId: string): void;
  /** Replaces everything with the Node side's view, e.g. after the socket reconnects. */
  resetAuthPrompts(prompts: readonly AuthPrompt[]): void;
}

export const createAuthSlice: Slice<AuthSlice> = (set, get) => ({
  authPrompts: [],
  addAuthPrompts: (prompts) => {
    const known = new Set(get().authPrompts.map((p) => p.promptId));
    const fresh = prompts.filter((p) => !known.has(p.promptId));
    if (fresh.length > 0) set({ authPrompts: [...get().authPrompts, ...fresh] });
  },
  removeAuthPrompt: (promptId) => {
    const rest = get().authPrompts.filter((p) => p.promptId !== promptId);
    if (rest.length !== get().authPrompts.length) set({ authPrompts: rest });
  },
  resetAuthPrompts: (prompts) => set({ authPrompts: [...prompts] }),
});
