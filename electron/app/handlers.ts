import type { Handlers } from '../rpc/handlers';
import { UserError } from '../core/errors';
import { collate } from '../fleet/run/format';
import { runEvent } from '../fleet/run/record';
import { LineRecorder } from './lineRecorder';
import { incidentHandlers } from './incidentHandlers';
import { lintHandlers } from './lintHandlers';
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
      const sessions = fleet.connect(aliases, cols, rows);
      for (const s of sessions) deps.sized?.(s.sessionId, s.alias, cols, rows);
      return { sessions };
    },
    'fleet.sessions': () => ({ sessions: fleet.sessions() }),
    'fleet.scrollback': ({ sessionId }) => ({ data: deps.scrollback(sessionId) }),
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
      deps.sized?.(sessionId, fleet.session(sessionId)?.alias, cols, rows);
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
    'fleet.reconnect': ({ sessionIds }) => {
      fleet.reconnect(sessionIds);
      return { ok: true };
    },
    'fleet.run': async ({ aliases, command, timeoutS }) => {
      const result = await fleet.run(aliases, command, timeoutS ? { timeoutMs: timeoutS * 1000 } : {});
      await incidents.record(runEvent(result, deps.actor));
      return { ...result, collated: collate(result.hosts) };
    },
    'auth.answer': ({ promptId, answers, forAll }) => {
      fleet.answerAuth(promptId, answers, forAll);
      return { ok: true };
    },
    'auth.pending': () => ({ prompts: fleet.pendingAuth() }),
    ...incidentHandlers(deps),
    ...lintHandlers(deps),
  };
}
