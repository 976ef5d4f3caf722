import type { Handler } from '../rpc/handlers';
import { journalFile } from '../core/data-layout';
import { UserError } from '../core/errors';
import { changeMeeting } from '../incident/meeting-record';
import { replayCasts } from '../recording/replay';
import type { HandlerDeps } from './ports';

type MeetingRequest = 'meeting.change' | 'replay.casts';

/** The post-mortem meeting from the window: the same changes as `warroom postmortem ...`, and replays of the recordings. */
export function meetingHandlers({ incidents, actor }: Pick<HandlerDeps, 'incidents' | 'actor'>): { [K in MeetingRequest]: Handler<K> } {
  const active = () => {
    const incident = incidents.activeIncident();
    if (!incident) throw new UserError('no active incident: declare one first');
    return incident;
  };
  return {
    'meeting.change': async (change) => changeMeeting({ journalFile: journalFile(incidents.dataDir, active().id), actor }, change),
    'replay.casts': async ({ at, beforeMs, afterMs }) => {
      const incident = active();
      const t = Date.parse(at);
      const casts = await replayCasts({ dataDir: incidents.dataDir, id: incident.id, events: incidents.activeEvents(), fromMs: t - beforeMs, toMs: t + afterMs });
      return { casts };
    },
  };
}
