/**
 * Questions authentication asks the user: a key's passphrase, a password, keyboard-interactive
 * prompts (OTP, Duo). Answers live in memory only, for as long as the connect that asked needs them.
 */
export type AuthPromptKind = 'passphrase' | 'password' | 'keyboard-interactive';

export interface AuthPrompt {
  promptId: string;
  alias: string;
  kind: AuthPromptKind;
  /** The question as ssh words it: "Enter passphrase for key '/root/.ssh/id_ed25519'", "ops@web1's password". */
  title: string;
  /** Server-sent instructions (keyboard-interactive), possibly empty. */
  instructions: string;
  prompts: Array<{ prompt: string; echo: boolean }>;
}

/** What the connector asks; `signature` identifies "the same question" across hosts of one connect. */
export interface AuthQuestion {
  alias: string;
  kind: AuthPromptKind;
  title: string;
  instructions: string;
  prompts: Array<{ prompt: string; echo: boolean }>;
  signature: string;
}

/** Resolves with one answer per prompt, or null when the user declines (the method is skipped). */
export type AskAuth = (q: AuthQuestion, signal: AbortSignal) => Promise<string[] | null>;
