import { useState } from 'react';
import { Role, type IncidentDetails } from '../../../shared/model/incident';
import type { IncidentActions } from './actions';
import { TimeStamp } from './TimeStamp';

const ROLE_LABEL: Record<Role, string> = {
  commander: 'Commander',
  deputy: 'Deputy',
  scribe: 'Scribe',
  communications: 'Comms lead',
  sme: 'SMEs',
};

/** Roles after Dispatch: one holder each, except subject-matter experts, who can be many. */
function RoleRow({ role, holders, actions }: { role: Role; holders: string[]; actions: IncidentActions }) {
  const [who, setWho] = useState('');
  const [busy, setBusy] = useState(false);
  const many = role === 'sme';
  const assign = async () => {
    const name = who.trim();
    if (name === '' || busy) return;
    setBusy(true);
    if (await actions.role(role, name, 'assign')) setWho('');
    setBusy(false);
  };
  return (
    <li className="role" data-testid="role-row" data-role={role}>
      <span className="role-name">{ROLE_LABEL[role]}</span>
      <span className="role-holders" data-testid={`role-holders-${role}`}>
        {holders.length === 0 ? <span className="muted">—</span> : null}
        {holders.map((h) => (
          <span key={h} className="holder">
            {h}
            <button
              type="button"
              className="link"
              data-testid={`role-release-${role}`}
              data-who={h}
              title={`Release ${h} from ${ROLE_LABEL[role]}`}
              disabled={busy}
              onClick={() => void actions.role(role, h, 'release')}
            >
              ×
            </button>
          </span>
        ))}
      </span>
      <form
        className="role-form"
        onSubmit={(e) => {
          e.preventDefault();
          void assign();
        }}
      >
        <input data-testid={`role-input-${role}`} placeholder="name" aria-label={`${ROLE_LABEL[role]}: name`} value={who} maxLength={200} onChange={(e) => setWho(e.target.value)} />
        <button type="submit" data-testid={`role-assign-${role}`} disabled={busy || who.trim() === ''}>
          {many ? 'Add' : holders.length > 0 ? 'Hand off' : 'Assign'}
        </button>
      </form>
    </li>
  );
}

export function RolesPanel({ details, actions }: { details: IncidentDetails; actions: IncidentActions }) {
  const handoffs = [...details.handoffs].reverse();
  return (
    <div className="roles">
      <ul className="role-list">
        {Role.options.map((r) => (
          <RoleRow key={r} role={r} holders={details.roles[r] ?? []} actions={actions} />
        ))}
      </ul>
      <div className="subtitle">Handoffs</div>
      {handoffs.length === 0 ? <p className="muted small">No handoffs yet.</p> : null}
      <ol className="handoffs">
        {handoffs.map((h) => (
          <li key={h.seq} data-testid="role-handoff" data-role={h.role}>
            <span className="role-name">{ROLE_LABEL[h.role]}</span> {h.from ? `${h.from} → ${h.to}` : `→ ${h.to}`}
            <div className="small">
              <TimeStamp iso={h.at} /> <span className="muted">by {h.actor}</span>
            </div>
          </li>
        ))}
      </ol>
    </div>
  );
}
