/**
 * Who is acting, as recorded on the timeline: the one resolution for the CLI, browser mode and the
 * desktop app, so `WARROOM_ACTOR=dana warroom web` writes "dana" as `warroom log` does.
 */
import os from 'node:os';

/** WARROOM_ACTOR (trimmed) when set, else the OS user, else "unknown" (no user entry, e.g. a bare container uid). */
export function resolveActor(env: NodeJS.ProcessEnv): string {
  const named = env.WARROOM_ACTOR?.trim();
  if (named) return named;
  try {
    return os.userInfo().username;
  } catch {
    return 'unknown';
  }
}
