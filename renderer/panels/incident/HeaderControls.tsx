import { useState, type FormEvent } from 'react';
import { IncidentStatus, Severity, type Incident } from '../../../shared/model/incident';
import type { IncidentActions } from './actions';

/** Status, severity and title of the active incident; each change is a journal event. */
export function HeaderControls({ incident, actions }: { incident: Incident; actions: IncidentActions }) {
  const [renaming, setRenaming] = useState(false);
  const [title, setTitle] = useState(incident.title);
  const [busy, setBusy] = useState(false);

  const run = async (work: () => Promise<boolean>) => {
    setBusy(true);
    const ok = await work();
    setBusy(false);
    return ok;
  };
  const submitRename = async (e: FormEvent) => {
    e.preventDefault();
    const value = title.trim();
    if (value === '' || value === incident.title) {
      setRenaming(false);
      return;
    }
    if (await run(() => actions.rename(value))) setRenaming(false);
  };

  return (
    <div className="desk-header">
      <div className="desk-row">
        <label className="field" title="Status">
          <select
            data-testid="incident-status"
            aria-label="Status"
            value={incident.status}
            disabled={busy}
            onChange={(e) => void run(() => actions.setStatus(IncidentStatus.parse(e.target.value)))}
          >
            {IncidentStatus.options.map((s) => (
              <option key={s} value={s}>
                {s}
              </option>
            ))}
          </select>
        </label>
        {incident.status === 'resolved' || incident.status === 'closed' ? (
          <button type="button" data-testid="incident-reopen" disabled={busy} title="Back to investigating" onClick={() => void run(() => actions.setStatus('investigating', 'reopened'))}>
            Reopen
          </button>
        ) : null}
        <label className="field" title="Severity">
          <select
            data-testid="incident-severity-select"
            aria-label="Severity"
            className={`sev-select sev-${incident.severity.toLowerCase()}`}
            value={incident.severity}
            disabled={busy}
            onChange={(e) => void run(() => actions.setSeverity(Severity.parse(e.target.value)))}
          >
            {Severity.options.map((s) => (
              <option key={s} value={s}>
                {s}
              </option>
            ))}
          </select>
        </label>
        <label className="file-chip attach-incident" title="Attach a file (screenshot, graph) to the incident">
          Attach
          <input
            type="file"
            data-testid="incident-attach"
            disabled={busy}
            onChange={(e) => {
              const input = e.currentTarget;
              const file = input.files?.[0];
              if (file) void run(() => actions.attach(file)).finally(() => (input.value = ''));
            }}
          />
        </label>
        <button
          type="button"
          className="rename"
          data-testid="incident-rename"
          aria-expanded={renaming}
          onClick={() => {
            setTitle(incident.title);
            setRenaming(!renaming);
          }}
        >
          Rename
        </button>
      </div>
      {renaming ? (
        <form className="desk-row" onSubmit={(e) => void submitRename(e)}>
          <input data-testid="incident-rename-input" className="grow" value={title} maxLength={500} autoFocus onChange={(e) => setTitle(e.target.value)} />
          <button type="submit" className="primary" data-testid="incident-rename-save" disabled={busy || title.trim() === ''}>
            Save
          </button>
          <button type="button" onClick={() => setRenaming(false)}>
            Cancel
          </button>
        </form>
      ) : null}
      <div className="desk-meta muted small" data-testid="incident-id">
        {incident.id}
        {incident.kind ? ` · ${incident.kind}` : ''} · {incident.eventCount} events
      </div>
    </div>
  );
}
