/**
 * A finished run on the incident timeline (`command.run`): the command as given, and per host its
 * exit code, signal or failure. Output stays out of the journal; it can be large and is not evidence
 * the user chose to keep.
 */
import type { EventDraft } from '../../../shared/model/incident';
import type { RunResult } from './types';

export function runEvent(result: RunResult, actor: string): EventDraft {
  return {
    type: 'command.run',
    actor,
    data: {
      line: result.command,
      results: result.hosts.map((h) => ({
        host: h.alias,
        exitCode: h.exitCode,
        ...(h.signal ? { signal: h.signal } : {}),
        ...(h.failure ? { error: `${h.failure.kind}: ${h.failure.message}` } : {}),
      })),
      durationMs: result.durationMs,
    },
  };
}
