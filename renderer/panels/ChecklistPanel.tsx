import { RESPOND_CHECKLIST } from '../../shared/model/checklist';
import { useController, useWarroom } from '../app/context';
import { checklistState } from '../store/incidentSlice';

/** The Respond checklist; an item is ticked when the journal says so, not when the box was clicked. */
export function ChecklistPanel() {
  const controller = useController();
  const done = useWarroom((s) => checklistState(s.events, RESPOND_CHECKLIST.id, s.pendingTicks));
  const count = RESPOND_CHECKLIST.items.filter((i) => done[i.id]).length;
  return (
    <section className="panel checklist" aria-label={`${RESPOND_CHECKLIST.title} checklist`}>
      <div className="section-title">
        {RESPOND_CHECKLIST.title} <span className="muted">{count}/{RESPOND_CHECKLIST.items.length}</span>
      </div>
      <ul>
        {RESPOND_CHECKLIST.items.map((item) => (
          <li key={item.id}>
            <label className={done[item.id] ? 'done' : ''}>
              <input
                type="checkbox"
                data-testid="checklist-item"
                data-item={item.id}
                checked={done[item.id] === true}
                onChange={(e) => void controller.incident.tick(RESPOND_CHECKLIST.id, item.id, e.target.checked)}
              />
              {item.label}
            </label>
          </li>
        ))}
      </ul>
    </section>
  );
}
