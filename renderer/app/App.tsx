import { BroadcastBar } from '../panels/broadcast/BroadcastBar';
import { ChecklistPanel } from '../panels/ChecklistPanel';
import { ExportPanel } from '../panels/ExportPanel';
import { AuthPrompts } from '../panels/fleet/AuthPrompts';
import { RunPanel } from '../panels/fleet/RunPanel';
import { HostKeyPrompts } from '../panels/HostKeyPrompts';
import { HostPicker } from '../panels/HostPicker';
import { DeclareIncident } from '../panels/IncidentPanel';
import { IncidentDesk } from '../panels/incident/IncidentDesk';
import { ConnectionBanner, ErrorArea, IntegrityAlarm } from '../panels/StatusArea';
import { TerminalGrid } from '../panels/TerminalGrid';
import { ShortcutHelp } from '../panels/grid/ShortcutHelp';
import { TimelinePanel } from '../panels/TimelinePanel';
import { TopBar } from '../panels/TopBar';
import { MeetingView } from '../panels/meeting/MeetingView';
import { useController, useWarroom } from './context';

/** A folded side column: a thin rail that opens it again. */
function Rail({ label, testId, keys, onOpen }: { label: string; testId: string; keys: string; onOpen: () => void }) {
  return (
    <button type="button" className="rail" data-testid={testId} title={`Show ${label} (${keys})`} onClick={onOpen}>
      <span>{label}</span>
    </button>
  );
}

/** Terminals in the middle, hosts on the left, the incident on the right: nothing ever covers a terminal. */
export function App() {
  const controller = useController();
  const { pickerOpen, sideOpen, meetingOpen } = useWarroom((s) => ({ pickerOpen: s.pickerOpen, sideOpen: s.sideOpen, meetingOpen: s.meetingOpen }));
  const ui = controller.store.getState;
  return (
    <div className="app">
      <TopBar />
      <ConnectionBanner />
      <IntegrityAlarm />
      <ErrorArea />
      <div className="workspace">
        {pickerOpen ? <HostPicker /> : <Rail label="Hosts" testId="picker-open" keys="Ctrl/Cmd+Alt+[" onOpen={() => ui().setPickerOpen(true)} />}
        <main className="center">
          {meetingOpen ? <MeetingView /> : null}
          <BroadcastBar />
          <HostKeyPrompts />
          <AuthPrompts />
          <RunPanel />
          <TerminalGrid />
        </main>
        {sideOpen ? (
          <aside className="side" aria-label="Incident">
            <DeclareIncident />
            <IncidentDesk />
            <TimelinePanel />
            <ChecklistPanel />
            <ExportPanel />
          </aside>
        ) : (
          <Rail label="Incident" testId="side-open" keys="Ctrl/Cmd+Alt+]" onOpen={() => ui().setSideOpen(true)} />
        )}
      </div>
      <ShortcutHelp />
    </div>
  );
}
