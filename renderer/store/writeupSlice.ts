import type { SaveConflict, SectionId, WriteupSection } from '../../shared/model/writeup';
import type { Slice } from './types';

export interface WriteupSlice {
  /** The active incident's write-up as the Node side folded it; null before the first fetch. */
  writeup: { incidentId: string; sections: WriteupSection[] } | null;
  /** Saves refused because someone else saved first: both texts, for the user to choose or merge. */
  writeupConflicts: Partial<Record<SectionId, SaveConflict>>;
  /** Unsaved text per section (the window's local drafts), as the editor shows it. */
  writeupUnsaved: Partial<Record<SectionId, string>>;
  /** The event a clicked `#seq` citation brings into view and highlights (`n` counts clicks, so a second click on the same seq shows it again). */
  timelineFocus: { seq: number; n: number } | null;
  /** The timeline event picked for citing: the editor's Cite button inserts its `#seq`. */
  timelinePick: number | null;
  focusEvent(seq: number): void;
  pickEvent(seq: number | null): void;
  setWriteup(incidentId: string, sections: WriteupSection[]): void;
  setWriteupSection(incidentId: string, section: WriteupSection): void;
  setWriteupConflict(section: SectionId, conflict: SaveConflict | null): void;
  setWriteupUnsaved(section: SectionId, text: string | null): void;
  clearWriteup(): void;
}

export const createWriteupSlice: Slice<WriteupSlice> = (set, get) => ({
  writeup: null,
  writeupConflicts: {},
  writeupUnsaved: {},
  timelineFocus: null,
  timelinePick: null,
  focusEvent: (seq) => set({ timelineFocus: { seq, n: (get().timelineFocus?.n ?? 0) + 1 } }),
  pickEvent: (seq) => set({ timelinePick: seq }),
  setWriteup: (incidentId, sections) => {
    // Another incident's conflicts and unsaved text are not this one's.
    if (get().writeup?.incidentId !== incidentId) set({ writeupConflicts: {}, writeupUnsaved: {}, timelineFocus: null, timelinePick: null });
    set({ writeup: { incidentId, sections } });
  },
  setWriteupSection: (incidentId, section) => {
    const current = get().writeup;
    if (!current || current.incidentId !== incidentId) return;
    set({ writeup: { incidentId, sections: current.sections.map((s) => (s.id === section.id ? section : s)) } });
  },
  setWriteupConflict: (section, conflict) => {
    const { [section]: _gone, ...rest } = get().writeupConflicts;
    set({ writeupConflicts: conflict ? { ...rest, [section]: conflict } : rest });
  },
  setWriteupUnsaved: (section, text) => {
    const { [section]: _gone, ...rest } = get().writeupUnsaved;
    set({ writeupUnsaved: text === null ? rest : { ...rest, [section]: text } });
  },
  clearWriteup: () => set({ writeup: null, writeupConflicts: {}, writeupUnsaved: {}, timelineFocus: null, timelinePick: null }),
});
