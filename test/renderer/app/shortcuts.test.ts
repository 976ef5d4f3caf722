import { describe, expect, it } from 'vitest';
import { SHORTCUTS, runShortcut, type ShortcutActions, type ShortcutKey } from '../../../renderer/app/shortcuts';

function recorder() {
  const calls: string[] = [];
  const actions: ShortcutActions = {
    toggleBroadcast: () => calls.push('broadcast'),
    move: (d) => calls.push(`move ${d}`),
    group: (d) => calls.push(`group ${d}`),
    toggleZoom: () => calls.push('zoom'),
    page: (d) => calls.push(`page ${d}`),
    toggleColumn: (c) => calls.push(`column ${c}`),
    setDensity: (d) => calls.push(`density ${d}`),
    help: () => calls.push('help'),
  };
  return { calls, actions };
}

const key = (code: string, mods: Partial<ShortcutKey> = {}): ShortcutKey => ({ ctrlKey: false, shiftKey: false, altKey: false, metaKey: false, code, ...mods });

describe('window shortcuts', () => {
  it('runs each combination with Ctrl or with Cmd', () => {
    for (const mod of [{ ctrlKey: true }, { metaKey: true }]) {
      const { calls, actions } = recorder();
      const keys = [
        key('KeyI', { ...mod, shiftKey: true }),
        key('KeyB', { ...mod, shiftKey: true }),
        key('ArrowLeft', { ...mod, altKey: true }),
        key('ArrowDown', { ...mod, altKey: true }),
        key('BracketRight', { ...mod, shiftKey: true }),
        key('BracketLeft', { ...mod, shiftKey: true }),
        key('Enter', { ...mod, shiftKey: true }),
        key('PageDown', { ...mod, altKey: true }),
        key('PageUp', { ...mod, altKey: true }),
        key('BracketLeft', { ...mod, altKey: true }),
        key('BracketRight', { ...mod, altKey: true }),
        key('Minus', { ...mod, altKey: true }),
        key('Equal', { ...mod, altKey: true }),
        key('Digit0', { ...mod, altKey: true }),
      ];
      for (const k of keys) expect(runShortcut(k, actions), k.code).toBe(true);
      expect(calls).toEqual([
        'broadcast', 'broadcast', 'move left', 'move down', 'group 1', 'group -1', 'zoom', 'page 1', 'page -1',
        'column hosts', 'column incident', 'density compact', 'density comfortable', 'density auto',
      ]);
    }
  });

  it('leaves keys that terminals use to the terminal', () => {
    const { calls, actions } = recorder();
    const typed = [
      key('KeyC', { ctrlKey: true }), // interrupt
      key('KeyI', { ctrlKey: true }), // Tab
      key('BracketLeft', { ctrlKey: true }), // Escape in vi
      key('Enter'),
      key('Enter', { shiftKey: true }),
      key('ArrowLeft', { altKey: true }), // word left in readline
      key('ArrowLeft', { ctrlKey: true }), // word left in most shells
      key('PageUp', { shiftKey: true }), // scrollback
      key('KeyB', { ctrlKey: true, shiftKey: true, metaKey: true }), // both modifiers: not ours
      key('Slash', { shiftKey: true }), // "?" is typed into terminals
      key('Minus', { ctrlKey: true }), // page zoom, not ours
      // AltGr, which Windows reports as Ctrl+Alt: AltGr+0 and AltGr+= type } on French and German keyboards.
      { ...key('Digit0', { ctrlKey: true, altKey: true }), getModifierState: (k: string) => k === 'AltGraph' },
      { ...key('Equal', { ctrlKey: true, altKey: true }), getModifierState: (k: string) => k === 'AltGraph' },
    ];
    for (const k of typed) expect(runShortcut(k, actions), JSON.stringify(k)).toBe(false);
    expect(calls).toEqual([]);
  });

  it('lists every combination it handles for the help overlay', () => {
    const text = SHORTCUTS.map((s) => `${s.keys} ${s.what}`).join('\n');
    for (const words of ['Shift+I', 'Alt+←', 'Alt+→', 'Alt+↑', 'Alt+↓', 'Shift+]', 'Shift+Enter', 'PageDown', 'Alt+[', 'Alt+-', '?']) expect(text).toContain(words);
  });
});
