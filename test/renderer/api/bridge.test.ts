import { describe, expect, it } from 'vitest';
import { IPC_EVENT_CHANNEL, IPC_REQUEST_PREFIX, type RpcReply } from '../../../shared/contract';
import { preloadApi as exposedByPreload, type IpcRendererPort } from '../../../shared/preloadApi';
import { findPreload, preloadApi } from '../../../renderer/api/bridge';

/**
 * Electron does not run here: this stands in for ipcRenderer with the messages ipc/register.ts
 * sends (reply envelopes on invoke, `{ name, payload }` on the event channel). Everything above it
 * is the real preload API and the real window wrapper.
 */
function fakeIpc(replies: Record<string, unknown>) {
  const invoked: string[] = [];
  let deliver: (event: unknown, message: unknown) => void = () => undefined;
  const ipc: IpcRendererPort = {
    invoke: async (channel) => {
      invoked.push(channel);
      const name = channel.slice(IPC_REQUEST_PREFIX.length);
      const value = replies[name];
      const reply: RpcReply<unknown> = value === undefined ? { ok: false, error: { code: 'failed', message: 'no active incident' } } : { ok: true, value };
      return reply;
    },
    on: (channel, listener) => {
      if (channel === IPC_EVENT_CHANNEL) deliver = listener;
    },
  };
  return { ipc, invoked, emit: (name: string, payload: unknown) => deliver({}, { name, payload }) };
}

function windowApi(replies: Record<string, unknown> = {}) {
  const ipc = fakeIpc(replies);
  const bad: string[] = [];
  const exposed = exposedByPreload(ipc.ipc);
  return { ...ipc, exposed, bad, api: preloadApi(exposed, (m) => bad.push(m)) };
}

describe('the Electron bridge: preload API and the window wrapper', () => {
  it('is found on window only with the contract API shape', () => {
    const { exposed } = windowApi();
    expect(findPreload({ warroom: exposed })).toBe(exposed);
    expect(findPreload({})).toBeUndefined();
    expect(findPreload({ warroom: { request: 1, on: () => undefined } })).toBeUndefined();
  });

  it('sends contract requests on their channel, turns a refusal into an Error with the message, and checks replies', async () => {
    const { api, exposed, invoked } = windowApi({ 'fleet.sessions': { sessions: [] }, 'app.info': { version: 3 } });
    expect(await api.request('fleet.sessions', {})).toEqual({ sessions: [] });
    await expect(api.request('incident.note', { text: 'x' })).rejects.toThrow('no active incident');
    await expect(api.request('app.info', {})).rejects.toThrow('app.info: the reply does not fit the contract');
    // The page cannot reach a channel outside the contract, even by calling the preload directly.
    await expect((exposed.request as (n: string, i: unknown) => Promise<unknown>)('shell.exec', {})).rejects.toThrow('unknown request shell.exec');
    expect(invoked).toEqual([`${IPC_REQUEST_PREFIX}fleet.sessions`, `${IPC_REQUEST_PREFIX}incident.note`, `${IPC_REQUEST_PREFIX}app.info`]);
  });

  it('delivers events that fit the contract to every listener, and reports the rest once each', () => {
    const { api, emit, bad } = windowApi();
    const first: string[] = [];
    const second: string[] = [];
    api.on('session.state', (s) => first.push(s.state));
    const off = api.on('session.state', (s) => second.push(s.state));
    emit('session.state', { sessionId: 's', alias: 'a', hostname: 'h', state: 'ready' });
    emit('session.state', { sessionId: 's', alias: 'a', hostname: 'h', state: 'exploded' });
    off();
    emit('session.state', { sessionId: 's', alias: 'a', hostname: 'h', state: 'down' });
    emit('whatever', {});
    expect(first).toEqual(['ready', 'down']);
    expect(second).toEqual(['ready']);
    // Two listeners, one malformed event: one report, because it is parsed once.
    expect(bad).toEqual(['event session.state does not fit the contract']);
  });

  it('keeps a throwing listener from starving the others', () => {
    const { api, emit, bad } = windowApi();
    const got: string[] = [];
    api.on('hostkey.settled', () => {
      throw new Error('panel broke');
    });
    api.on('hostkey.settled', (p) => got.push(p.promptId));
    emit('hostkey.settled', { promptId: 'p1' });
    expect(got).toEqual(['p1']);
    expect(bad).toEqual(['hostkey.settled listener failed: panel broke']);
  });

  it('refuses listeners for events outside the contract', () => {
    const { exposed } = windowApi();
    expect(() => (exposed.on as (n: string, l: () => void) => void)('shell.output', () => undefined)).toThrow('unknown event shell.output');
  });
});
