import { describe, expect, it } from 'vitest';
import type { SessionInfo, SessionState } from '../../../shared/model/host';
import type { HostRunResult, RunReply } from '../../../shared/model/run';
import { createWarroomStore } from '../../../renderer/store';
import { defaultRunSource, formatDuration, runResults, runRows, runSummary, runTargets, type TargetInputs } from '../../../renderer/panels/fleet/runView';
import { openAtStart, runGroups } from '../../../renderer/panels/fleet/runGroups';

function s(id: string, alias: string, state: SessionState): SessionInfo {
  return { sessionId: id, alias, hostname: alias, state };
}

function inputs(selected: string[] = []): TargetInputs {
  const list = [s('1', 'web1', 'ready'), s('2', 'web2', 'ready'), s('3', 'db1', 'down'), s('4', 'web1', 'closed'), s('5', 'cache', 'ready')];
  return { sessionOrder: list.map((x) => x.sessionId), sessions: Object.fromEntries(list.map((x) => [x.sessionId, x])), excluded: { '5': true }, selected };
}

const reply: RunReply = {
  command: 'false',
  startedAt: '2026-01-01T00:00:00.000Z',
  durationMs: 1500,
  exitCode: 255,
  collated: '',
  hosts: [
    { alias: 'web1', hostname: 'web1', exitCode: 0, signal: null, stdout: 'x', stderr: '', tail: '', durationMs: 40 },
    { alias: 'web2', hostname: 'web2', exitCode: 3, signal: null, stdout: '', stderr: 'no such file\n', tail: '', durationMs: 1200 },
    { alias: 'db1', hostname: 'db1', exitCode: null, signal: null, stdout: '', stderr: '', tail: '', durationMs: 10_000, failure: { kind: 'timeout', message: 'no answer in 10 s' } },
    { alias: 'k', hostname: 'k', exitCode: null, signal: 'KILL', stdout: '', stderr: '', tail: '', durationMs: 5 },
  ],
};

describe('run on targets: who, and what came back', () => {
  it('targets the hosts broadcast would reach, once each, or the picker selection', () => {
    expect(runTargets('broadcast', inputs())).toEqual(['web1', 'web2']);
    expect(runTargets('selected', inputs(['db1', 'db2', 'db1']))).toEqual(['db1', 'db2']);
  });

  it('defaults to broadcast targets, and to the selection only when broadcast reaches nobody', () => {
    expect(defaultRunSource(inputs(['db1']))).toBe('broadcast');
    const none: TargetInputs = { sessionOrder: [], sessions: {}, excluded: {}, selected: ['db1'] };
    expect(defaultRunSource(none)).toBe('selected');
    expect(defaultRunSource({ ...none, selected: [] })).toBe('broadcast');
  });

  it('shows every target pending while the run is in flight, and the failure if it is refused', () => {
    const store = createWarroomStore();
    const { id } = store.getState().beginRun('uptime', ['a', 'b'], 0);
    expect(runRows(store.getState().run!).map((r) => [r.alias, r.status])).toEqual([['a', 'pending'], ['b', 'pending']]);
    expect(runSummary(store.getState().run!)).toBe('running on 2 hosts');
    store.getState().failRun(id, 'unknown host b');
    expect(runRows(store.getState().run!).map((r) => [r.status, r.reason])).toEqual([['failed', 'unknown host b'], ['failed', 'unknown host b']]);
    expect(runSummary(store.getState().run!)).toBe('failed: unknown host b');
  });

  it('a stale reply never overwrites a newer run', () => {
    const store = createWarroomStore();
    const { id: first } = store.getState().beginRun('one', ['web1'], 0);
    const { id: second } = store.getState().beginRun('two', ['web1'], 1);
    store.getState().finishRun(first, { ...reply, command: 'one' });
    expect(store.getState().run).toMatchObject({ id: second, command: 'two', status: 'running' });
    store.getState().finishRun(second, reply);
    expect(store.getState().run?.status).toBe('done');
  });

  it('reads exit codes, failures and signals per host, and keeps a target the reply forgot', () => {
    const store = createWarroomStore();
    const { id } = store.getState().beginRun('false', ['web1', 'web2', 'db1', 'k', 'lost'], 0);
    store.getState().finishRun(id, reply);
    const rows = runRows(store.getState().run!);
    expect(rows.map((r) => [r.alias, r.status, r.exitCode, r.reason])).toEqual([
      ['web1', 'ok', 0, ''],
      ['web2', 'exit', 3, ''],
      ['db1', 'failed', null, 'timeout: no answer in 10 s'],
      ['k', 'failed', null, 'signal KILL'],
      ['lost', 'failed', null, 'no result returned'],
    ]);
    expect(rows.map((r) => r.stderr)).toEqual(['', 'no such file\n', '', '', '']);
    expect(runSummary(store.getState().run!)).toBe('5 hosts · 4 of 5 not exit 0 · exit status 255 · 1.5 s');
  });

  it('formats durations for people', () => {
    expect(formatDuration(12.4)).toBe('12 ms');
    expect(formatDuration(1234)).toBe('1.2 s');
    expect(formatDuration(125_000)).toBe('2 m 05 s');
  });
});

