import {
  contract,
  type EventName,
  type EventPayload,
  type RequestInput,
  type RequestName,
  type RequestOutput,
  type WarroomApi,
  type WarroomBridge,
} from '../../shared/contract';
import { EventListeners } from './listeners';
import { RpcRequestError, parseEvent, unwrapReply } from './reply';

/** Wraps a raw invoke/subscribe bridge into the API, checking replies and events against the contract. */
export function bridgeApi(bridge: WarroomBridge, onBadEvent: (message: string) => void): WarroomApi {
  const listeners = new EventListeners(onBadEvent);
  bridge.subscribe((name, payload) => listeners.dispatch(name, payload));
  return {
    async request<K extends RequestName>(name: K, input: RequestInput<K>): Promise<RequestOutput<K>> {
      return unwrapReply(name, await bridge.invoke(name, input));
    },
    on<E extends EventName>(name: E, listener: (payload: EventPayload<E>) => void): () => void {
      return listeners.on(name, listener);
    },
  };
}

/**
 * Wraps a preload that already speaks request/on. The window still checks what crosses: a reply
 * or event that does not fit the contract is an error on screen, not a crash three panels later.
 */
export function preloadApi(raw: WarroomApi, onBadEvent: (message: string) => void): WarroomApi {
  return {
    async request<K extends RequestName>(name: K, input: RequestInput<K>): Promise<RequestOutput<K>> {
      const value: unknown = await raw.request(name, input);
      const parsed = contract.requests[name].output.safeParse(value);
      if (!parsed.success) throw new RpcRequestError(name, 'bad-reply', `${name}: the reply does not fit the contract`);
      return parsed.data as RequestOutput<K>;
    },
    on<E extends EventName>(name: E, listener: (payload: EventPayload<E>) => void): () => void {
      return raw.on(name, (payload: unknown) => {
        const parsed = parseEvent(name, payload);
        if (parsed === undefined) {
          onBadEvent(`event ${name} does not fit the contract`);
          return;
        }
        listener(parsed);
      });
    },
  };
}

export type Preload = { kind: 'bridge'; bridge: WarroomBridge } | { kind: 'api'; api: WarroomApi };

/** What the Electron preload put on `window.warroom`, if anything: a raw bridge or a ready API. */
export function findPreload(scope: object): Preload | undefined {
  const candidate = (scope as { warroom?: unknown }).warroom;
  if (typeof candidate !== 'object' || candidate === null) return undefined;
  const bridge = candidate as Partial<WarroomBridge>;
  if (typeof bridge.invoke === 'function' && typeof bridge.subscribe === 'function') return { kind: 'bridge', bridge: bridge as WarroomBridge };
  const api = candidate as Partial<WarroomApi>;
  if (typeof api.request === 'function' && typeof api.on === 'function') return { kind: 'api', api: api as WarroomApi };
  return undefined;
}
