import type { SaveConflict, SectionId, WriteupSection } from '../../shared/model/writeup';
import type { Slice } from './types';

export interface WriteupSlice {
  /** The active incident's write-up as the Node side folded it; null before the first fetch. */
  writeup: { incidentId: string; sections: WriteupSection[] } | null;
  /** Saves refused because someone else saved first: both texts, for the user to choose or merge. */
  writeupConflicts: Partial<Record<SectionId, SaveConflict>>;
  /** Unsaved text per section (the window's local drafts), as the editor shows it. */
  writeupUnsaved: Partial<Record<SectionId, string>>;
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
  setWriteup: (incidentId, sections) => {
    // Another incident's conflicts and unsaved text are not this one's.
    if (get().writeup?.incidentId !== incidentId) set({ writeupConflicts: {}, writeupUnsaved: {} });
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
  clearWriteup: () => set({ writeup: null, writeupConflicts: {}, writeupUnsaved: {} }),
});
