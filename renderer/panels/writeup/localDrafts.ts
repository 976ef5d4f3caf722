/**
 * What the user typed in a section and has not saved yet, kept in the page's storage so a reload
 * (or a crash of the window) loses nothing. Keyed by incident, section and the version the text was
 * edited from: after a reload the text comes back on the version it belongs to, and if someone
 * saved meanwhile it is found under the older base and offered as a conflict, never applied blind.
 */
import { SectionId } from '../../../shared/model/writeup';

/** The part of the Web Storage API used (localStorage in the window; a Map in tests). */
export interface DraftStorage {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
  removeItem(key: string): void;
  readonly length: number;
  key(index: number): string | null;
}

const PREFIX = 'warroom.writeup.v1';

export interface LocalDraft {
  section: SectionId;
  /** The version the text was edited from; null for a section never saved. */
  base: number | null;
  text: string;
}

function keyOf(incidentId: string, section: SectionId, base: number | null): string {
  return `${PREFIX}|${incidentId}|${section}|${base ?? 'new'}`;
}

export class LocalDrafts {
  constructor(private readonly storage: DraftStorage) {}

  put(incidentId: string, draft: LocalDraft): void {
    try {
      this.storage.setItem(keyOf(incidentId, draft.section, draft.base), draft.text);
    } catch {
      // Storage full or disabled: the text is still in the editor; saving is the durable path.
    }
  }

  get(incidentId: string, section: SectionId, base: number | null): string | null {
    return this.storage.getItem(keyOf(incidentId, section, base));
  }

  remove(incidentId: string, section: SectionId, base: number | null): void {
    this.storage.removeItem(keyOf(incidentId, section, base));
  }

  /** Every unsaved text of the incident, whatever version it was edited from. */
  list(incidentId: string): LocalDraft[] {
    const out: LocalDraft[] = [];
    for (let i = 0; i < this.storage.length; i++) {
      const key = this.storage.key(i);
      const parts = key?.split('|');
      if (!key || parts?.length !== 4 || parts[0] !== PREFIX || parts[1] !== incidentId) continue;
      const section = SectionId.safeParse(parts[2]);
      const base = parts[3] === 'new' ? null : Number(parts[3]);
      const text = this.storage.getItem(key);
      if (section.success && text !== null && (base === null || Number.isInteger(base))) out.push({ section: section.data, base, text });
    }
    return out;
  }
}

/** The window's localStorage, or a memory stand-in where a page has none (it then survives no reload). */
export function pageStorage(): DraftStorage {
  const ls = (globalThis as { localStorage?: DraftStorage }).localStorage;
  if (ls) return ls;
  const map = new Map<string, string>();
  return {
    getItem: (k) => map.get(k) ?? null,
    setItem: (k, v) => void map.set(k, v),
    removeItem: (k) => void map.delete(k),
    get length() {
      return map.size;
    },
    key: (i) => [...map.keys()][i] ?? null,
  };
}
