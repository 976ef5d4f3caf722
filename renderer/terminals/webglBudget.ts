/**
 * Chromium allows about 16 live WebGL contexts per page and drops the oldest beyond that, so
 * WebGL goes only to visible terminals, within a budget; the rest use xterm's DOM renderer.
 */
export const DEFAULT_WEBGL_BUDGET = 12;

/**
 * WebGL drawn by the CPU (SwiftShader, as in headless or GPU-less Chromium; Mesa's llvmpipe): each
 * context xterm builds there costs the main thread hundreds of ms, and drawing is slower than xterm's
 * DOM renderer. Measured in the `window` bench: one wheel step over the grid held a frame 7 s while
 * the panes that came into view built their contexts.
 */
export function isSoftwareWebgl(renderer: string): boolean {
  return /swiftshader|llvmpipe|softpipe|software|basic render driver/i.test(renderer);
}

/** The budget for a GPU: none when WebGL is drawn in software, else DEFAULT_WEBGL_BUDGET. */
export function webglBudgetFor(renderer: string | undefined): number {
  return renderer === undefined || isSoftwareWebgl(renderer) ? 0 : DEFAULT_WEBGL_BUDGET;
}

export interface WebglPlan {
  /** Terminals that should get a WebGL context now. */
  grant: string[];
  /** Terminals that should give theirs back. */
  revoke: string[];
}

/**
 * Decides who holds WebGL. Holders that stay visible keep it (no flicker), holders that are hidden
 * give it back, and free slots go to visible terminals in pane order. Terminals whose context was
 * lost are never granted again: the DOM renderer is the safe place for them.
 */
export function planWebgl(
  order: readonly string[],
  visible: ReadonlySet<string>,
  holders: ReadonlySet<string>,
  failed: ReadonlySet<string>,
  budget: number = DEFAULT_WEBGL_BUDGET,
): WebglPlan {
  const inOrder = new Set(order);
  const revoke = [...holders].filter((id) => !visible.has(id) || !inOrder.has(id) || failed.has(id));
  const keep = [...holders].filter((id) => !revoke.includes(id));
  let free = budget - keep.length;
  const grant: string[] = [];
  for (const id of order) {
    if (free <= 0) break;
    if (visible.has(id) && !holders.has(id) && !failed.has(id)) {
      grant.push(id);
      free -= 1;
    }
  }
  return { grant, revoke };
}
