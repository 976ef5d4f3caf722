/**
 * The lint over an incident's journal: every note (as last edited; redacted ones are skipped) and
 * the latest saved text of each write-up section, with the incident's people as names. Findings that
 * a `lint.waived` event covers show as waived; a finding whose words are gone is fixed and no longer
 * listed.
 */
import { eventData, type JournalEvent } from '../../model/incident';
import type { SectionId } from '../../model/writeup';
import type { Finding, LintReport, LintWhere } from './finding';
import { lintText } from './lint';

export interface Waiver {
  rule: string;
  words: string;
  where: LintWhere;
  reason: string;
  seq: number;
  actor: string;
}

export interface LintInputs {
  people: string[];
  notes: Array<{ seq: number; text: string }>;
  sections: Array<{ section: SectionId; text: string; seq: number }>;
  waivers: Waiver[];
}

/** What the lint reads from a journal, folded in one pass. */
export function lintInputs(events: readonly JournalEvent[]): LintInputs {
  const people = new Set<string>();
  const notes = new Map<number, string>();
  const redacted = new Set<number>();
  const edits = new Map<number, string>();
  const sections = new Map<SectionId, { text: string; seq: number }>();
  const waivers: Waiver[] = [];
  for (const e of events) {
    people.add(e.actor);
    const declared = eventData(e, 'incident.declared');
    if (declared) people.add(declared.commander);
    const role = eventData(e, 'role.assigned');
    if (role) {
      people.add(role.to);
      if (role.from) people.add(role.from);
    }
    const released = eventData(e, 'role.released');
    if (released) people.add(released.who);
    const note = eventData(e, 'note');
    if (note) notes.set(e.seq, note.text);
    const edited = eventData(e, 'event.edited');
    if (edited) edits.set(edited.ref, edited.text);
    const redaction = eventData(e, 'event.redacted');
    if (redaction) redacted.add(redaction.ref);
    const saved = eventData(e, 'writeup.saved');
    if (saved) sections.set(saved.section, { text: saved.text, seq: e.seq });
    const waived = eventData(e, 'lint.waived');
    if (waived) waivers.push({ ...waived, seq: e.seq, actor: e.actor });
  }
  return {
    people: [...people],
    notes: [...notes].filter(([seq]) => !redacted.has(seq)).map(([seq, text]) => ({ seq, text: edits.get(seq) ?? text })),
    sections: [...sections].filter(([, v]) => v.text.trim() !== '').map(([section, v]) => ({ section, ...v })),
    waivers,
  };
}

/**
 * The findings of one section's text, saved or still being edited, with the waivers that cover
 * them. A waiver is keyed by rule, words and section, never by offset or version, so one given on
 * text being edited still covers the same words once that text is saved.
 */
export function lintSection(inputs: Pick<LintInputs, 'people' | 'waivers'>, section: SectionId, text: string): Finding[] {
  return withWaivers(
    lintText(text, { people: inputs.people, actionItems: section === 'actions' }).map((f) => ({ ...f, where: { section } })),
    inputs.waivers,
  );
}

function withWaivers(findings: Finding[], waivers: readonly Waiver[]): Finding[] {
  for (const f of findings) {
    const w = waivers.findLast((w) => waiverCovers(w, f));
    if (w) f.waived = { seq: w.seq, actor: w.actor, reason: w.reason };
  }
  return findings;
}

export function lintJournal(events: readonly JournalEvent[]): LintReport {
  const inputs = lintInputs(events);
  const findings: Finding[] = inputs.sections.flatMap((s) => lintSection(inputs, s.section, s.text));
  const noteFindings: Finding[] = inputs.notes.flatMap((n) => lintText(n.text, { people: inputs.people }).map((f) => ({ ...f, where: { seq: n.seq } })));
  findings.push(...withWaivers(noteFindings, inputs.waivers));
  return {
    findings,
    open: findings.filter((f) => !f.waived).length,
    checked: { sections: inputs.sections.map((s) => s.section), notes: inputs.notes.length },
  };
}

/** A waiver covers every finding of its rule with the same words (case and spacing aside) in the same place. */
export function waiverCovers(w: Pick<Waiver, 'rule' | 'words' | 'where'>, f: Pick<Finding, 'rule' | 'words' | 'where'>): boolean {
  return w.rule === f.rule && sameWords(w.words, f.words) && sameWhere(w.where, f.where);
}

export function sameWhere(a: LintWhere, b: LintWhere): boolean {
  return 'section' in a ? 'section' in b && a.section === b.section : 'seq' in b && a.seq === b.seq;
}

function sameWords(a: string, b: string): boolean {
  const n = (s: string) => s.toLowerCase().replace(/\s+/g, ' ').trim();
  return n(a) === n(b);
}
