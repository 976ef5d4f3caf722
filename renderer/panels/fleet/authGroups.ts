import type { AuthPrompt } from '../../../shared/model/run';

/** One question as the window shows it: the hosts that asked it the same way, oldest first. */
export interface AuthGroup {
  key: string;
  /** The prompt an answer goes to first; the card is keyed by it. */
  first: AuthPrompt;
  prompts: AuthPrompt[];
  aliases: string[];
}

/**
 * What makes two hosts' questions "the same": kind, wording, instructions and prompts, with the
 * host's own alias taken out of the wording (ssh titles a password question "user@alias's password").
 * The Node side decides what "for all hosts" really covers; this only decides what is shown once.
 */
export function authQuestionKey(p: AuthPrompt): string {
  // Only the "user@alias" form ssh itself writes: an alias such as "a" must not eat other words.
  const hostPart = `@${p.alias}`;
  const at = p.title.lastIndexOf(hostPart);
  const end = at + hostPart.length;
  const ownsHost = at >= 0 && (end === p.title.length || p.title[end] === "'");
  const title = ownsHost ? `${p.title.slice(0, at)}@\0host\0${p.title.slice(end)}` : p.title;
  return JSON.stringify([p.kind, title, p.instructions, p.prompts.map((q) => [q.prompt, q.echo])]);
}

/** Groups waiting prompts by question, in the order the first of each was asked. */
export function groupAuthPrompts(prompts: readonly AuthPrompt[]): AuthGroup[] {
  const groups = new Map<string, AuthGroup>();
  for (const p of prompts) {
    const key = authQuestionKey(p);
    const g = groups.get(key);
    if (g) {
      g.prompts.push(p);
      if (!g.aliases.includes(p.alias)) g.aliases.push(p.alias);
    } else groups.set(key, { key, first: p, prompts: [p], aliases: [p.alias] });
  }
  return [...groups.values()];
}

const KIND_WORDS: Record<AuthPrompt['kind'], string> = {
  passphrase: 'Key passphrase',
  password: 'Password',
  'keyboard-interactive': 'Keyboard-interactive',
};

export function authKindLabel(kind: AuthPrompt['kind']): string {
  return KIND_WORDS[kind];
}
