import { describe, expect, it } from 'vitest';
import { foldedLayout } from '../../../renderer/store/screensSlice';
import type { ScreenGroup } from '../../../shared/model/screens';

const group = (ids: string[]): ScreenGroup => ({ hosts: ids.map((i) => `h${i}`), sessionIds: ids, output: ids.join(), count: ids.length });

describe('folding identical panes', () => {
  it('makes one tile per group of two or more panes still shown; outliers and untouched sessions stay panes, in order', () => {
    const layout = foldedLayout(['1', '2', '3', '4', '5', '6'], [group(['1', '3', '4']), group(['2']), group(['5', '9'])]);
    expect(layout.tiles.map((t) => t.sessionIds)).toEqual([['1', '3', '4']]);
    // 5's group lost its other pane (9 was closed): a group of one is a live pane again.
    expect(layout.panes).toEqual(['2', '5', '6']);
  });
});
