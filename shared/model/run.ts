import { z } from 'zod';
import { HostAlias } from './host';

export const FailureKind = z.enum(['hostkey', 'auth', 'timeout', 'unreachable', 'lost', 'config', 'exec', 'cancelled']);

/** One host's part of a run on targets, as `warroom run --json` reports it. */
export const HostRunResult = z.object({
  alias: z.string(),
  hostname: z.string(),
  exitCode: z.number().int().nullable(),
  signal: z.string().nullable(),
  stdout: z.string(),
  stderr: z.string(),
  /** The last 4 KiB of stdout and stderr as they arrived: what the timeline keeps. */
  tail: z.string(),
  durationMs: z.number().nonnegative(),
  failure: z.object({ kind: FailureKind, message: z.string() }).optional(),
});
export type HostRunResult = z.infer<typeof HostRunResult>;

export const RunReply = z.object({
  command: z.string(),
  startedAt: z.string(),
  durationMs: z.number().nonnegative(),
  exitCode: z.number().int(),
  hosts: z.array(HostRunResult),
  /** The output grouped as `dshbak -c` groups it: the hosts that printed the same thing, together. */
  collated: z.string(),
});
export type RunReply = z.infer<typeof RunReply>;

/** Names one run so that its progress events and a cancel reach it; chosen by whoever starts the run. */
export const RunId = z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, 'a run id is 1-64 letters, digits, - or _');

/**
 * How far a run is: `done` counts every host that finished (failed ones too), `failed` those that
 * finished with a failure or a non-zero exit, `running` those connecting or running, `waiting`
 * those queued behind the fan-out.
 */
export const RunCounts = z.object({
  total: z.number().int().nonnegative(),
  waiting: z.number().int().nonnegative(),
  running: z.number().int().nonnegative(),
  done: z.number().int().nonnegative(),
  failed: z.number().int().nonnegative(),
});
export type RunCounts = z.infer<typeof RunCounts>;

/** Whether a finished host counts as failed: it could not run the command, or it exited non-zero. */
export function hostFailed(h: { exitCode: number | null; failure?: unknown }): boolean {
  return h.failure !== undefined || h.exitCode !== 0;
}

/** "12/64 done · 8 running · 44 waiting · 1 failed": parts that are zero are left out, except done. */
export function progressText(c: RunCounts): string {
  const parts = [`${c.done}/${c.total} done`];
  if (c.running > 0) parts.push(`${c.running} running`);
  if (c.waiting > 0) parts.push(`${c.waiting} waiting`);
  if (c.failed > 0) parts.push(`${c.failed} failed`);
  return parts.join(' · ');
}

export const RunRequest = z
  .object({
    /** Progress of this run arrives as `run.progress` and `run.host` events with this id. */
    runId: RunId.optional(),
    aliases: z.array(HostAlias).min(1).max(2000),
    command: z.string().trim().min(1).max(64 * 1024),
    timeoutS: z.number().int().min(1).max(3600).optional(),
  })
  .strict();

/** A question authentication asks: a passphrase, a password, or keyboard-interactive prompts (OTP). */
export const AuthPrompt = z.object({
  promptId: z.string().min(1).max(128),
  alias: z.string(),
  kind: z.enum(['passphrase', 'password', 'keyboard-interactive']),
  /** The question as ssh words it: "Enter passphrase for key '/root/.ssh/id_ed25519'", "ops@web1's password". */
  title: z.string(),
  /** Server-sent instructions (keyboard-interactive), possibly empty. */
  instructions: z.string(),
  prompts: z.array(z.object({ prompt: z.string(), echo: z.boolean() })),
});
export type AuthPrompt = z.infer<typeof AuthPrompt>;
