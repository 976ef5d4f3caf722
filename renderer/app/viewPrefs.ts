/**
 * What the window remembers of its view across reloads and launches: whether each side column is
 * open and the grid's density. Kept in the page's localStorage (per origin, so per browser-mode
 * port; the desktop app has one); anything unreadable there is ignored, never an error.
 */
import type { WarroomStore } from '../store';
import { isDensity, type Density } from '../model/density';

export interface ViewPrefs {
  pickerOpen: boolean;
  sideOpen: boolean;
  density: Density;
}

export interface PrefStorage {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
}

export const VIEW_PREFS_KEY = 'warroom.view';

/** The remembered view; fields missing or of the wrong type are left out. */
export function readViewPrefs(storage: PrefStorage): Partial<ViewPrefs> {
  let parsed: unknown;
  try {
    parsed = JSON.parse(storage.getItem(VIEW_PREFS_KEY) ?? 'null');
  } catch {
    return {};
  }
  if (typeof parsed !== 'object' || parsed === null) return {};
  const p = parsed as Record<string, unknown>;
  const prefs: Partial<ViewPrefs> = {};
  if (typeof p.pickerOpen === 'boolean') prefs.pickerOpen = p.pickerOpen;
  if (typeof p.sideOpen === 'boolean') prefs.sideOpen = p.sideOpen;
  if (isDensity(p.density)) prefs.density = p.density;
  return prefs;
}

/** Applies the remembered view to the store, then remembers every change; returns the unsubscribe. */
export function keepViewPrefs(store: WarroomStore, storage: PrefStorage | undefined = pageStorage()): () => void {
  if (!storage) return () => undefined;
  const prefs = readViewPrefs(storage);
  const s = store.getState();
  if (prefs.pickerOpen !== undefined) s.setPickerOpen(prefs.pickerOpen);
  if (prefs.sideOpen !== undefined) s.setSideOpen(prefs.sideOpen);
  if (prefs.density !== undefined) s.setDensity(prefs.density);
  return store.subscribe((now, prev) => {
    if (now.pickerOpen === prev.pickerOpen && now.sideOpen === prev.sideOpen && now.density === prev.density) return;
    const value: ViewPrefs = { pickerOpen: now.pickerOpen, sideOpen: now.sideOpen, density: now.density };
    try {
      storage.setItem(VIEW_PREFS_KEY, JSON.stringify(value));
    } catch {
      // Storage full or refused (private mode): the view still works, it is just not remembered.
    }
  });
}

function pageStorage(): PrefStorage | undefined {
  try {
    return (globalThis as { localStorage?: PrefStorage }).localStorage;
  } catch {
    return undefined;
  }
}
