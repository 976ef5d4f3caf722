import type { SessionInfo } from '../../shared/model/host';
import type { Slice } from './types';

/** A multi-line paste held back until the user confirms it goes to every target. */
export interface PendingPaste {
  data: string;
  lines: number;
  fromSessionId: string;
  /** Why one of its lines is dangerous; the user then types the host count to send it. */
  danger?: string;
}

/**
 * A dangerous line typed into a broadcast, held at Enter: its text is on every target's prompt,
 * the Enter goes out only after the user types the host count, or runs a canary first.
 */
export interface HeldCommand {
  line: string;
  reason: string;
  /** Cursor keys or completion were used: the shell's line may differ from `line`. */
  uncertain: boolean;
  /** Session ids the line was typed into, in pane order. */
  targets: string[];
  /** The pane it was typed in, which gets the keyboard back once the line is settled. */
  from: string;
  phase: 'confirm' | 'canary';
  /** The session that ran the line first, in the canary phase. */
  canary?: string;
}

export interface BroadcastSlice {
  broadcastOn: boolean;
  /** Sessions the user took out of broadcast; they get keys again when broadcast is off. */
  excluded: Record<string, true>;
  pendingPaste: PendingPaste | null;
  heldCommand: HeldCommand | null;
  setBroadcast(on: boolean): void;
  setHeldCommand(held: HeldCommand | null): void;
  setExcluded(sessionId: string, excluded: boolean): void;
  /** Replaces the whole excluded set (e.g. "broadcast to the web group only"). */
  setExcludedOnly(sessionIds: readonly string[]): void;
  setPendingPaste(paste: PendingPaste | null): void;
}

export const createBroadcastSlice: Slice<BroadcastSlice> = (set, get) => ({
  broadcastOn: false,
  excluded: {},
  pendingPaste: null,
  heldCommand: null,
  setHeldCommand: (held) => set({ heldCommand: held }),
  setBroadcast: (on) => set({ broadcastOn: on, pendingPaste: on ? get().pendingPaste : null }),
  setExcluded: (sessionId, excluded) => {
    const next = { ...get().excluded };
    if (excluded) next[sessionId] = true;
    else delete next[sessionId];
    set({ excluded: next });
  },
  setPendingPaste: (paste) => set({ pendingPaste: paste }),
  setExcludedOnly: (sessionIds) => set({ excluded: Object.fromEntries(sessionIds.map((id) => [id, true as const])) }),
});

export interface BroadcastPlan {
  /** Sessions that will receive keys, in pane order. */
  targets: SessionInfo[];
  /** Ready sessions the user excluded. */
  excluded: SessionInfo[];
  /** Sessions not ready (connecting, down...) that will not receive keys whatever the toggle says. */
  notReady: SessionInfo[];
  total: number;
}

/** Who receives broadcast keys: ready sessions that are not excluded. Pure, so the count shown is the count sent. */
export function broadcastPlan(
  sessionOrder: readonly string[],
  sessions: Readonly<Record<string, SessionInfo>>,
  excluded: Readonly<Record<string, true>>,
): BroadcastPlan {
  const plan: BroadcastPlan = { targets: [], excluded: [], notReady: [], total: 0 };
  for (const id of sessionOrder) {
    const info = sessions[id];
    if (!info || info.state === 'closed') continue;
    plan.total += 1;
    if (info.state !== 'ready') plan.notReady.push(info);
    else if (excluded[id]) plan.excluded.push(info);
    else plan.targets.push(info);
  }
  return plan;
}

/** Where keys typed into one pane go: every target while broadcasting, otherwise that pane alone. */
export function inputTargets(
  fromSessionId: string,
  broadcastOn: boolean,
  plan: Pick<BroadcastPlan, 'targets'>,
): string[] {
  if (!broadcastOn) return [fromSessionId];
  return plan.targets.map((t) => t.sessionId);
}

/** Sessions outside a group: excluding them leaves a broadcast to that group only. */
export function sessionsOutsideGroup(
  sessionOrder: readonly string[],
  sessions: Readonly<Record<string, SessionInfo>>,
  members: ReadonlySet<string>,
): string[] {
  return sessionOrder.filter((id) => {
    const info = sessions[id];
    return info !== undefined && !members.has(info.alias);
  });
}
