/**
 * The sandboxed preload: one CommonJS bundle that exposes exactly the contract as `window.warroom`.
 * It forwards only contract channels, so the page can never reach any other IPC channel.
 */
import { contextBridge, ipcRenderer } from 'electron';
import {
  IPC_EVENT_CHANNEL,
  IPC_REQUEST_PREFIX,
  isEventName,
  isRequestName,
  type EventName,
  type RpcReply,
  type WarroomApi,
} from '../shared/contract';

type Listener = (payload: unknown) => void;
const listeners = new Map<EventName, Set<Listener>>();

ipcRenderer.on(IPC_EVENT_CHANNEL, (_event, message: { name?: unknown; payload?: unknown }) => {
  if (!isEventName(message?.name)) return;
  for (const listener of listeners.get(message.name) ?? []) listener(message.payload);
});

const api: WarroomApi = {
  async request(name, input) {
    if (!isRequestName(name)) throw new Error(`unknown request ${String(name)}`);
    const reply = (await ipcRenderer.invoke(IPC_REQUEST_PREFIX + name, input)) as RpcReply<never>;
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

contextBridge.exposeInMainWorld('warroom', api);
