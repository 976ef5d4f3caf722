/**
 * The preload's half of the Electron transport (the main side is electron/ipc/register.ts). It runs
 * in the window's process and is kept free of `electron` so it can be tested. It turns ipcRenderer
 * into exactly the contract's WarroomApi, forwarding only contract channels, so the page can never
 * reach any other IPC channel. Replies and events are checked against the contract in the window
 * (renderer/api/bridge.ts), where a misfit can be shown as an error.
 */
import {
  IPC_EVENT_CHANNEL,
  IPC_REQUEST_PREFIX,
  isEventName,
  isRequestName,
  type EventName,
  type RpcReply,
  type WarroomApi,
} from './contract';

/** The part of Electron's ipcRenderer the preload uses. */
export interface IpcRendererPort {
  invoke(channel: string, input: unknown): Promise<unknown>;
  on(channel: string, listener: (event: unknown, message: unknown) => void): unknown;
}

type Listener = (payload: unknown) => void;

export function preloadApi(ipc: IpcRendererPort): WarroomApi {
  const listeners = new Map<EventName, Set<Listener>>();
  ipc.on(IPC_EVENT_CHANNEL, (_event, message) => {
    const { name, payload } = (typeof message === 'object' && message !== null ? message : {}) as { name?: unknown; payload?: unknown };
    if (!isEventName(name)) return;
    for (const listener of listeners.get(name) ?? []) listener(payload);
  });
  return {
    async request(name, input) {
      if (!isRequestName(name)) throw new Error(`unknown request ${String(name)}`);
      const reply = (await ipc.invoke(IPC_REQUEST_PREFIX + name, input)) as RpcReply<never>;
      // Only the message crosses contextBridge: an Error's other fields do not survive it.
      if (!reply.ok) throw new Error(reply.error.message);
      return reply.value;
    },
    on(name, listener) {
      if (!isEventName(name)) throw new Error(`unknown event ${String(name)}`);
      const set = listeners.get(name) ?? new Set<Listener>();
      listeners.set(name, set);
      const l = listener as Listener;
      set.add(l);
      return () => {
        set.delete(l);
      };
    },
  };
}
