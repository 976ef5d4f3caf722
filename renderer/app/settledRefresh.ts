import type { WarroomState, WarroomStore } from '../store';

/**
 * Runs `refresh` once now and again after each burst of store changes that `changed` says matter,
 * coalesced over `settleMs` (a broadcast to 50 hosts is one event, a reconnect storm is many).
 * Returns the unsubscribe, which also drops a pending refresh.
 */
export function refreshOnChange(
  store: WarroomStore,
  changed: (s: WarroomState, prev: WarroomState) => boolean,
  refresh: () => void,
  settleMs: number,
): () => void {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const schedule = () => {
    if (timer) clearTimeout(timer);
    timer = setTimeout(() => {
      timer = undefined;
      refresh();
    }, settleMs);
  };
  const off = store.subscribe((s, prev) => {
    if (changed(s, prev)) schedule();
  });
  schedule();
  return () => {
    off();
    if (timer) clearTimeout(timer);
    timer = undefined;
  };
}
