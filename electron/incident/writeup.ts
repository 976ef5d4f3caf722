/**
 * The write-up document in the journal (issue 8 §1–2): saving a section as a compare-and-set on its
 * current version, accepting a draft, filling empty sections with drafts, history and diffs. Every
 * function works on an open Journal, so the app and the CLI (two processes) share them and meet at
 * the journal's lock, where each save's check runs after catching up with the other writer.
 */
import { diffLines } from 'diff';
import type { JournalEvent } from '../../shared/model/incident';
import { SectionId, type DiffPart, type SaveConflict, type SectionOrigin, type SectionVersion } from '../../shared/model/writeup';
import { currentVersion, sectionVersions } from '../../shared/writeup/document';
import { UserError } from '../core/errors';
import type { Journal } from '../journal/journal';
import { foldState } from './state';
import { toDetails } from './details';
import type { draftSection } from '../../shared/writeup/draft';

/** One section's draft from the evidence, with `#seq` citations, or null when there is none. */
export type Drafter = typeof draftSection;

/** A save refused because the section moved on since the version it was edited from. Nothing was written. */
export class WriteupConflict extends UserError {
  override name = 'WriteupConflict';
  constructor(
    readonly incidentId: string,
    readonly conflict: SaveConflict,
  ) {
    const { section, theirs, yours } = conflict;
    const them = theirs.seq === null ? 'it has never been saved' : `its current version is #${theirs.seq}${theirs.actor ? ` by ${theirs.actor}` : ''}${theirs.ts ? ` at ${theirs.ts}` : ''}`;
    super(`incident ${incidentId}, section ${section}: conflict: you edited ${yours.base === null ? 'an empty section' : `version #${yours.base}`}, but ${them}; nothing was saved (merge, then save with --base ${theirs.seq ?? 'none'})`);
  }
}

export interface SaveRequest {
  section: SectionId;
  text: string;
  /** The version edited from; null for a section never saved. */
  base: number | null;
  origin?: SectionOrigin;
}

/** Saves one section, refused with WriteupConflict (under the lock, so across processes) unless `base` is still current. */
export async function saveSection(journal: Journal, incidentId: string, req: SaveRequest, actor: string): Promise<JournalEvent> {
  const { section, text, base } = req;
  return journal.append(
    { type: 'writeup.saved', actor, data: { section, text, base, origin: req.origin ?? 'person' } },
    {
      check: (events, earlier) => {
        const current = currentVersion(earlier, section) ?? currentVersion(events, section);
        if ((current?.seq ?? null) === base) return;
        throw new WriteupConflict(incidentId, {
          section,
          theirs: { seq: current?.seq ?? null, text: current?.text ?? '', ...(current ? { actor: current.actor, ts: current.ts } : {}) },
          yours: { base, text },
        });
      },
    },
  );
}

/** Saves over whatever is current (`writeup set` without --base): last writer wins, knowingly. */
export async function overwriteSection(journal: Journal, incidentId: string, req: Omit<SaveRequest, 'base'>, actor: string): Promise<JournalEvent> {
  for (let attempt = 1; ; attempt++) {
    await journal.refresh();
    const base = currentVersion(journal.events, req.section)?.seq ?? null;
    try {
      return await saveSection(journal, incidentId, { ...req, base }, actor);
    } catch (err) {
      // Someone saved between our read and the lock: read again, a few times at most.
      if (!(err instanceof WriteupConflict) || attempt >= 5) throw err;
    }
  }
}

/** A person accepts a draft as it is; only the section's current version, and only a draft, can be. */
export function acceptDraft(journal: Journal, incidentId: string, section: SectionId, version: number, actor: string): Promise<JournalEvent> {
  return journal.append(
    { type: 'writeup.accepted', actor, data: { section, version } },
    {
      check: (events, earlier) => {
        const current = currentVersion(earlier, section) ?? currentVersion(events, section);
        if (!current) throw new UserError(`incident ${incidentId}, section ${section}: nothing to accept, the section was never saved`);
        if (current.seq !== version) throw new UserError(`incident ${incidentId}, section ${section}: #${version} is not the current version (#${current.seq} is)`);
        if (current.origin !== 'draft') throw new UserError(`incident ${incidentId}, section ${section}: #${version} was written by a person, not drafted`);
      },
    },
  );
}

export interface DraftOutcome {
  filled: Array<{ section: SectionId; seq: number }>;
  skipped: Array<{ section: SectionId; reason: string }>;
}

/**
 * Fills empty sections with drafts from the evidence (origin draft). A section with text is never
 * touched, whoever wrote it; one that someone saves while the draft is built wins (the save's check).
 */
export async function fillDrafts(journal: Journal, incidentId: string, drafter: Drafter, actor: string, only?: SectionId): Promise<DraftOutcome> {
  await journal.refresh();
  const events = [...journal.events];
  const details = toDetails(foldState(events), events);
  const out: DraftOutcome = { filled: [], skipped: [] };
  for (const section of only ? [only] : SectionId.options) {
    const current = currentVersion(events, section);
    if (current && current.text.trim() !== '') {
      out.skipped.push({ section, reason: current.origin === 'person' ? `written by ${current.actor} (#${current.seq})` : `already drafted (#${current.seq})` });
      continue;
    }
    const text = drafter(section, events, { details });
    if (text === null || text.trim() === '') {
      out.skipped.push({ section, reason: 'no evidence to draft it from' });
      continue;
    }
    try {
      const saved = await saveSection(journal, incidentId, { section, text, base: current?.seq ?? null, origin: 'draft' }, actor);
      out.filled.push({ section, seq: saved.seq });
    } catch (err) {
      if (!(err instanceof WriteupConflict)) throw err;
      out.skipped.push({ section, reason: `saved by someone else meanwhile (#${err.conflict.theirs.seq ?? '?'})` });
    }
  }
  return out;
}

export function history(events: readonly JournalEvent[], section: SectionId): SectionVersion[] {
  return sectionVersions(events)[section];
}

/** The line diff from one version to another (any two versions, of any sections). */
export function diffVersions(events: readonly JournalEvent[], incidentId: string, from: number, to: number): { from: SectionVersion & { section: SectionId }; to: SectionVersion & { section: SectionId }; parts: DiffPart[] } {
  const a = versionAt(events, incidentId, from);
  const b = versionAt(events, incidentId, to);
  const parts = diffLines(a.text, b.text).map((c) => ({ value: c.value, added: c.added, removed: c.removed }));
  return { from: a, to: b, parts };
}

function versionAt(events: readonly JournalEvent[], incidentId: string, seq: number): SectionVersion & { section: SectionId } {
  const e = events[seq - 1];
  const d = e?.type === 'writeup.saved' ? SectionId.safeParse(e.data.section) : undefined;
  if (!e || !d?.success) throw new UserError(`incident ${incidentId}: #${seq} is not a saved version of a write-up section`);
  const v = sectionVersions([e])[d.data][0];
  if (!v) throw new UserError(`incident ${incidentId}: #${seq} is not a valid write-up version`);
  return { ...v, section: d.data };
}
