import { useCallback, useEffect, useMemo, useState } from 'react';
import { checklistStatus, foldChecklists, type ChecklistItemStatus, type ChecklistStatus } from '../../shared/model/checklistState';
import { foldWaivers, type Waiver } from '../../shared/model/closing';
import type { JournalEvent } from '../../shared/model/incident';
import { checklistFoldOf, waiversOf, type PanelFolds } from '../../shared/model/panelFolds';
import { useController, useWarroom } from '../app/context';
import { usePanelFold } from '../app/usePanelFold';

/** Overdue marks only need to move by the minute; 15 s keeps them close without re-folding often. */
const CLOCK_MS = 15_000;

function useNow(): Date {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), CLOCK_MS);
    return () => clearInterval(timer);
  }, []);
  return useMemo(() => new Date(now), [now]);
}

/** The timeline entry of an event, brought into view (the timeline keeps every event in the DOM). */
function showEvent(seq: number): void {
  const el = document.querySelector<HTMLElement>(`[data-testid="timeline-event"][data-seq="${seq}"]`);
  if (!el) return;
  // Runs of connection events fold into a <details> row: open it as a click would, so the timeline
  // stops following the newest event and the event can be seen.
  const folded = el.closest('details');
  if (folded && !folded.open) folded.querySelector('summary')?.click();
  el.scrollIntoView({ block: 'center' });
  el.classList.add('flash');
  setTimeout(() => el.classList.remove('flash'), 1500);
}

/** `22:28 UTC` today, `12-01 00:18 UTC` on another day (UTC): the column stays narrow. */
function time(iso: string, now: Date): string {
  const day = iso.slice(0, 10) === now.toISOString().slice(0, 10) ? '' : `${iso.slice(5, 10)} `;
  return `${day}${iso.slice(11, 16)} UTC`;
}

/**
 * The Respond, Write-up and Post-mortem lists (and the team's own), as the shared fold reads the
 * journal: items tick themselves on their event and link to it; a person's tick or untick is a
 * journal event like any other, with its actor.
 */
export function ChecklistPanel() {
  const controller = useController();
  const now = useNow();
  const pending = useWarroom((s) => s.pendingTicks);
  const checklists = useWarroom((s) => s.checklists);
  const hasIncident = useWarroom((s) => s.incident !== null);
  // The journal is folded when it changes; the clock only moves the due and overdue marks.
  const fold = usePanelFold(
    useCallback((events: readonly JournalEvent[]) => foldChecklists(checklists, events), [checklists]),
    useCallback((folds: PanelFolds) => checklistFoldOf(checklists, folds), [checklists]),
  );
  const lists = useMemo(() => checklistStatus(fold, now, pending), [fold, now, pending]);
  const waivers = usePanelFold(foldWaivers, waiversOf);
  return (
    <section className="panel checklist" aria-label="Checklists">
      {lists.map((list, i) => (
        <List key={list.id} list={list} open={i === 0} now={now} waivers={waivers} disabled={!hasIncident} tick={(item, done) => void controller.incident.tick(list.id, item, done)} />
      ))}
    </section>
  );
}

function List({
  list,
  open,
  now,
  waivers,
  disabled,
  tick,
}: {
  list: ChecklistStatus;
  open: boolean;
  now: Date;
  waivers: ReadonlyMap<string, Waiver>;
  disabled: boolean;
  tick: (item: string, done: boolean) => void;
}) {
  const overdue = list.items.filter((i) => i.overdue).length;
  return (
    <details className="checklist-list" open={open} data-testid="checklist" data-checklist={list.id}>
      <summary className="section-title">
        {list.title} <span className="muted" data-testid="checklist-count">{list.done}/{list.total}</span>
        {overdue > 0 && <span className="overdue-count"> {overdue} overdue</span>}
      </summary>
      <ul>
        {list.items.map((item) => (
          <Item key={item.id} list={list.id} item={item} now={now} waived={item.done ? undefined : waivers.get(`${list.id}/${item.id}`)} disabled={disabled} tick={tick} />
        ))}
      </ul>
    </details>
  );
}

function Item({
  list,
  item,
  now,
  waived,
  disabled,
  tick,
}: {
  list: string;
  item: ChecklistItemStatus;
  now: Date;
  /** Left undone on purpose (closing accepts it). */
  waived: Waiver | undefined;
  disabled: boolean;
  tick: (item: string, done: boolean) => void;
}) {
  const title = [item.help, item.manualWhy ? `Manual: ${item.manualWhy}` : ''].filter(Boolean).join('\n') || undefined;
  return (
    <li className={`checklist-item${item.done ? ' done' : ''}${item.overdue ? ' overdue' : ''}`} data-testid="checklist-row" data-item={`${list}/${item.id}`} data-overdue={item.overdue}>
      <label title={title}>
        <input
          type="checkbox"
          data-testid="checklist-item"
          data-item={item.id}
          data-list={list}
          checked={item.done}
          disabled={disabled}
          onChange={(e) => tick(item.id, e.target.checked)}
        />
        <span className="checklist-label">{item.label}</span>
      </label>
      <span className="checklist-meta">
        {item.cause && (
          <button
            type="button"
            className="link event-link"
            data-testid="checklist-cause"
            data-by={item.cause.by}
            title={item.cause.by === 'rule' ? `Ticked by its rule on event #${item.cause.seq}` : `${item.done ? 'Ticked' : 'Unticked'} by ${item.cause.actor}`}
            onClick={() => showEvent(item.cause?.seq ?? 0)}
          >
            {item.cause.by === 'rule' ? `#${item.cause.seq}` : `${item.cause.actor} #${item.cause.seq}`}
          </button>
        )}
        {waived && (
          <button type="button" className="link event-link" data-testid="checklist-waived" title={`Waived by ${waived.actor}: ${waived.reason}`} onClick={() => showEvent(waived.seq)}>
            waived #{waived.seq}
          </button>
        )}
        {item.kind === 'manual' && !item.done && (
          <span className="muted manual" title={item.manualWhy}>
            manual
          </span>
        )}
        {item.overdue && item.due && !waived && (
          <span className="overdue" data-testid="checklist-overdue" title={`due ${item.due}`}>
            overdue since {time(item.due, now)}
          </span>
        )}
        {!item.done && !item.overdue && item.due && (
          <span className="muted" title={`due ${item.due}`}>
            due {time(item.due, now)}
          </span>
        )}
      </span>
    </li>
  );
}
