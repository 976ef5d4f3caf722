import type { EventDraft } from '../../../shared/model/incident';
import type { ScreenGroups } from '../../../shared/model/screens';

/** A group's output as kept on the timeline; the window has the whole of it while the line is recent. */
export const SAMPLE_CHARS = 4000;

/** The `screen.grouped` event for a settled line whose command.broadcast is `ref`. */
export function groupedEvent(ref: number, verdict: ScreenGroups): EventDraft {
  return {
    type: 'screen.grouped',
    actor: 'warroom',
    data: {
      ref,
      line: verdict.line,
      groups: verdict.groups.map((g) => ({ hosts: g.hosts, sample: g.output.slice(0, SAMPLE_CHARS) })),
      ...(verdict.interrupted ? { interrupted: verdict.interrupted } : {}),
      ...(verdict.running ? { running: verdict.running } : {}),
    },
  };
}
