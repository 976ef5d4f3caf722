import type { EventName, EventPayload, RequestInput, RequestName, RequestOutput, WarroomApi, WarroomBridge } from '../../shared/contract';
import { EventListeners } from './listeners';
import { unwrapReply } from './reply';

/** Wraps the preload's raw bridge; the bridge stays dumb so that the sandboxed preload stays small. */
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

export function findBridge(scope: object): WarroomBridge | undefined {
  const candidate = (scope as { warroom?: unknown }).warroom;
  if (typeof candidate !== 'object' || candidate === null) return undefined;
  const bridge = candidate as Partial<WarroomBridge>;
  return typeof bridge.invoke === 'function' && typeof bridge.subscribe === 'function' ? (bridge as WarroomBridge) : undefined;
}
