/**
 * The window's actions live on the controller (controller.fleet, controller.incident,
 * controller.broadcast), and the
 * incident details fold has one trigger. The Node side is stood in for at the contract boundary:
 * each request is recorded and answered with a reply that fits the contract.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { EventName, EventPayload, RequestInput, RequestName, RequestOutput, WarroomApi } from '../../../shared/contract';
import type { Host, SessionInfo } from '../../../shared/model/host';
import type { Incident, JournalEvent } from '../../../shared/model/incident';
import { Controller } from '../../../renderer/app/controller';
import { createWarroomStore } from '../../../renderer/store';

const HASH = 'a'.repeat(64);
const INCIDENT: Incident = { id: 'inc-1', title: 'Queue backlog', severity: 'SEV2', status: 'investigating', commander: 'ann', startedAt: '2026-11-25T10:00:00.000Z', eventCount: 1 };
const event = (seq: number, text = `n${seq}`): JournalEvent => ({ seq, ts: '2026-11-25T10:00:00.000Z', type: 'note', actor: 'ann', data: { text }, prev: HASH, hash: HASH });

function nodeSide() {
  const requests: string[] = [];
  const keys: Array<RequestInput<'fleet.input'>> = [];
  let seq = 1;
  const replies: Partial<{ [K in RequestName]: (input: RequestInput<K>) => RequestOutput<K> }> = {
    'fleet.input': (input) => {
      keys.push(input);
      return { delivered: input.sessionIds.length };
    },
    'incident.details': () => ({ details: null }),
    'incident.note': ({ text }) => event(++seq, text),
    'incident.milestone': () => ({ ...event(++seq), type: 'milestone', data: { milestone: 'detected', at: '2026-11-25T10:01:00.000Z' } }),
  };
  const api: WarroomApi = {
    async request<K extends RequestName>(name: K, input: RequestInput<K>): Promise<RequestOutput<K>> {
      requests.push(name);
      const reply = replies[name] as ((i: RequestInput<K>) => RequestOutput<K>) | undefined;
      if (!reply) throw new Error(`${name} refused`);
      return reply(input);
    },
    on<E extends EventName>(_name: E, _listener: (payload: EventPayload<E>) => void) {
      return () => undefined;
    },
  };
  const count = (name: string) => requests.filter((r) => r === name).length;
  return { api, requests, keys, count };
}

describe('window actions', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  function started() {
    const node = nodeSide();
    const store = createWarroomStore();
    const controller = new Controller(node.api, store);
    controller.start(() => () => undefined);
    return { ...node, store, controller };
  }

  it('refetches the details fold once per burst of timeline changes, only while the link is open', async () => {
    const { store, controller, count } = started();
    await vi.runAllTimersAsync();
    expect(count('incident.details')).toBe(0);
    store.getState().setLink({ kind: 'open' });
    store.getState().setIncident(INCIDENT, [event(1)]);
    for (let s = 2; s <= 20; s++) store.getState().addEvents([event(s)]);
    await vi.runAllTimersAsync();
    expect(count('incident.details')).toBe(1);
    controller.stop();
    store.getState().addEvents([event(21)]);
    await vi.runAllTimersAsync();
    expect(count('incident.details')).toBe(1);
  });

  it('an action puts its event on the timeline, and that alone refreshes the fold', async () => {
    const { store, controller, count } = started();
    store.getState().setLink({ kind: 'open' });
    store.getState().setIncident(INCIDENT, [event(1)]);
    await vi.runAllTimersAsync();
    const before = count('incident.details');
    expect(await controller.incident.note('consumer lag rising')).toBe(true);
    expect(await controller.incident.milestone('detected')).toBe(true);
    expect(store.getState().events.map((e) => e.seq)).toEqual([1, 2, 3]);
    await vi.runAllTimersAsync();
    expect(count('incident.details')).toBe(before + 1);
  });

  it('turns a refused request into an error line, from either action module', async () => {
    const { store, controller } = started();
    await controller.fleet.disconnect('s1');
    expect(await controller.incident.rename('new title')).toBe(false);
    expect(store.getState().errors.map((e) => e.message)).toEqual(['Disconnect: fleet.disconnect refused', 'Rename: incident.rename refused']);
  });
});

describe('broadcast actions (controller.broadcast)', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());
  const host = (alias: string, groups: string[]): Host => ({ alias, hostname: `${alias}.example`, port: 22, user: 'sre', groups, source: 'ssh-config', proxyJump: [], identityFiles: [] });

  function fleetOf(aliases: Array<[string, string[]]>) {
    const node = nodeSide();
    const store = createWarroomStore();
    const controller = new Controller(node.api, store);
    controller.start(() => () => undefined);
    store.getState().setHosts(aliases.map(([a, g]) => host(a, g)), {}, []);
    const infos: SessionInfo[] = aliases.map(([alias], i) => ({ sessionId: `s${i + 1}`, alias, hostname: `${alias}.example`, state: 'ready' }));
    store.getState().upsertSessions(infos);
    return { ...node, store, controller };
  }

  it('narrows the broadcast to a group and back, and a pane includes or excludes its host', async () => {
    const { store, controller, keys } = fleetOf([['web-01', ['web']], ['db-01', ['db']], ['web-02', ['web']]]);
    controller.broadcast.setOn(true);
    controller.broadcast.onlyGroup('web');
    expect(store.getState().excluded).toEqual({ s2: true });
    controller.typed('s1', 'u');
    controller.broadcast.include('s3', false);
    controller.typed('s1', 'p');
    controller.broadcast.onlyGroup(null);
    controller.broadcast.include('s3', true);
    controller.typed('s1', 't');
    await vi.runAllTimersAsync();
    expect(keys.map((k) => [k.sessionIds, k.data])).toEqual([
      [['s1', 's3'], 'u'],
      [['s1'], 'p'],
      [['s1', 's2', 's3'], 't'],
    ]);
  });

  it('holds a dangerous line at Enter until run (or tried on one host first), and turning broadcast off cancels it', async () => {
    const { store, controller, keys } = fleetOf([['web-01', []], ['web-02', []], ['web-03', []]]);
    controller.broadcast.setOn(true);
    controller.typed('s2', 'reboot\r');
    await vi.runAllTimersAsync();
    expect(store.getState().heldCommand).toMatchObject({ line: 'reboot', phase: 'confirm', targets: ['s1', 's2', 's3'] });
    controller.broadcast.canaryHeld();
    expect(store.getState().heldCommand).toMatchObject({ phase: 'canary', canary: 's1' });
    controller.broadcast.runHeld();
    expect(store.getState().heldCommand).toBeNull();
    await vi.runAllTimersAsync();
    // The text went out with the keys; the Enter waited: then the canary, then the rest.
    expect(keys.map((k) => [k.sessionIds, k.data])).toEqual([
      [['s1', 's2', 's3'], 'reboot'],
      [['s1', 's2', 's3'], '\x15'],
      [['s1'], 'reboot\r'],
      [['s2', 's3'], 'reboot\r'],
    ]);
    controller.typed('s2', 'reboot\r');
    expect(store.getState().heldCommand).not.toBeNull();
    controller.broadcast.setOn(false);
    expect(store.getState().heldCommand).toBeNull();
  });

  it('sends a confirmed multi-line paste to every target, and a cancelled one nowhere', async () => {
    const { store, controller, keys } = fleetOf([['web-01', []], ['web-02', []]]);
    controller.broadcast.setOn(true);
    controller.typed('s1', 'hostname\ruptime\r');
    expect(store.getState().pendingPaste).toMatchObject({ lines: 2 });
    controller.broadcast.cancelPaste();
    controller.typed('s1', 'date\rid\r');
    controller.broadcast.confirmPaste();
    await vi.runAllTimersAsync();
    expect(store.getState().pendingPaste).toBeNull();
    expect(keys.map((k) => [k.sessionIds, k.data])).toEqual([[['s1', 's2'], 'date\rid\r']]);
  });
});
