import { describe, expect, it } from 'vitest';
import type { SessionInfo, SessionState } from '../../../shared/model/host';
import { createWarroomStore } from '../../../renderer/store';
import { KeyRouter } from '../../../renderer/app/keyRouter';

function setup(states: SessionState[] = ['ready', 'ready', 'ready']) {
  const store = createWarroomStore();
  const infos: SessionInfo[] = states.map((state, i) => ({ sessionId: `s${i + 1}`, alias: `web-${i + 1}`, hostname: `10.0.0.${i + 1}`, state }));
  store.getState().upsertSessions(infos);
  const sent: [string[], string][] = [];
  const router = new KeyRouter(store, { push: (ids, data) => sent.push([[...ids], data]) });
  const type = (from: string, ...keys: string[]) => keys.forEach((k) => router.typed(from, k));
  return { store, sent, router, type };
}

describe('KeyRouter', () => {
  it('sends keys to the typing pane alone while broadcast is off', () => {
    const { sent, type } = setup();
    type('s2', 'l', 's', '\r', '\x03');
    expect(sent).toEqual([
      [['s2'], 'l'],
      [['s2'], 's'],
      [['s2'], '\r'],
      [['s2'], '\x03'],
    ]);
  });

  it('refuses keys typed into a pane whose shell is not ready, saying so', () => {
    const { store, sent, type } = setup(['connecting', 'ready']);
    type('s1', 'l');
    expect(sent).toEqual([]);
    expect(store.getState().errors.at(-1)?.message).toBe('web-1 is connecting: keys typed there are not sent');
  });

  it('sends each key once to every ready, included session while broadcast is on, from any pane', () => {
    const { store, sent, router, type } = setup(['ready', 'connecting', 'ready', 'ready']);
    router.setBroadcast(true);
    store.getState().setExcluded('s4', true);
    type('s4', 'u', '\x03', '\r');
    expect(sent).toEqual([
      [['s1', 's3'], 'u'],
      [['s1', 's3'], '\x03'],
      [['s1', 's3'], '\r'],
    ]);
  });

  it('reports instead of sending when broadcast has no ready target', () => {
    const { store, sent, router, type } = setup(['down', 'connecting']);
    router.setBroadcast(true);
    type('s1', 'x');
    expect(sent).toEqual([]);
    expect(store.getState().errors.at(-1)?.message).toMatch(/no host is ready/);
  });

  it('holds a multi-line paste until confirmed, then sends it to the targets of that moment', () => {
    const { store, sent, router, type } = setup();
    router.setBroadcast(true);
    type('s1', 'hostname\ruptime\r');
    expect(sent).toEqual([]);
    expect(store.getState().pendingPaste).toMatchObject({ lines: 2, danger: undefined });
    store.getState().setExcluded('s2', true);
    router.confirmPaste();
    expect(sent).toEqual([[['s1', 's3'], 'hostname\ruptime\r']]);
    type('s1', 'a\rb\r');
    router.cancelPaste();
    expect(sent).toHaveLength(1);
  });

  it('marks a paste with a dangerous line', () => {
    const { store, router, type } = setup();
    router.setBroadcast(true);
    type('s1', 'cd /var/www\rrm -rf cache\r');
    expect(store.getState().pendingPaste?.danger).toMatch(/rm/);
  });

  it('holds the Enter of a dangerous line to many hosts; the text is already on their prompts', () => {
    const { store, sent, router, type } = setup();
    router.setBroadcast(true);
    type('s1', ...'systemctl restart nginx'.split(''), '\r');
    const all = ['s1', 's2', 's3'];
    expect(sent.map(([, d]) => d).join('')).toBe('systemctl restart nginx');
    expect(sent.every(([ids]) => ids.join() === all.join())).toBe(true);
    const held = store.getState().heldCommand;
    expect(held).toMatchObject({ line: 'systemctl restart nginx', targets: all, phase: 'confirm' });
    // Keys typed meanwhile are refused, not queued behind the held Enter.
    const before = sent.length;
    type('s1', 'x');
    expect(sent).toHaveLength(before);
    expect(store.getState().errors.at(-1)?.message).toMatch(/dangerous command is waiting/);
    router.runHeld();
    expect(sent.at(-1)).toEqual([all, '\r']);
    expect(store.getState().heldCommand).toBeNull();
  });

  it('lets Ctrl-C through a held line or a canary: it drops the held line and reaches every target', () => {
    const { store, sent, router, type } = setup();
    router.setBroadcast(true);
    const all = ['s1', 's2', 's3'];
    type('s1', 'reboot', '\r');
    expect(store.getState().heldCommand).not.toBeNull();
    type('s1', '\x03');
    expect(sent.at(-1)).toEqual([all, '\x03']);
    expect(store.getState().heldCommand).toBeNull();
    type('s1', 'reboot', '\r');
    router.canaryHeld();
    expect(store.getState().heldCommand).toMatchObject({ phase: 'canary' });
    type('s1', '\x03');
    expect(sent.at(-1)).toEqual([all, '\x03']);
    expect(store.getState().heldCommand).toBeNull();
  });

  it('runs a canary on the first host, then the rest, each as a whole line of its own', () => {
    const { store, sent, router, type } = setup();
    router.setBroadcast(true);
    type('s2', 'reboot\r');
    const typedCount = sent.length;
    router.canaryHeld();
    expect(sent.slice(typedCount)).toEqual([
      [['s1', 's2', 's3'], '\x15'],
      [['s1'], 'reboot\r'],
    ]);
    expect(store.getState().heldCommand).toMatchObject({ phase: 'canary', canary: 's1' });
    router.runHeld();
    expect(sent.at(-1)).toEqual([['s2', 's3'], 'reboot\r']);
    expect(store.getState().heldCommand).toBeNull();
  });

  it('stops after a canary without touching the others, and clears the prompts on cancel', () => {
    const { store, sent, router, type } = setup();
    router.setBroadcast(true);
    type('s2', 'reboot\r');
    router.canaryHeld();
    const afterCanary = sent.length;
    router.cancelHeld();
    expect(sent).toHaveLength(afterCanary);
    type('s2', 'reboot\r');
    router.cancelHeld();
    // Ctrl-U clears the typed line on every prompt that shows it.
    expect(sent.at(-1)).toEqual([['s1', 's2', 's3'], '\x15']);
    expect(store.getState().heldCommand).toBeNull();
  });

  it('retypes the line for the hosts left when a target went down while it was held', () => {
    const { store, sent, router, type } = setup();
    router.setBroadcast(true);
    type('s1', 'reboot\r');
    store.getState().upsertSessions([{ sessionId: 's3', alias: 'web-3', hostname: 'x', state: 'down' }]);
    router.runHeld();
    expect(sent.slice(-2)).toEqual([
      [['s1', 's2'], '\x15'],
      [['s1', 's2'], 'reboot\r'],
    ]);
  });

  it('refuses a canary for a line edited with cursor keys', () => {
    const { store, sent, router, type } = setup();
    router.setBroadcast(true);
    type('s1', 'reboo', '\x1b[D', 't\r');
    expect(store.getState().heldCommand?.uncertain).toBe(true);
    const before = sent.length;
    router.canaryHeld();
    expect(sent).toHaveLength(before);
    expect(store.getState().errors.at(-1)?.message).toMatch(/cursor keys/);
  });

  it('lets a dangerous line to a single host through, and cancels a held line when broadcast goes off', () => {
    const one = setup(['ready', 'down']);
    one.router.setBroadcast(true);
    one.type('s1', 'reboot\r');
    expect(one.store.getState().heldCommand).toBeNull();
    expect(one.sent.at(-1)).toEqual([['s1'], 'reboot\r']);

    const many = setup();
    many.router.setBroadcast(true);
    many.type('s1', 'reboot\r');
    many.router.setBroadcast(false);
    expect(many.sent.at(-1)).toEqual([['s1', 's2', 's3'], '\x15']);
    expect(many.store.getState().broadcastOn).toBe(false);
  });
});
