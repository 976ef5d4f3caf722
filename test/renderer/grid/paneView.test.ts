import { describe, expect, it } from 'vitest';
import type { Host, SessionInfo, SessionState } from '../../../shared/model/host';
import { filteredPanes, groupStep, paneGroups, stateCounts } from '../../../renderer/panels/grid/paneView';

const host = (alias: string, groups: string[]): Host => ({
  alias,
  hostname: `${alias}.example`,
  port: 22,
  user: 'sre',
  groups,
  source: 'inventory',
  proxyJump: [],
  identityFiles: [],
});
const session = (id: string, alias: string, state: SessionState = 'ready') => ({ sessionId: id, alias, hostname: `${alias}.example`, state }) as SessionInfo;

const hosts = [host('web-01', ['web']), host('web-02', ['web']), host('db-01', ['db']), host('lb-01', [])];
const sessions: Record<string, SessionInfo> = {
  s1: session('s1', 'web-01'),
  s2: session('s2', 'db-01', 'connecting'),
  s3: session('s3', 'web-02', 'connecting'),
  s4: session('s4', 'lb-01', 'down'),
  s5: session('s5', 'gone-01', 'ready'),
};
const order = ['s1', 's2', 's3', 's4', 's5'];

describe('filteredPanes', () => {
  it('narrows the panes like the host list, keeping pane order', () => {
    expect(filteredPanes(order, sessions, hosts, '')).toEqual(order);
    // s5's host (gone-01) is not in the inventory any more: it stays (next test).
    expect(filteredPanes(order, sessions, hosts, 'web')).toEqual(['s1', 's3', 's5']);
    expect(filteredPanes(order, sessions, hosts, 'db-*')).toEqual(['s2', 's5']);
  });

  it('keeps a pane whose host left the inventory: keys may still reach it', () => {
    const gone = { ...sessions, s6: session('s6', 'old-01') };
    expect(filteredPanes([...order, 's6'], gone, hosts, 'lb')).toEqual(['s4', 's5', 's6']);
  });
});

describe('stateCounts', () => {
  it('counts panes by state, in the order a connect goes through', () => {
    expect(stateCounts(order, sessions)).toEqual([
      ['connecting', 2],
      ['ready', 2],
      ['down', 1],
    ]);
  });
});

describe('groups', () => {
  it('names each pane by its host first group, and steps between runs of a group', () => {
    const groups = paneGroups(order, sessions, hosts);
    expect(groups).toEqual(['web', 'db', 'web', '', '']);
    expect(groupStep(groups, 0, 1)).toBe(1);
    expect(groupStep(groups, 1, 1)).toBe(2);
    expect(groupStep(groups, 4, 1)).toBe(0);
    expect(groupStep(groups, 0, -1)).toBe(3);
    expect(groupStep(groups, 4, -1)).toBe(2);
    expect(groupStep([], 0, 1)).toBe(-1);
  });
});
