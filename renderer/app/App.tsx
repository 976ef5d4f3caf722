import { BroadcastBar } from '../panels/BroadcastBar';
import { ChecklistPanel } from '../panels/ChecklistPanel';
import { ExportPanel } from '../panels/ExportPanel';
import { HostKeyPrompts } from '../panels/HostKeyPrompts';
import { HostPicker } from '../panels/HostPicker';
import { DeclareIncident } from '../panels/IncidentPanel';
import { ConnectionBanner, ErrorArea } from '../panels/StatusArea';
import { TerminalGrid } from '../panels/TerminalGrid';
import { TimelinePanel } from '../panels/TimelinePanel';
import { TopBar } from '../panels/TopBar';

/** Terminals in the middle, hosts on the left, the incident on the right: nothing ever covers a terminal. */
export function App() {
  return (
    <div className="app">
      <TopBar />
      <ConnectionBanner />
      <ErrorArea />
      <div className="workspace">
        <HostPicker />
        <main className="center">
          <BroadcastBar />
          <HostKeyPrompts />
          <TerminalGrid />
        </main>
        <aside className="side" aria-label="Incident">
          <DeclareIncident />
          <TimelinePanel />
          <ChecklistPanel />
          <ExportPanel />
        </aside>
      </div>
    </div>
  );
}
