import type { Handler } from '../rpc/handlers';
import { journalFile } from '../core/data-layout';
import { UserError } from '../core/errors';
import { changeWriteupState } from '../export/review';
import type { HandlerDeps } from './ports';

type ReviewRequest = 'writeup.state';

/** The write-up's review from the window: the same change as `warroom writeup state`, on the active incident. */
export function reviewHandlers({ incidents, actor }: Pick<HandlerDeps, 'incidents' | 'actor'>): { [K in ReviewRequest]: Handler<K> } {
  return {
    'writeup.state': async ({ to, reason }) => {
      const incident = incidents.activeIncident();
      if (!incident) throw new UserError('no active incident: declare one first');
      return changeWriteupState({
        dataDir: incidents.dataDir,
        journalFile: journalFile(incidents.dataDir, incident.id),
        id: incident.id,
        actor,
        to,
        ...(reason ? { reason } : {}),
      });
    },
  };
}
