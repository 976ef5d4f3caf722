import type { RunReply } from '../../shared/model/run';
import type { Slice } from './types';

/** The latest "Run on targets": in flight (every host pending), finished, or refused as a whole. */
export interface RunState {
  /** Bumped per run so a slow reply never overwrites a newer run's state. */
  id: number;
  command: string;
  aliases: string[];
  startedAt: number;
  status: 'running' | 'done' | 'failed';
  reply?: RunReply;
  error?: string;
}

export interface RunSlice {
  run: RunState | null;
  runPanelOpen: boolean;
  /** Starts a run's record and returns its id. */
  beginRun(command: string, aliases: readonly string[], now: number): number;
  finishRun(id: number, reply: RunReply): void;
  failRun(id: number, error: string): void;
  setRunPanelOpen(open: boolean): void;
}

export const createRunSlice: Slice<RunSlice> = (set, get) => ({
  run: null,
  runPanelOpen: true,
  beginRun: (command, aliases, now) => {
    const id = (get().run?.id ?? 0) + 1;
    set({ run: { id, command, aliases: [...aliases], startedAt: now, status: 'running' } });
    return id;
  },
  finishRun: (id, reply) => {
    const run = get().run;
    if (run?.id === id) set({ run: { ...run, status: 'done', reply } });
  },
  failRun: (id, error) => {
    const run = get().run;
    if (run?.id === id) set({ run: { ...run, status: 'failed', error } });
  },
  setRunPanelOpen: (open) => set({ runPanelOpen: open }),
});
