/**
 * The checks and drafts behind each thing a person does to an incident (#4). Each returns the
 * event to append or throws a UserError saying why not; the service appends.
 */
import { MAX_NOTE_CHARS, type EventDraft, type Incident, type IncidentStatus, type JournalEvent, type MarkerKind, type Milestone, type Role, type Severity } from '../../shared/model/incident';
import { UserError } from '../core/errors';
import { checklistItemIds, findChecklistItem, type ChecklistDef } from '../../shared/model/checklist';
import { evaluateChecklists } from '../../shared/model/checklistState';
import { CLOSING_CHECKLIST, closingBlockers, foldWaivers } from '../../shared/model/closing';
import type { IncidentState } from './state';

const ISO_MS = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;

/**
 * The one note builder, for the window, `warroom log TEXT` and `warroom log -` alike: trimmed, not
 * empty, and refused (never cut) above MAX_NOTE_CHARS, so what was written is never silently lost.
 */
export function noteDraft(text: string, actor: string): EventDraft {
  const body = text.trim();
  if (!body) throw new UserError('the note is empty');
  if (body.length > MAX_NOTE_CHARS) throw new UserError(noteTooLong(body.length));
  return { type: 'note', actor, data: { text: body } };
}

function noteTooLong(length: number): string {
  return `the note is ${length} characters; one note holds at most ${MAX_NOTE_CHARS} (attach a longer text as a file)`;
}

/**
 * `closing` is what closing checks: the checklists in force and the journal. Without it, closing is
 * refused rather than let through unchecked.
 */
export function statusDraft(
  incident: Incident,
  to: IncidentStatus,
  actor: string,
  reason?: string,
  closing?: { checklists: readonly ChecklistDef[]; events: readonly JournalEvent[]; now?: Date },
): EventDraft {
  if (incident.status === to) throw new UserError(`the incident is already ${to}`);
  if (to === 'closed') {
    if (incident.status !== 'resolved') throw new UserError(`cannot close a ${incident.status} incident: resolve it first`);
    if (!closing) throw new UserError('closing needs the post-mortem checklist to check');
    const blockers = closingBlockers(closing.checklists, closing.events, closing.now ?? new Date());
    if (blockers.length) {
      throw new UserError(
        `cannot close: the post-mortem checklist is not complete: ${blockers.map((b) => `${b.key} (${b.label})`).join(', ')}; do them, or waive each with \`warroom checklist waive ${CLOSING_CHECKLIST}/ITEM --reason WHY\``,
      );
    }
  }
  return { type: 'incident.status', actor, data: { from: incident.status, to, ...(reason?.trim() ? { reason: reason.trim() } : {}) } };
}

export function severityDraft(incident: Incident, to: Severity, actor: string, reason?: string): EventDraft {
  if (incident.severity === to) throw new UserError(`the incident is already ${to}`);
  return { type: 'incident.severity', actor, data: { from: incident.severity, to, ...(reason?.trim() ? { reason: reason.trim() } : {}) } };
}

export function titleDraft(incident: Incident, title: string, actor: string): EventDraft {
  const to = title.trim();
  if (!to) throw new UserError('an incident needs a title');
  if (to === incident.title) throw new UserError('the title is unchanged');
  return { type: 'incident.title', actor, data: { from: incident.title, to } };
}

export function roleDraft(state: IncidentState, role: Role, to: string, actor: string): EventDraft {
  const who = to.trim();
  if (!who) throw new UserError(`who takes the ${role} role?`);
  const holders = state.roles[role];
  if (holders.includes(who)) throw new UserError(`${who} already holds the ${role} role`);
  const from = role === 'sme' ? undefined : holders[0];
  return { type: 'role.assigned', actor, data: { role, to: who, ...(from ? { from } : {}) } };
}

