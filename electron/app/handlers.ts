import { setImmediate } from 'node:timers/promises';
import type { Handlers } from '../rpc/handlers';
import { UserError } from '../core/errors';
import { collate } from '../fleet/run/format';
import { runEvent } from '../fleet/run/record';
import type { HostOutput, HostRunResult } from '../fleet/run/types';
import type { RunCounts } from '../../shared/model/run';
import { LineRecorder } from './line-recorder';
import { incidentHandlers } from './incident-handlers';
import { lintHandlers } from './lint-handlers';
import { screenHandlers } from './screens/screen-handlers';
import type { LineRef } from './screens/screen-watch';
import { reviewHandlers } from './review-handlers';
import { meetingHandlers } from './meeting-handlers';
import type { HandlerDeps } from './ports';

/** Ctrl-C, Ctrl-Z and Ctrl-\\: keys that cut the command running in a shell. */
const INTERRUPTS = /[\x03\x1a\x1c]/;


/** Shown instead of what was typed at a password or passphrase prompt. */
export const WITHHELD = 'secret input withheld';

/** Every contract request, as plain functions over the services. Both transports call these. */
export function createHandlers(deps: HandlerDeps): Handlers {
  const { fleet, incidents, catalog, secrets } = deps;
  const lines = new LineRecorder();
  // Runs in flight that named themselves, so that fleet.runCancel reaches them.
  const runs = new Map<string, AbortController>();

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
    'fleet.scrollback': ({ sessionId }, { clientId }) => {
      // One step with the snapshot: the stream this window reads again starts where it ends.
      deps.flow.readmit(clientId, sessionId);
      return { data: deps.scrollback(sessionId) };
    },
    'fleet.disconnect': ({ sessionIds }) => {
      fleet.disconnect(sessionIds);
      for (const id of sessionIds) {
        lines.forget(id);
        secrets.forget(id);
      }
      return { ok: true };
    },
    'fleet.input': ({ sessionIds, data }) => {
      // The keys go out first (the write skips sessions not ready); everything below is
      // bookkeeping, on the echo's path if it ran before. None of it can see output the keys
      // cause: that arrives in a later I/O callback, after this handler has returned.
      const delivered = fleet.write(sessionIds, data);
      const targets = sessionIds.filter((id) => fleet.session(id)?.state === 'ready');
      // The prompt showing now is still the one these keys answer: the output is as before them.
      const promptNow = new Set(targets.filter((id) => fleet.atSecretPrompt(id)));
      for (const id of targets) secrets.typed(id, data.includes('\x03'));
      // Before the lines of this input are watched: an interrupt cuts the lines already running.
      if (INTERRUPTS.test(data)) for (const id of targets) deps.screens.interrupted(id);
      // The reply waits for the write, not for the disk. Lines reach the journal in the order they
      // were sent, each once its secrecy is judged (which may wait for its echo); the journal
      // group-commits them, and a failure is a timeline error, not lost keys.
      // Per session, how many lines of this input came before: a paste's later lines wait for their own output.
      const earlier = new Map<string, number>();
      // What each session held on its line before these keys, for the screen watch's prompt.
      const typedBefore = /[\r\n]/.test(data) ? new Map(targets.map((id) => [id, lines.pending(id)])) : undefined;
      for (const typed of lines.feed(targets, data)) {
        const verdicts = typed.sessionIds.map((id) => {
          const verdict = secrets.line(id, typed.line, typed.uncertain, promptNow.has(id));
          promptNow.delete(id);
          return verdict;
        });
        const judged = Promise.all(verdicts).then((v) => v.some(Boolean));
        let lineRecorded: (ref: LineRef) => void = () => {};
        const ref = new Promise<LineRef>((resolve) => (lineRecorded = resolve));
        // One host is its own group: grouping starts at two targets.
        if (typed.sessionIds.length > 1) {
          const before = new Map(typed.sessionIds.map((id) => [id, earlier.get(id) ?? 0]));
          deps.screens.watch(typed.sessionIds, typed.line, ref, (id) => before.get(id) ?? 0, (id) => typedBefore?.get(id) ?? '');
        }
        for (const id of typed.sessionIds) earlier.set(id, (earlier.get(id) ?? 0) + 1);
        deps.typedLines.add(async () => {
          const secret = await judged;
          // The judge answers from the output callback that brought the line's echo; the journal
          // append (lock, stat, write, fsync: its steps run on this thread) starts in the next turn,
          // after that turn's other output and requests (the keys typed right after Enter, their
          // echoes) have gone out. Still one line after another, in the order they were sent.
          // Resolves in the check phase, once this turn's I/O callbacks have run.
          await setImmediate();
          const line = secret ? WITHHELD : typed.line;
          await incidents
            .record({
              type: 'command.broadcast',
              actor: deps.actor,
              data: {
                line,
                hosts: aliasesOf(typed.sessionIds),
                ...(secret ? { withheld: true } : {}),
                ...(typed.uncertain && !secret ? { uncertain: true } : {}),
              },
            })
            .then(
              (event) => lineRecorded({ ...(event ? { seq: event.seq } : {}), withheld: secret }),
              (err: unknown) => {
                lineRecorded({ withheld: secret });
                deps.timelineError(`Timeline: could not record line ${line}: ${err instanceof Error ? err.message : String(err)}`);
              },
            );
        });
      }
      for (const id of targets) secrets.settle(id, lines.pending(id) !== '');
      return { delivered };
    },
    'fleet.reply': ({ sessionId, data }) => {
      // Not through the line recorder: a reply is no part of a typed line. A session that went down
      // since the query gets nothing; its next shell never asked.
      if (fleet.session(sessionId)?.state === 'ready') fleet.write([sessionId], data);
      return { ok: true };
    },
    'fleet.resize': ({ sessionId, cols, rows }) => {
      fleet.resize(sessionId, cols, rows);
      deps.sized?.(sessionId, fleet.session(sessionId)?.alias, cols, rows);
      return { ok: true };
    },
    'fleet.ack': ({ acks }, { clientId }) => {
      for (const { sessionId, chars } of acks) deps.flow.ack(clientId, sessionId, chars);
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
    'fleet.run': async ({ runId, aliases, command, timeoutS }) => {
      if (runId !== undefined && runs.has(runId)) throw new UserError(`a run with id ${runId} is already in flight`);
      const outputs: HostOutput[] = [];
      const abort = new AbortController();
      if (runId !== undefined) runs.set(runId, abort);
      const progress = runId !== undefined ? deps.runProgress : undefined;
      let result;
      try {
        result = await fleet.run(aliases, command, {
          ...(timeoutS ? { timeoutMs: timeoutS * 1000 } : {}),
          onHostOutput: (o) => void outputs.push(o),
          signal: abort.signal,
          ...(progress
            ? {
                onProgress: (counts: RunCounts) => progress.counts({ runId: runId!, ...counts }),
                onHostDone: (host: HostRunResult) => progress.host({ runId: runId!, host }),
              }
            : {}),
        });
      } finally {
        if (runId !== undefined) runs.delete(runId);
      }
      const kept = outputs.filter((o) => o.data.length > 0);
      await incidents.recordWithFiles(
        kept,
        (saved) => runEvent(result, deps.actor, { outputs, saved }),
        (err) => deps.timelineError(`Timeline: the run of ${command} is recorded with its tails only; its output files could not be written: ${err instanceof Error ? err.message : String(err)}`),
      );
      return { ...result, collated: collate(result.hosts) };
    },
    'fleet.runCancel': ({ runId }) => {
      const abort = runs.get(runId);
      abort?.abort();
      return { cancelled: abort !== undefined };
    },
    'auth.answer': ({ promptId, answers, forAll }) => {
      fleet.answerAuth(promptId, answers, forAll);
      return { ok: true };
    },
    'auth.pending': () => ({ prompts: fleet.pendingAuth() }),
    ...incidentHandlers(deps),
    ...lintHandlers(deps),
    ...screenHandlers(deps),
    ...reviewHandlers(deps),
    ...meetingHandlers(deps),
  };
}
