/**
 * Replaying terminal recordings at a moment of the timeline: what crosses the contract (bounded
 * frames of one asciicast per host), and how a player finds its place in them. Pure, so the Node
 * side, the window and the tests agree.
 */
import { z } from 'zod';

/** At most this much output per recording crosses for one replay; the rest is cut (and said so). */
export const MAX_REPLAY_CHARS = 512 * 1024;
/** Output before the replay's start, written at once so the screen is as it was; kept to its end. */
export const MAX_PRELUDE_CHARS = 64 * 1024;
export const MAX_REPLAY_FRAMES = 20_000;
export const MAX_REPLAY_CASTS = 64;
/** The longest stretch one replay covers. */
export const MAX_REPLAY_SPAN_MS = 60 * 60_000;

/** `[ms from the replay's start, kind, data]`: output (`o`) or a resize to `COLSxROWS` (`r`). */
export const ReplayFrame = z.tuple([z.number().nonnegative(), z.enum(['o', 'r']), z.string()]);
export type ReplayFrame = z.infer<typeof ReplayFrame>;

export const ReplayCast = z.object({
  alias: z.string(),
  /** Relative to the incident folder. */
  file: z.string(),
  width: z.number().int().positive(),
  height: z.number().int().positive(),
  /** When the recording began (UTC ISO). */
  startedAt: z.string(),
  /** sealed: its bytes match its latest `recording.sealed`; open: not sealed yet (the session is live); changed: it differs from its seal. */
  seal: z.enum(['sealed', 'open', 'changed']),
  /** Output before the replay's start, its last MAX_PRELUDE_CHARS. */
  prelude: z.string().max(MAX_PRELUDE_CHARS),
  frames: z.array(ReplayFrame).max(MAX_REPLAY_FRAMES),
  /** Frames past the bounds were left out. */
  truncated: z.boolean(),
});
export type ReplayCast = z.infer<typeof ReplayCast>;

/** The first frame at or after `ms`, by binary search (frames are in time order). */
export function frameIndexAt(frames: readonly ReplayFrame[], ms: number): number {
  let lo = 0;
  let hi = frames.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (frames[mid]![0] < ms) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** Parses `COLSxROWS` of a resize frame. */
export function resizeOf(data: string): { cols: number; rows: number } | undefined {
  const m = /^(\d{1,4})x(\d{1,4})$/.exec(data);
  if (!m) return undefined;
  const cols = Number(m[1]);
  const rows = Number(m[2]);
  return cols >= 2 && rows >= 1 && cols <= 1000 && rows <= 500 ? { cols, rows } : undefined;
}
