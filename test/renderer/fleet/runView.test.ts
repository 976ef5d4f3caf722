import { describe, expect, it } from 'vitest';
import type { SessionInfo, SessionState } from '../../../shared/model/host';
import type { RunReply } from '../../../shared/model/run';
import { createWarroomStore } from '../../../renderer/store';
import { defaultRunSource, formatDuration, runRows, runSummary, runTargets, type TargetInputs } from '../../../renderer/panels/fleet/runView';

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
