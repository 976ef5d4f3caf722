import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { Handler } from '../rpc/handlers';
import type { RequestName } from '../../shared/contract';
import { AttachmentUploads } from '../incident/upload';
import type { HandlerDeps } from './ports';

type IncidentRequest = Exclude<
  Extract<RequestName, `incident.${string}` | `timeline.${string}` | `export.${string}` | `checklist.${string}` | `writeup.${string}` | `action.${string}`>,
  'writeup.lint' | 'writeup.waive' | 'writeup.state'
>;

/** The incident's requests: its record, roles, milestones and timeline annotations. */
export function incidentHandlers({ incidents }: HandlerDeps): { [K in IncidentRequest]: Handler<K> } {
  const uploads = new AttachmentUploads();
  return {
    'incident.declare': (input) => incidents.declare(input),
    'incident.active': ({ tail }) => incidents.activeWithFolds(tail),
    'timeline.page': ({ incident, before, limit }) => ({ events: incidents.timelinePage(incident, before, limit) }),
    'incident.note': ({ text }) => incidents.note(text),
    'incident.list': async () => ({ incidents: await incidents.list() }),
    'incident.search': ({ query, limit }) => incidents.search(query, limit),
    'incident.activate': ({ id }) => incidents.activate(id),
    'incident.details': async ({ folds }) => {
      const details = incidents.details();
      const panels = folds ? await incidents.panelFolds() : null;
      return panels ? { details, folds: panels } : { details };
    },
    'incident.status': ({ to, reason }) => incidents.setStatus(to, reason),
    'incident.severity': ({ to, reason }) => incidents.setSeverity(to, reason),
    'incident.rename': ({ title }) => incidents.rename(title),
    'incident.role': ({ role, who, action }) => (action === 'assign' ? incidents.assignRole(role, who) : incidents.releaseRole(role, who)),
    'incident.milestone': ({ milestone, at, suggestedBy }) => incidents.setMilestone(milestone, at, suggestedBy),
    'incident.dismissSuggestion': ({ milestone, suggestedBy }) => incidents.dismissSuggestion(milestone, suggestedBy),
    'timeline.mark': ({ seq, marker, on }) => incidents.mark(seq, marker, on),
    'timeline.pin': ({ seq, pinned }) => incidents.pin(seq, pinned),
    'timeline.edit': ({ seq, text, reason }) => incidents.edit(seq, text, reason),
    'timeline.redact': ({ seq, reason }) => incidents.redact(seq, reason),
    'timeline.attachBegin': ({ name, bytes }, { clientId }) => ({ uploadId: uploads.begin(clientId, name, bytes) }),
    'timeline.attachChunk': ({ uploadId, offset, contentBase64 }, { clientId }) => ({
      received: uploads.add(clientId, uploadId, offset, Buffer.from(contentBase64, 'base64')),
    }),
    'timeline.attach': async ({ uploadId, caption, ref }, { clientId }) => {
      const { name, content } = uploads.take(clientId, uploadId);
      // The window sends bytes, the service copies files: stage them under their own (sanitised) name.
      const safe = path.basename(name).replace(/[^\w.@+-]/g, '_').slice(0, 200) || 'attachment';
      const dir = await mkdtemp(path.join(os.tmpdir(), 'warroom-attach-'));
      try {
        const file = path.join(dir, safe);
        await writeFile(file, content, { mode: 0o600 });
        return await incidents.attach(file, { ...(caption ? { caption } : {}), ...(ref ? { ref } : {}) });
      } finally {
        await rm(dir, { recursive: true, force: true });
      }
    },
    'checklist.tick': ({ checklist, itemId, done }) => incidents.tick(checklist, itemId, done),
    'checklist.definitions': async () => ({ checklists: await incidents.checklists() }),
    'writeup.get': async () => ({ sections: await incidents.writeup() }),
    'writeup.history': ({ section }) => ({ section, versions: incidents.writeupHistory(section) }),
    'writeup.diff': ({ from, to }) => incidents.writeupDiff(from, to),
    'writeup.save': ({ section, text, base }) => incidents.writeupSave(section, text, base),
    'writeup.accept': ({ section, version }) => incidents.writeupAccept(section, version),
    'writeup.draft': ({ section }) => incidents.writeupDraft(section),
    'action.add': (input) => incidents.addAction(input),
    'action.update': (input) => incidents.updateAction(input),
    'action.list': ({ incident }) => incidents.listActions(incident),
    'export.markdown': () => incidents.exportMarkdown(),
    'export.file': async ({ format }) => ({ path: (await incidents.exportAs(format)).file }),
  };
}
