import { describe, expect, it } from 'vitest';
import { planWebgl } from '../../../renderer/terminals/webglBudget';

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
