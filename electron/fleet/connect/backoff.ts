/** Reconnect delays: exponential with "equal jitter" (half fixed, half random), so a fleet that
 * lost its network together does not come back as one thundering herd. */
export interface ReconnectPolicy {
  /** Attempts after a loss before the session is left down. */
  maxAttempts: number;
  baseMs: number;
  maxMs: number;
}

export const DEFAULT_RECONNECT: ReconnectPolicy = { maxAttempts: 8, baseMs: 1000, maxMs: 30_000 };

/** Delay before attempt n (1-based). */
export function backoffDelay(attempt: number, p: ReconnectPolicy, random: () => number = Math.random): number {
  const ceiling = Math.min(p.maxMs, p.baseMs * 2 ** Math.max(0, attempt - 1));
  return Math.round(ceiling / 2 + random() * (ceiling / 2));
}
