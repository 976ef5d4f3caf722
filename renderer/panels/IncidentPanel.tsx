import { useState, type FormEvent } from 'react';
import { Severity, type Incident } from '../../shared/model/incident';
import { useController, useWarroom } from '../app/context';

const SEVERITY_HINT: Record<Severity, string> = {
  SEV1: 'SEV1 critical',
  SEV2: 'SEV2 major',
  SEV3: 'SEV3 minor',
  SEV4: 'SEV4 low',
};

/**
 * Why a new incident cannot be declared now, or null when it can: while the active incident is
 * still being worked (not resolved or closed), a second declaration would switch the window away
 * from it in one click. Once it is resolved, the next incident can be declared.
 */
export function declareBlocked(active: Pick<Incident, 'title' | 'status'> | null): string | null {
  if (!active || active.status === 'resolved' || active.status === 'closed') return null;
  return `"${active.title}" is ${active.status}: resolve it before declaring another incident`;
}

/** "Declare incident" and its inline form: it pushes the panels down, it never covers the terminals. */
export function DeclareIncident() {
  const controller = useController();
  const blocked = useWarroom((s) => declareBlocked(s.incident));
  const [open, setOpen] = useState(false);
  const [title, setTitle] = useState('');
  const [severity, setSeverity] = useState<Severity>('SEV2');
  const [busy, setBusy] = useState(false);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (busy) return;
    if (title.trim() === '') {
      controller.store.getState().reportError('Declare incident: a title is needed');
      return;
    }
    setBusy(true);
    const ok = await controller.incident.declare(title.trim(), severity);
    setBusy(false);
    if (ok) {
      setTitle('');
      setOpen(false);
    }
  };

  return (
    <div className="declare">
      <div className="declare-row">
        <button
          type="button"
          className="primary"
          data-testid="declare-incident"
          aria-expanded={open && !blocked}
          disabled={blocked !== null}
          title={blocked ?? 'Declare a new incident: it becomes the active one'}
          onClick={() => setOpen(!open)}
        >
          Declare incident
        </button>
        <button
          type="button"
          className="fold"
          title="Fold the incident column (Ctrl/Cmd+Alt+])"
          data-testid="side-fold"
          onClick={() => controller.store.getState().setSideOpen(false)}
        >
          »
        </button>
      </div>
      {open && !blocked ? (
        <form className="declare-form" onSubmit={(e) => void submit(e)}>
          <input
            data-testid="incident-title"
            placeholder="What is happening? e.g. checkout 502s on web tier"
            value={title}
            maxLength={500}
            autoFocus
            onChange={(e) => setTitle(e.target.value)}
          />
          <div className="row">
            <select data-testid="incident-severity" value={severity} onChange={(e) => setSeverity(Severity.parse(e.target.value))}>
              {Severity.options.map((s) => (
                <option key={s} value={s}>
                  {SEVERITY_HINT[s]}
                </option>
              ))}
            </select>
            <button type="submit" className="danger" data-testid="incident-submit" disabled={busy}>
              Declare
            </button>
            <button type="button" onClick={() => setOpen(false)}>
              Cancel
            </button>
          </div>
        </form>
      ) : null}
    </div>
  );
}
