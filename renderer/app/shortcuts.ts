/**
 * The window's keyboard shortcuts, after iTerm2's and Tabby's habits, in one table that both the
 * key handling and the help overlay read. Each needs Ctrl or Cmd with Shift or Alt: combinations
 * a shell, an editor or a pager does not expect, so keys typed in a terminal are never taken.
 */
import type { Density } from '../terminals/density';
import type { Direction } from '../terminals/layout';

export type ShortcutKey = Pick<KeyboardEvent, 'ctrlKey' | 'shiftKey' | 'altKey' | 'metaKey' | 'code'> & {
  getModifierState?(key: string): boolean;
};

export interface ShortcutActions {
  toggleBroadcast(): void;
  move(direction: Direction): void;
  group(delta: 1 | -1): void;
  toggleZoom(): void;
  page(delta: 1 | -1): void;
  /** Folds or opens a side column: the host list (left) or the incident (right). */
  toggleColumn(column: 'hosts' | 'incident'): void;
  setDensity(density: Density): void;
  help(): void;
}

export interface Shortcut {
  /** As shown in the help overlay. */
  keys: string;
  what: string;
  matches(event: ShortcutKey): boolean;
  run(actions: ShortcutActions, event: ShortcutKey): void;
}

/**
 * Ctrl on Linux and Windows, Cmd on a Mac: either one, never both. Never with AltGr, which Windows
 * reports as Ctrl+Alt: on a French or German keyboard AltGr+0 or AltGr+= types } or ] in a terminal.
 */
const mod = (e: ShortcutKey) => e.ctrlKey !== e.metaKey && e.getModifierState?.('AltGraph') !== true;
const combo = (shift: boolean, alt: boolean, ...codes: string[]) => (e: ShortcutKey) =>
  mod(e) && e.shiftKey === shift && e.altKey === alt && codes.includes(e.code);

const ARROWS: [string, Direction, string][] = [
  ['ArrowLeft', 'left', '←'],
  ['ArrowRight', 'right', '→'],
  ['ArrowUp', 'up', '↑'],
  ['ArrowDown', 'down', '↓'],
];

export const SHORTCUTS: readonly Shortcut[] = [
  {
    keys: 'Ctrl/Cmd+Shift+I  or  Ctrl/Cmd+Shift+B',
    what: 'Broadcast on or off (keys to every included host)',
    matches: combo(true, false, 'KeyI', 'KeyB'),
    run: (a) => a.toggleBroadcast(),
  },
  ...ARROWS.map(([code, direction, arrow]): Shortcut => ({
    keys: `Ctrl/Cmd+Alt+${arrow}`,
    what: `Move to the pane ${direction === 'left' || direction === 'right' ? `on the ${direction}` : direction === 'up' ? 'above' : 'below'}`,
    matches: combo(false, true, code),
    run: (a) => a.move(direction),
  })),
  {
    keys: 'Ctrl/Cmd+Shift+]  /  [',
    what: 'Next / previous host group (first pane of web, db, …)',
    matches: combo(true, false, 'BracketRight', 'BracketLeft'),
    run: (a, e) => a.group(e.code === 'BracketRight' ? 1 : -1),
  },
  {
    keys: 'Ctrl/Cmd+Shift+Enter',
    what: 'Zoom the pane (show it alone); again to go back',
    matches: combo(true, false, 'Enter', 'NumpadEnter'),
    run: (a) => a.toggleZoom(),
  },
  {
    keys: 'Ctrl/Cmd+Alt+PageDown  /  PageUp',
    what: 'Next / previous page of panes',
    matches: combo(false, true, 'PageDown', 'PageUp'),
    run: (a, e) => a.page(e.code === 'PageDown' ? 1 : -1),
  },
  {
    keys: 'Ctrl/Cmd+Alt+[  /  ]',
    what: 'Fold or open the host list (left) / the incident column (right)',
    matches: combo(false, true, 'BracketLeft', 'BracketRight'),
    run: (a, e) => a.toggleColumn(e.code === 'BracketLeft' ? 'hosts' : 'incident'),
  },
  {
    keys: 'Ctrl/Cmd+Alt+-  /  =  /  0',
    what: 'Compact panes (smaller text, 64x10 minimum) / comfortable (78x12) / auto',
    matches: combo(false, true, 'Minus', 'Equal', 'Digit0', 'NumpadSubtract', 'NumpadAdd', 'Numpad0'),
    run: (a, e) => a.setDensity(e.code.endsWith('Subtract') || e.code === 'Minus' ? 'compact' : e.code.endsWith('0') ? 'auto' : 'comfortable'),
  },
  {
    keys: '?  (outside a terminal)',
    what: 'This list',
    matches: () => false,
    run: (a) => a.help(),
  },
];

/** Runs the shortcut for this key, if any; true when the key was one (and must not reach the host). */
export function runShortcut(event: ShortcutKey, actions: ShortcutActions): boolean {
  const found = SHORTCUTS.find((s) => s.matches(event));
  if (!found) return false;
  found.run(actions, event);
  return true;
}