describe('run groups: what needs reading first', () => {
  const host = (alias: string, stdout: string, exitCode: number | null = 0, failure?: HostRunResult['failure']): HostRunResult => ({
    alias, hostname: alias, exitCode, signal: null, stdout, stderr: '', tail: '', durationMs: 1, ...(failure ? { failure } : {}),
  });

  it('groups by output and outcome, failed first, then the odd ones smallest first, the majority last with its hosts as ranges', () => {
    const results = [
      ...['web-01', 'web-02', 'web-03', 'web-04', 'web-05'].map((a) => host(a, 'active\n')),
      host('web-06', 'failed\n', 3),
      host('db-01', 'inactive\nmore\n'),
      host('db-02', 'inactive\nmore\n'),
      host('lb-01', 'active\n'),
      host('db-03', '', null, { kind: 'cancelled', message: 'db-03: cancelled before it finished' }),
      host('web-07', 'active\n', 1),
    ];
    const groups = runGroups(results);
    expect(groups.map((g) => [g.hostsText, g.outcome, g.failed, g.majority, g.lines, g.firstLine])).toEqual([
      ['web-06', 'exit 3', true, false, 1, 'failed'],
      ['db-03', 'cancelled', true, false, 0, ''],
      ['web-07', 'exit 1', true, false, 1, 'active'],
      ['db-01, db-02', 'exit 0', false, false, 2, 'inactive'],
      ['web-[01-05], lb-01', 'exit 0', false, true, 1, 'active'],
    ]);
    // The first three that need reading start open; the majority stays a header line.
    expect([...openAtStart(groups)]).toEqual(groups.slice(0, 3).map((g) => g.key));
  });

  it('opens a result that is one group, and names no majority in it', () => {
    const groups = runGroups([host('a1', 'same\n'), host('a2', 'same\n')]);
    expect(groups).toHaveLength(1);
    expect(groups[0]!.majority).toBe(false);
    expect(openAtStart(groups).has(groups[0]!.key)).toBe(true);
  });

  it('fills rows and the summary from results as they arrive, before the reply', () => {
    const store = createWarroomStore();
    const { runId } = store.getState().beginRun('uptime', ['a', 'b', 'c'], 0);
    store.getState().runHostDone(runId, host('b', 'up\n', 2));
    store.getState().runProgress(runId, { total: 3, waiting: 0, running: 2, done: 1, failed: 1 });
    // Events of another run (another window's) change nothing.
    store.getState().runHostDone('other', host('a', 'x\n'));
    const run = store.getState().run!;
    expect(runRows(run).map((r) => [r.alias, r.status, r.exitCode])).toEqual([['a', 'pending', null], ['b', 'exit', 2], ['c', 'pending', null]]);
    expect(runSummary(run)).toBe('running on 3 hosts · 1/3 done · 2 running · 1 failed');
    expect(runGroups(runResults(run)).map((g) => g.hostsText)).toEqual(['b']);
  });
});
