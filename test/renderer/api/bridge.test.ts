import { describe, expect, it } from 'vitest';
import type { RpcReply, WarroomApi, WarroomBridge } from '../../../shared/contract';
import { bridgeApi, findPreload, preloadApi } from '../../../renderer/api/bridge';

/** Electron does not run here; these stand in for the preload with the exact shapes it exposes. */
function rawBridge(replies: Record<string, RpcReply<unknown>>) {
  let emit: (name: string, payload: unknown) => void = () => undefined;
  const bridge: WarroomBridge = {
    invoke: async (name) => replies[name] ?? { ok: false, error: { code: 'unknown-channel', message: `unknown request ${name}` } },
    subscribe: (listener) => {
      emit = listener;
      return () => undefined;
    },
  };
  return { bridge, emit: (name: string, payload: unknown) => emit(name, payload) };
}

describe('Electron preload wrappers', () => {
  it('finds either preload shape on window, and nothing else', () => {
    const { bridge } = rawBridge({});
    expect(findPreload({ warroom: bridge })?.kind).toBe('bridge');
    const api: WarroomApi = { request: async () => ({}) as never, on: () => () => undefined };
    expect(findPreload({ warroom: api })?.kind).toBe('api');
    expect(findPreload({})).toBeUndefined();
    expect(findPreload({ warroom: { request: 1 } })).toBeUndefined();
  });

  it('turns a rejected reply into an Error carrying the message', async () => {
    const { bridge } = rawBridge({ 'incident.note': { ok: false, error: { code: 'failed', message: 'no active incident' } } });
    const api = bridgeApi(bridge, () => undefined);
    await expect(api.request('incident.note', { text: 'x' })).rejects.toThrow('no active incident');
    await expect(api.request('export.markdown', {})).rejects.toThrow('unknown request export.markdown');
  });

  it('delivers events that fit the contract and reports the rest', () => {
    const bad: string[] = [];
    const { bridge, emit } = rawBridge({});
    const api = bridgeApi(bridge, (m) => bad.push(m));
    const got: string[] = [];
    api.on('hostkey.settled', (p) => got.push(p.promptId));
    emit('hostkey.settled', { promptId: 'p1' });
    emit('hostkey.settled', { promptId: 7 });
    emit('whatever', {});
    expect(got).toEqual(['p1']);
    expect(bad).toHaveLength(2);
  });

  it('checks replies and events of a request/on preload too', async () => {
    const bad: string[] = [];
    let handler: ((payload: unknown) => void) | undefined;
    const raw = {
      request: async (name: string) => (name === 'app.info' ? { version: 3 } : { sessions: [] }),
      on: (_name: string, listener: (payload: unknown) => void) => {
        handler = listener;
        return () => undefined;
      },
    } as unknown as WarroomApi;
    const api = preloadApi(raw, (m) => bad.push(m));
    await expect(api.request('app.info', {})).rejects.toThrow(/does not fit the contract/);
    expect(await api.request('fleet.sessions', {})).toEqual({ sessions: [] });
    const states: string[] = [];
    api.on('session.state', (s) => states.push(s.state));
    handler?.({ sessionId: 's', alias: 'a', hostname: 'h', state: 'ready' });
    handler?.({ sessionId: 's', alias: 'a', hostname: 'h', state: 'exploded' });
    expect(states).toEqual(['ready']);
    expect(bad).toEqual(['event session.state does not fit the contract']);
  });
});
