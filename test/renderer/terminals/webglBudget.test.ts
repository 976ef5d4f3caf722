import { describe, expect, it } from 'vitest';
import { DEFAULT_WEBGL_BUDGET, planWebgl, webglBudgetFor } from '../../../renderer/terminals/webglBudget';

const ids = (n: number) => Array.from({ length: n }, (_, i) => `s${i}`);

describe('planWebgl', () => {
  it('gives WebGL to visible terminals only, up to the budget, in pane order', () => {
    const order = ids(64);
    const visible = new Set(ids(20));
    const plan = planWebgl(order, visible, new Set(), new Set(), 12);
    expect(plan.grant).toEqual(ids(12));
    expect(plan.revoke).toEqual([]);
  });

  it('takes WebGL back from terminals scrolled out of view and hands it on', () => {
    const order = ids(30);
    const holders = new Set(ids(12));
    const visible = new Set(order.slice(10, 22));
    const plan = planWebgl(order, visible, holders, new Set(), 12);
    expect(plan.revoke.sort()).toEqual(ids(10).sort());
    // s10 and s11 keep theirs; ten free slots go to the next visible panes.
    expect(plan.grant).toEqual(order.slice(12, 22));
  });

  it('never grants again to a terminal whose context was lost, and never exceeds the budget', () => {
    const order = ids(5);
    const plan = planWebgl(order, new Set(order), new Set(['s0']), new Set(['s0', 's2']), 3);
    expect(plan.revoke).toEqual(['s0']);
    expect(plan.grant).toEqual(['s1', 's3', 's4']);
    const none = planWebgl(order, new Set(order), new Set(), new Set(), 0);
    expect(none.grant).toEqual([]);
  });
});

describe('webglBudgetFor', () => {
  it('gives no WebGL when the GPU is software or absent, the default budget for a real GPU', () => {
    // Renderer strings as Chromium reports them (UNMASKED_RENDERER_WEBGL).
    expect(webglBudgetFor('ANGLE (Google, Vulkan 1.3.0 (SwiftShader Device (Subzero) (0x0000C0DE)), SwiftShader driver)')).toBe(0);
    expect(webglBudgetFor('ANGLE (Mesa, llvmpipe (LLVM 15.0.6, 256 bits), OpenGL 4.5)')).toBe(0);
    expect(webglBudgetFor('ANGLE (Microsoft, Microsoft Basic Render Driver Direct3D11 vs_5_0 ps_5_0)')).toBe(0);
    expect(webglBudgetFor(undefined)).toBe(0);
    expect(webglBudgetFor('ANGLE (Intel, Mesa Intel(R) UHD Graphics 620 (KBL GT2), OpenGL 4.6)')).toBe(DEFAULT_WEBGL_BUDGET);
    expect(webglBudgetFor('ANGLE (NVIDIA, NVIDIA GeForce RTX 3060 Direct3D11 vs_5_0 ps_5_0, D3D11)')).toBe(DEFAULT_WEBGL_BUDGET);
  });
});
