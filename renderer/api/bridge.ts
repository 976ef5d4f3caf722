import type { EventName, EventPayload, RequestInput, RequestName, RequestOutput, WarroomApi } from '../../shared/contract';
import { EventListeners } from './listeners';
import { checkReply } from './reply';

/**
 * Wraps what the Electron preload exposes (the contract's WarroomApi, see shared/preloadApi.ts).
 * The window still checks what crosses: a reply or event that does not fit the contract is an
 * error on screen, not a crash three panels later. Each event is subscribed to once and parsed
 * once, however many panels listen, through the same fan-out as the WebSocket transport.
 */
export function preloadApi(raw: WarroomApi, onBadEvent: (message: string) => void): WarroomApi {
  const listeners = new EventListeners(onBadEvent);
  const subscribed = new Set<EventName>();
  return {
    async request<K extends RequestName>(name: K, input: RequestInput<K>): Promise<RequestOutput<K>> {
      return checkReply(name, await raw.request(name, input));
    },
    on<E extends EventName>(name: E, listener: (payload: EventPayload<E>) => void): () => void {
      if (!subscribed.has(name)) {
        subscribed.add(name);
        raw.on(name, (payload: unknown) => listeners.dispatch(name, payload));
      }
      return listeners.on(name, listener);
    },
  };
}

/** What the Electron preload put on `window.warroom`, if anything. */
export function findPreload(scope: object): WarroomApi | undefined {
  const candidate = (scope as { warroom?: unknown }).warroom;
  if (typeof candidate !== 'object' || candidate === null) return undefined;
  const api = candidate as Partial<WarroomApi>;
  return typeof api.request === 'function' && typeof api.on === 'function' ? (api as WarroomApi) : undefined;
}
