import { z } from 'zod';

/** A host alias as the user writes it in a target: an ssh config Host, a practice host, an inventory name. */
export const HostAlias = z.string().min(1).max(255).regex(/^[^\s\0]+$/, 'a host alias has no whitespace');

export const HostSource = z.enum(['ssh-config', 'practice', 'inventory']);
export type HostSource = z.infer<typeof HostSource>;

/** A host resolved the way OpenSSH would resolve it, ready to connect to. */
export const Host = z.object({
  alias: HostAlias,
  hostname: z.string().min(1),
  port: z.number().int().min(1).max(65535),
  user: z.string().min(1),
  groups: z.array(z.string()),
  source: HostSource,
  proxyJump: z.array(z.string()),
  identityFiles: z.array(z.string()),
});
export type Host = z.infer<typeof Host>;

export const SessionId = z.string().min(1).max(128);
export type SessionId = z.infer<typeof SessionId>;

/** Lifecycle of one interactive shell, as shown on its pane. */
export const SessionState = z.enum(['connecting', 'verifying', 'authenticating', 'ready', 'reconnecting', 'down', 'closed']);
export type SessionState = z.infer<typeof SessionState>;

export const SessionInfo = z.object({
  sessionId: SessionId,
  alias: HostAlias,
  hostname: z.string(),
  state: SessionState,
  /** Why the session is down or closed, in words that name the host and the file or line at fault. */
  reason: z.string().optional(),
  attempt: z.number().int().nonnegative().optional(),
});
export type SessionInfo = z.infer<typeof SessionInfo>;

export const HostKeyDecision = z.enum(['accept-once', 'accept-save', 'reject']);
export type HostKeyDecision = z.infer<typeof HostKeyDecision>;

/** An unknown host key waiting for the user's word. Nothing is sent to the host until it is answered. */
export const HostKeyPrompt = z.object({
  promptId: z.string().min(1).max(128),
  alias: HostAlias,
  host: z.string(),
  port: z.number().int(),
  keyType: z.string(),
  /** OpenSSH style: SHA256:base64-without-padding */
  fingerprint: z.string(),
  knownHostsFile: z.string(),
});
export type HostKeyPrompt = z.infer<typeof HostKeyPrompt>;
