import type { Controller } from './controller';

/** What the `window` benchmark and e2e tests read from a page opened with `?probe` (test/bench/window.ts). */
export interface WarroomProbe {
  /** Each host's last `n` non-blank buffer lines, as its pane shows them once on screen. */
  tails(aliases: readonly string[], n: number): string[][];
  /** A pane's size in cells, for the floor page to match. */
  size(alias: string): { cols: number; rows: number } | undefined;
  /** A pane's terminal font, for the floor page to match. */
  font(alias: string): { family: string; size: number; lineHeight: number } | undefined;
  /** Aliases of the panes drawn with WebGL right now (the rest use xterm's DOM renderer). */
  webgl(): string[];
  /** What the pane headers say about output flow, summed over every pane: chars behind and skipped. */
  flow(): { behind: number; skipped: number };
}

/**
 * Read-only and only on `?probe`: xterm does not draw panes that are off-screen, so the benchmark
 * cannot read from the page whether a host's prompt is back; the buffers can tell.
 */
export function installBenchProbe(controller: Controller): void {
  if (!new URLSearchParams(location.search).has('probe')) return;
  const idOf = (alias: string) => {
    const { sessionOrder, sessions } = controller.store.getState();
    return sessionOrder.find((id) => sessions[id]?.alias === alias);
  };
  const tail = (alias: string, n: number): string[] => {
    const id = idOf(alias);
    const buffer = id === undefined ? undefined : controller.registry.get(id)?.term.buffer.active;
    const lines: string[] = [];
    for (let y = (buffer?.length ?? 0) - 1; buffer && y >= 0 && lines.length < n; y--) {
      const text = (buffer.getLine(y)?.translateToString(true) ?? '').trimEnd();
      if (text.trim() !== '') lines.unshift(text);
    }
    return lines;
  };
  const probe: WarroomProbe = {
    tails: (aliases, n) => aliases.map((a) => tail(a, n)),
    size: (alias) => {
      const id = idOf(alias);
      return id === undefined ? undefined : controller.registry.size(id);
    },
    font: (alias) => {
      const id = idOf(alias);
      const options = id === undefined ? undefined : controller.registry.get(id)?.term.options;
      return options ? { family: options.fontFamily ?? '', size: options.fontSize ?? 0, lineHeight: options.lineHeight ?? 1 } : undefined;
    },
    webgl: () => {
      const { sessions } = controller.store.getState();
      return controller.registry.webglSessions().map((id) => sessions[id]?.alias ?? id);
    },
    flow: () => {
      const totals = { behind: 0, skipped: 0 };
      for (const id of controller.store.getState().sessionOrder) {
        const note = controller.registry.flow.totals(id);
        totals.behind += note.behind;
        totals.skipped += note.skipped;
      }
      return totals;
    },
  };
  (window as unknown as { warroomProbe: WarroomProbe }).warroomProbe = probe;
}
