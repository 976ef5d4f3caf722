import { describeEvent as describe, phraseText, type RunOutput } from '../../shared/model/describe';
import type { JournalEvent } from '../../shared/model/incident';
import { formatUtc } from './time';

/** An event as the timeline shows it: shared/model/describe.ts's description, as plain text. */
export interface EventView {
  /** A short label for the kind of event. */
  label: string;
  /** The main text, shown as text (never as HTML). */
  text: string;
  /** Hosts the event concerns, when it has any. */
  hosts: string[];
  /** Commands are shown in monospace, with their hosts. */
  command: boolean;
  /** A short addition after the text: exit codes, "uncertain", who held a role before. */
  detail?: string;
  /** A run's output tails per host (untrusted: shown as text). */
  outputs?: readonly RunOutput[];
}

/** What later events did to this one: its current corrected text, or why it was redacted. */
export interface Correction {
  edited?: string;
  redacted?: string;
}

/** How one journal event reads on the timeline; unknown shapes still show, as their raw type and data. */
export function describeEvent(event: JournalEvent, correction: Correction = {}): EventView {
  const d = describe(event);
  if (correction.redacted !== undefined) return { label: d.label, text: '[redacted]', hosts: [], command: false, detail: `reason: ${correction.redacted}` };
  const view: EventView = { label: d.label, text: phraseText(d.text, formatUtc), hosts: d.hosts, command: d.command, ...(d.outputs ? { outputs: d.outputs } : {}) };
  if (correction.edited !== undefined) return { ...view, text: correction.edited, detail: 'edited' };
  return d.detail ? { ...view, detail: phraseText(d.detail, formatUtc) } : view;
}
