import { useEffect, useState } from 'react';
import { useController, useWarroom } from '../app/context';
import { formatElapsed, formatUtc } from '../format/time';

function Elapsed({ since }: { since: string }) {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(timer);
  }, []);
  return <span className="elapsed" data-testid="incident-elapsed">{formatElapsed(now - Date.parse(since))}</span>;
}

export function TopBar() {
  const controller = useController();
  const { incident, screenReader, appInfo, meetingOpen } = useWarroom((s) => ({ incident: s.incident, screenReader: s.screenReader, appInfo: s.appInfo, meetingOpen: s.meetingOpen }));
  return (
    <header className="topbar">
      <span className="brand">Warroom</span>
      {appInfo?.practice ? <span className="tag practice" title="Simulated hosts on this machine">practice fleet</span> : null}
      <div className="incident-summary" data-testid="incident-header">
        {incident ? (
          <>
            <span className={`sev sev-${incident.severity.toLowerCase()}`}>{incident.severity}</span>
            <span className="incident-title" data-testid="incident-active-title">{incident.title}</span>
            <span className="status">{incident.status}</span>
            <Elapsed since={incident.startedAt} />
            <span className="muted">IC {incident.commander}</span>
            <span className="muted">since {formatUtc(incident.startedAt)}</span>
          </>
        ) : (
          <span className="muted">No active incident</span>
        )}
      </div>
      {incident ? (
        <button
          type="button"
          className="toggle"
          data-testid="postmortem-toggle"
          aria-pressed={meetingOpen}
          title="The post-mortem meeting: agenda, notes, replays, survey"
          onClick={() => controller.store.getState().setMeetingOpen(!meetingOpen)}
        >
          Post-mortem
        </button>
      ) : null}
      <label className="toggle" title="Terminals expose their text to assistive technology">
        <input
          type="checkbox"
          data-testid="screen-reader-toggle"
          checked={screenReader}
          onChange={(e) => controller.store.getState().setScreenReader(e.target.checked)}
        />
        Screen reader
      </label>
    </header>
  );
}
