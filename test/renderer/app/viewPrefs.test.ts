import { describe, expect, it } from 'vitest';
import { keepViewPrefs, readViewPrefs, VIEW_PREFS_KEY, type PrefStorage } from '../../../renderer/app/viewPrefs';
import { createWarroomStore } from '../../../renderer/store';

function memory(initial?: string): PrefStorage & { value(): string | undefined } {
  const map = new Map<string, string>();
  if (initial !== undefined) map.set(VIEW_PREFS_KEY, initial);
  return { getItem: (k) => map.get(k) ?? null, setItem: (k, v) => void map.set(k, v), value: () => map.get(VIEW_PREFS_KEY) };
}

describe('remembered view', () => {
  it('remembers folded side columns and the density across a reload', () => {
    const storage = memory();
    const first = createWarroomStore();
    keepViewPrefs(first, storage);
    first.getState().setPickerOpen(false);
    first.getState().setDensity('compact');
    first.getState().setHostFilter('web'); // not a view preference: not kept
    expect(JSON.parse(storage.value()!)).toEqual({ pickerOpen: false, sideOpen: true, density: 'compact' });

    const reloaded = createWarroomStore();
    keepViewPrefs(reloaded, storage);
    expect(reloaded.getState()).toMatchObject({ pickerOpen: false, sideOpen: true, density: 'compact', hostFilter: '' });
  });

  it('ignores what it cannot read, field by field, and starts from the defaults', () => {
    expect(readViewPrefs(memory('{not json'))).toEqual({});
    expect(readViewPrefs(memory('"compact"'))).toEqual({});
    expect(readViewPrefs(memory(JSON.stringify({ pickerOpen: 'no', sideOpen: false, density: 'tiny' })))).toEqual({ sideOpen: false });
    const store = createWarroomStore();
    keepViewPrefs(store, memory('{not json'));
    expect(store.getState()).toMatchObject({ pickerOpen: true, sideOpen: true, density: 'auto' });
  });

  it('keeps working when storage refuses to write', () => {
    const store = createWarroomStore();
    keepViewPrefs(store, { getItem: () => null, setItem: () => { throw new Error('QuotaExceededError'); } });
    store.getState().setSideOpen(false);
    expect(store.getState().sideOpen).toBe(false);
  });
});
