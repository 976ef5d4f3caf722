/**
 * Questions authentication asks the user: a key's passphrase, a password, keyboard-interactive
 * prompts (OTP, Duo). Answers live in memory only, for as long as the connect that asked needs them.
 */
import type { AuthPrompt } from '../../../shared/model/run';

/** The prompt as the window gets it (shared/model/run.ts). */
export type { AuthPrompt };
export type AuthPromptKind = AuthPrompt['kind'];

/** What the connector asks: the prompt without its id; `signature` identifies "the same question" across hosts of one connect. */
export type AuthQuestion = Omit<AuthPrompt, 'promptId'> & { signature: string };

/** Resolves with one answer per prompt, or null when the user declines (the method is skipped). */
export type AskAuth = (q: AuthQuestion, signal: AbortSignal) => Promise<string[] | null>;
