import type { HostRunResult, RunCounts, RunReply } from '../../shared/model/run';
import type { Slice } from './types';

/**
 * The latest "Run on targets": in flight (hosts' results arriving one by one), finished, or refused
 * as a whole.
 */
export interface RunState {
  /** Bumped per run so a slow reply never overwrites a newer run's state. */
  id: number;
  /** Names the run to the Node side: its progress events carry it, and a cancel names it. */
  runId: string;
  command: string;
  aliases: string[];
  startedAt: number;
  status: 'running' | 'done' | 'failed';
  /** Each host's result as it arrived (run.host), before the reply. */
  arrived: Record<string, HostRunResult>;
  /** The latest counts (run.progress). */
  counts?: RunCounts;
  /** A cancel was asked for and not yet answered by the reply. */
  cancelling?: boolean;
  reply?: RunReply;
  error?: string;
}

export interface RunSlice {
  run: RunState | null;
  runPanelOpen: boolean;
  /** Starts a run's record and returns it. */
  beginRun(command: string, aliases: readonly string[], now: number): RunState;
  runHostDone(runId: string, host: HostRunResult): void;
  runProgress(runId: string, counts: RunCounts): void;
  setRunCancelling(id: number): void;
  finishRun(id: number, reply: RunReply): void;
  failRun(id: number, error: string): void;
  setRunPanelOpen(open: boolean): void;
}

/** Unique enough across windows and reloads: the Node side refuses an id already in flight anyway. */
const newRunId = (id: number): string => `w${Date.now().toString(36)}${Math.random().toString(36).slice(2, 10)}-${id}`;

export const createRunSlice: Slice<RunSlice> = (set, get) => ({
  run: null,
  runPanelOpen: true,
  beginRun: (command, aliases, now) => {
    const id = (get().run?.id ?? 0) + 1;
    const run: RunState = { id, runId: newRunId(id), command, aliases: [...aliases], startedAt: now, status: 'running', arrived: {} };
    set({ run });
    return run;
  },
  runHostDone: (runId, host) => {
    const run = get().run;
    if (run?.runId === runId && run.status === 'running') set({ run: { ...run, arrived: { ...run.arrived, [host.alias]: host } } });
  },
  runProgress: (runId, counts) => {
    const run = get().run;
    if (run?.runId === runId && run.status === 'running') set({ run: { ...run, counts } });
  },
  setRunCancelling: (id) => {
    const run = get().run;
    if (run?.id === id && run.status === 'running') set({ run: { ...run, cancelling: true } });
  },
  finishRun: (id, reply) => {
    const run = get().run;
    if (run?.id === id) set({ run: { ...run, status: 'done', cancelling: false, reply } });
  },
  failRun: (id, error) => {
    const run = get().run;
    if (run?.id === id) set({ run: { ...run, status: 'failed', cancelling: false, error } });
  },
  setRunPanelOpen: (open) => set({ runPanelOpen: open }),
});
