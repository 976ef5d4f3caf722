import type { Handlers } from '../rpc/handlers';
import { UserError } from '../rpc/handlers';
import { findChecklistItem } from '../../shared/model/checklist';
import { LineRecorder } from './lineRecorder';
import type { HandlerDeps } from './ports';

/** Shown instead of what was typed at a password or passphrase prompt. */
export const WITHHELD = 'secret input withheld';

/** Every contract request, as plain functions over the services. Both transports call these. */
export function createHandlers(deps: HandlerDeps): Handlers {
  const { fleet, incidents, catalog } = deps;
  const lines = new LineRecorder();

  const aliasesOf = (ids: readonly string[]) => ids.map((id) => fleet.session(id)?.alias ?? id);

  return {
    'app.info': () => deps.info,
    'hosts.list': () => {
      const { hosts, groups, warnings } = catalog.list();
      return {
        hosts: hosts.map(({ alias, hostname, port, user, groups: g, source, proxyJump, identityFiles }) => ({
          alias, hostname, port, user, groups: g, source, proxyJump, identityFiles,
        })),
        groups,
        warnings,
      };
    },
    'fleet.connect': ({ aliases, cols, rows }) => {
      const unknown = aliases.filter((a) => !catalog.resolve(a));
      if (unknown.length > 0) throw new UserError(`unknown host ${unknown.join(', ')}: not in the ssh config, inventories or practice fleet`);
      return { sessions: fleet.connect(aliases, cols, rows) };
    },
    'fleet.sessions': () => ({ sessions: fleet.sessions() }),
    'fleet.disconnect': ({ sessionIds }) => {
      fleet.disconnect(sessionIds);
      for (const id of sessionIds) lines.forget(id);
      return { ok: true };
    },
    'fleet.input': async ({ sessionIds, data }) => {
      const targets = sessionIds.filter((id) => fleet.session(id)?.state === 'ready');
      // Secrecy is judged before writing: once the line is sent the prompt is gone.
      const secret = targets.some((id) => fleet.atSecretPrompt(id));
      const delivered = fleet.write(targets, data);
      for (const typed of lines.feed(targets, data)) {
        await incidents.record({
          type: 'command.broadcast',
          actor: deps.actor,
          data: {
            line: secret ? WITHHELD : typed.line,
            hosts: aliasesOf(typed.sessionIds),
            ...(secret ? { withheld: true } : {}),
            ...(typed.uncertain && !secret ? { uncertain: true } : {}),
          },
        });
      }
      return { delivered };
    },
    'fleet.resize': ({ sessionId, cols, rows }) => {
      fleet.resize(sessionId, cols, rows);
      return { ok: true };
    },
    'fleet.ack': ({ sessionId, chars }) => {
      fleet.ack(sessionId, chars);
      return { ok: true };
    },
    'hostkey.answer': ({ promptId, decision }) => {
      fleet.answerHostKey(promptId, decision);
      return { ok: true };
    },
    'hostkey.pending': () => ({ prompts: fleet.pendingHostKeys() }),
    'incident.declare': (input) => incidents.declare(input),
    'incident.active': () => incidents.active(),
    'incident.note': ({ text }) => incidents.note(text),
    'checklist.tick': ({ checklist, itemId, done }) => {
      if (!findChecklistItem(checklist, itemId)) throw new UserError(`unknown checklist item ${checklist}/${itemId}`);
      return incidents.tick(checklist, itemId, done);
    },
    'export.markdown': () => incidents.exportMarkdown(),
  };
}
