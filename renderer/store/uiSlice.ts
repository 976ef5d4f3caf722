import type { RequestOutput } from '../../shared/contract';
import type { HostKeyPrompt } from '../../shared/model/host';
import type { LinkState } from '../model/link';
import type { Density } from '../model/density';
import type { Slice } from './types';

export type AppInfo = RequestOutput<'app.info'>;

export type Link = LinkState;

export type PaneLayout = 'grid' | 'strip';

export interface UiError {
  id: number;
  message: string;
  /** When it last happened (ms since epoch) and how often, so a repeating failure is one line. */
  at: number;
  count: number;
}

export interface UiSlice {
  appInfo: AppInfo | null;
  link: Link;
  errors: UiError[];
  screenReader: boolean;
  /** True once the user chose, so app.info does not override their choice on reconnect. */
  screenReaderChosen: boolean;
  hostKeyPrompts: HostKeyPrompt[];
  /** Side columns can fold to a rail, giving their width to the terminals. */
  pickerOpen: boolean;
  sideOpen: boolean;
  /** The post-mortem meeting's facilitator view, above the terminals. */
  meetingOpen: boolean;
  setMeetingOpen(open: boolean): void;
  /** One pane shown alone over the whole grid (the others keep their buffers), or null. */
  zoomed: string | null;
  /** How the panes share the centre: the automatic grid, or one large pane over a strip. */
  layout: PaneLayout;
  /** The large pane of the strip layout (the first pane when unset or gone). */
  featured: string | null;
  /** The pane whose terminal has the keyboard, for the pane shortcuts. */
  focusedPane: string | null;
  /** A pane just brought into view, highlighted briefly so the eye finds it. */
  flash: { sessionId: string; at: number } | null;
  /** The host filter: it narrows the host list and the grid alike. */
  hostFilter: string;
  /** The keyboard shortcut overlay. */
  helpOpen: boolean;
  /** How densely the grid packs terminals (terminals/density.ts); remembered with the side columns. */
  density: Density;
  setDensity(density: Density): void;
  setLayout(layout: PaneLayout): void;
  setFeatured(sessionId: string | null): void;
  setFocusedPane(sessionId: string | null): void;
  setFlash(sessionId: string | null, at?: number): void;
  setHostFilter(query: string): void;
  setHelpOpen(open: boolean): void;
  /** Sessions whose pane is at least partly on screen (the registry's IntersectionObserver). */
  onScreen: Readonly<Record<string, true>>;
  setOnScreen(sessionIds: Iterable<string>): void;
  setZoomed(sessionId: string | null): void;
  setPickerOpen(open: boolean): void;
  setSideOpen(open: boolean): void;
  setAppInfo(info: AppInfo): void;
  setLink(link: Link): void;
  reportError(message: string, at?: number): void;
  dismissError(id: number): void;
  dismissAllErrors(): void;
  setScreenReader(on: boolean): void;
  addHostKeyPrompts(prompts: readonly HostKeyPrompt[]): void;
  removeHostKeyPrompt(promptId: string): void;
  resetHostKeyPrompts(prompts: readonly HostKeyPrompt[]): void;
}

/** Errors kept on screen; older ones scroll away rather than pile up without end. */
export const MAX_ERRORS = 20;
let nextErrorId = 1;

export const createUiSlice: Slice<UiSlice> = (set, get) => ({
  appInfo: null,
  link: { kind: 'connecting', attempt: 1 },
  errors: [],
  screenReader: false,
  screenReaderChosen: false,
  hostKeyPrompts: [],
  pickerOpen: true,
  sideOpen: true,
  meetingOpen: false,
  setMeetingOpen: (open) => set({ meetingOpen: open }),
  zoomed: null,
  layout: 'grid',
  featured: null,
  focusedPane: null,
  flash: null,
  hostFilter: '',
  helpOpen: false,
  density: 'auto',
  setDensity: (density) => set({ density }),
  setLayout: (layout) => set({ layout }),
  setFeatured: (sessionId) => set({ featured: sessionId }),
  setFocusedPane: (sessionId) => set({ focusedPane: sessionId }),
  setFlash: (sessionId, at = Date.now()) => set({ flash: sessionId ? { sessionId, at } : null }),
  setHostFilter: (query) => set({ hostFilter: query }),
  setHelpOpen: (open) => set({ helpOpen: open }),
  onScreen: {},
  setOnScreen: (sessionIds) => set({ onScreen: Object.fromEntries([...sessionIds].map((id) => [id, true as const])) }),
  setZoomed: (sessionId) => set({ zoomed: sessionId }),
  setPickerOpen: (open) => set({ pickerOpen: open }),
  setSideOpen: (open) => set({ sideOpen: open }),
  setAppInfo: (info) => {
    const chosen = get().screenReaderChosen;
    set({ appInfo: info, screenReader: chosen ? get().screenReader : info.screenReader });
  },
  setLink: (link) => set({ link }),
  reportError: (message, at = Date.now()) => {
    const errors = get().errors;
    const last = errors[errors.length - 1];
    if (last && last.message === message) {
      set({ errors: [...errors.slice(0, -1), { ...last, at, count: last.count + 1 }] });
      return;
    }
    set({ errors: [...errors, { id: nextErrorId++, message, at, count: 1 }].slice(-MAX_ERRORS) });
  },
  dismissError: (id) => set({ errors: get().errors.filter((e) => e.id !== id) }),
  dismissAllErrors: () => set({ errors: [] }),
  setScreenReader: (on) => set({ screenReader: on, screenReaderChosen: true }),
  addHostKeyPrompts: (prompts) => {
    const current = get().hostKeyPrompts;
    const known = new Set(current.map((p) => p.promptId));
    const added = prompts.filter((p) => {
      if (known.has(p.promptId)) return false;
      known.add(p.promptId);
      return true;
    });
    if (added.length > 0) set({ hostKeyPrompts: [...current, ...added] });
  },
  removeHostKeyPrompt: (promptId) => set({ hostKeyPrompts: get().hostKeyPrompts.filter((p) => p.promptId !== promptId) }),
  resetHostKeyPrompts: (prompts) => {
    set({ hostKeyPrompts: [] });
    get().addHostKeyPrompts(prompts);
  },
});
