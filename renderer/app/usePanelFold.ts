import { useMemo } from 'react';
import type { JournalEvent } from '../../shared/model/incident';
import type { PanelFolds } from '../../shared/model/panelFolds';
import { useWarroomValue } from './context';

/**
 * What a panel (checklist, actions, review) folds from the journal: its own fold of the window's
 * events once they are all here; while a big journal's older pages are still arriving, the Node
 * side's fold of the whole journal (shared/model/panelFolds.ts), which came with the first page:
 * the events that tick the checklist are often the oldest, fetched last. `fromEvents` and
 * `fromFolds` must keep their identity across renders (module functions, or memoized).
 */
export function usePanelFold<T>(fromEvents: (events: readonly JournalEvent[]) => T, fromFolds: (folds: PanelFolds) => T): T {
  const events = useWarroomValue((s) => s.events);
  const partial = useWarroomValue((s) => s.olderThan !== null);
  const folds = useWarroomValue((s) => s.panelFolds);
  const node = partial ? folds : null;
  // Older pages arriving change `events` but not the Node side's folds: nothing is folded again then.
  const fromNode = useMemo(() => (node ? { value: fromFolds(node) } : null), [node, fromFolds]);
  const own = useMemo(() => (node ? null : { value: fromEvents(events) }), [node, events, fromEvents]);
  return ((fromNode ?? own) as { value: T }).value;
}
