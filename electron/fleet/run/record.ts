/**
 * A finished run on the incident timeline (`command.run`): the command as given, and per host its
 * exit code, signal or failure, the tail of its output, and (when the caller kept it in the
 * incident folder) the file holding the whole output, by hash.
 */
import type { EventDataOf, EventDraft } from '../../../shared/model/incident';
import type { HostOutput, RunResult } from './types';

export type SavedOutput = NonNullable<EventDataOf<'command.run'>['results'][number]['output']>;

export function runEvent(result: RunResult, actor: string, kept: { outputs?: readonly HostOutput[]; saved?: ReadonlyMap<string, SavedOutput> } = {}): EventDraft {
  const dropped = new Map((kept.outputs ?? []).map((o) => [o.alias, o.dropped]));
  return {
    type: 'command.run',
    actor,
    data: {
      line: result.command,
      results: result.hosts.map((h) => {
        const output = kept.saved?.get(h.alias);
        const lost = dropped.get(h.alias) ?? 0;
        return {
          host: h.alias,
          exitCode: h.exitCode,
          ...(h.signal ? { signal: h.signal } : {}),
          ...(h.failure ? { error: `${h.failure.kind}: ${h.failure.message}` } : {}),
          ...(h.tail ? { tail: h.tail } : {}),
          ...(output ? { output } : {}),
          ...(lost > 0 ? { dropped: lost } : {}),
        };
      }),
      durationMs: result.durationMs,
    },
  };
}