export function releaseDraft(state: IncidentState, role: Role, who: string, actor: string): EventDraft {
  if (!state.roles[role].includes(who)) throw new UserError(`${who} does not hold the ${role} role`);
  if (role === 'commander') throw new UserError('the commander role is handed over, not released: assign it to someone else');
  return { type: 'role.released', actor, data: { role, who } };
}

export function milestoneDraft(milestone: Milestone, actor: string, at?: string, suggestedBy?: number): EventDraft {
  const when = at ?? new Date().toISOString();
  if (!ISO_MS.test(when) || Number.isNaN(Date.parse(when))) throw new UserError(`milestone time ${JSON.stringify(at)} is not UTC ISO-8601 with milliseconds`);
  return { type: 'milestone', actor, data: { milestone, at: when, ...(suggestedBy ? { suggestedBy } : {}) } };
}

/** The event a ref points at, or a UserError naming the seq. */
export function target(events: readonly JournalEvent[], ref: number): JournalEvent {
  // Seqs are 1..n with no gaps, so the index is the seq.
  const e = events[ref - 1];
  if (!e || e.seq !== ref) throw new UserError(`there is no event #${ref} in this incident`);
  return e;
}

export function markerDraft(events: readonly JournalEvent[], ref: number, marker: MarkerKind, on: boolean, actor: string): EventDraft {
  target(events, ref);
  return { type: 'marker', actor, data: { ref, marker, on } };
}

export function pinDraft(events: readonly JournalEvent[], ref: number, pinned: boolean, actor: string): EventDraft {
  target(events, ref);
  return { type: 'pin', actor, data: { ref, pinned } };
}

export function editDraft(events: readonly JournalEvent[], state: IncidentState, ref: number, text: string, actor: string, reason?: string): EventDraft {
  const e = target(events, ref);
  if (e.type !== 'note') throw new UserError(`only notes can be edited; #${ref} is ${e.type} (add a note instead)`);
  if (state.redactions.has(ref)) throw new UserError(`#${ref} is redacted`);
  const body = text.trim();
  if (!body) throw new UserError('the new text is empty; redact the note to hide it');
  if (body.length > MAX_NOTE_CHARS) throw new UserError(noteTooLong(body.length));
  return { type: 'event.edited', actor, data: { ref, text: body, ...(reason?.trim() ? { reason: reason.trim() } : {}) } };
}

export function redactDraft(events: readonly JournalEvent[], state: IncidentState, ref: number, reason: string, actor: string): EventDraft {
  const e = target(events, ref);
  if (e.type === 'incident.declared') throw new UserError('the declaration cannot be redacted; change the title instead');
  if (state.redactions.has(ref)) throw new UserError(`#${ref} is already redacted`);
  const why = reason.trim();
  if (!why) throw new UserError('a redaction needs a reason');
  return { type: 'event.redacted', actor, data: { ref, reason: why } };
}

/** Leaves a checklist item undone on purpose, so the incident can close; refused for an item that is done or already waived. */
export function waiveItemDraft(checklists: readonly ChecklistDef[], events: readonly JournalEvent[], key: string, reason: string, actor: string, now = new Date()): EventDraft {
  const [checklist = '', itemId = ''] = key.split('/');
  const def = key.split('/').length === 2 ? findChecklistItem(checklists, checklist, itemId) : undefined;
  if (!def) throw new UserError(`unknown checklist item ${JSON.stringify(key)}: one of ${checklistItemIds(checklists).join(', ')}`);
  const why = reason.trim();
  if (!why) throw new UserError(`waiving ${key} needs a reason (--reason)`);
  const status = evaluateChecklists(checklists, events, now).find((l) => l.id === checklist)?.items.find((i) => i.id === itemId);
  if (status?.done) throw new UserError(`${key} is done: there is nothing to waive`);
  const waived = foldWaivers(events).get(key);
  if (waived) throw new UserError(`${key} is already waived (#${waived.seq} by ${waived.actor}: ${waived.reason})`);
  return { type: 'checklist.waived', actor, data: { checklist, itemId, reason: why } };
}
