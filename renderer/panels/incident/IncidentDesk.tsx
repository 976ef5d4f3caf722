import { useState } from 'react';
import { useController, useWarroom } from '../../app/context';
import '../../styles/incident.css';
import { HeaderControls } from './HeaderControls';
import { ActionsPanel } from './ActionsPanel';
import { ReviewControls } from './ReviewControls';
import { IncidentsPanel } from './IncidentsPanel';
import { Clocks, MilestoneProblems, MilestonesPanel, Suggestions } from './MilestonesPanel';
import { RolesPanel } from './RolesPanel';
import { WriteupView } from '../writeup/WriteupView';

type Tab = 'roles' | 'milestones' | 'actions' | 'writeup' | 'incidents';
const TABS: { id: Tab; label: string }[] = [
  { id: 'milestones', label: 'Milestones' },
  { id: 'roles', label: 'Roles' },
  { id: 'actions', label: 'Actions' },
  { id: 'writeup', label: 'Write-up' },
  { id: 'incidents', label: 'Incidents & search' },
];

/**
 * The incident record beside the terminals: header controls, clocks, suggestions and order errors
 * always in view; milestones, roles, action items, the write-up and the incident list in tabs (the active tab folds on a
 * second click, giving its height back to the timeline).
 */
export function IncidentDesk() {
  const actions = useController().incident;
  const { incident, details, detailsFor } = useWarroom((s) => ({ incident: s.incident, details: s.details, detailsFor: s.detailsFor }));
  const [tab, setTab] = useState<Tab | null>('milestones');

  const current = incident && details && detailsFor === incident.id ? details : null;
  const tabs = incident ? TABS : TABS.filter((t) => t.id === 'incidents');
  const shown = incident ? tab : tab === null ? null : 'incidents';

  return (
    <section className="panel desk" aria-label="Incident record" data-testid="incident-desk">
      {incident ? <HeaderControls key={incident.id} incident={incident} actions={actions} /> : null}
      {incident ? <ReviewControls actions={actions} /> : null}
      {current ? (
        <>
          <Clocks details={current} />
          <MilestoneProblems details={current} />
          <Suggestions details={current} actions={actions} />
        </>
      ) : null}
      <div className="desk-tabs" role="tablist">
        {tabs.map((t) => (
          <button
            type="button"
            role="tab"
            key={t.id}
            className={shown === t.id ? 'tab active' : 'tab'}
            aria-selected={shown === t.id}
            data-testid={`desk-tab-${t.id}`}
            onClick={() => setTab(shown === t.id ? null : t.id)}
          >
            {t.label}
          </button>
        ))}
      </div>
      {shown ? (
        <div className="desk-body" role="tabpanel">
          {shown === 'incidents' ? <IncidentsPanel actions={actions} /> : null}
          {shown === 'roles' && current ? <RolesPanel details={current} actions={actions} /> : null}
          {shown === 'milestones' && current ? <MilestonesPanel details={current} actions={actions} /> : null}
          {shown === 'actions' ? <ActionsPanel /> : null}
          {shown === 'writeup' ? <WriteupView /> : null}
          {shown !== 'incidents' && shown !== 'actions' && shown !== 'writeup' && !current ? <p className="muted small">Loading…</p> : null}
        </div>
      ) : null}
    </section>
  );
}
