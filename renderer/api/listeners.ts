import { isEventName, type EventName, type EventPayload } from '../../shared/contract';
import { parseEvent } from './reply';

type AnyListener = (payload: never) => void;

/** Event fan-out shared by both transports, so validation and error isolation live in one place. */
export class EventListeners {
  private readonly byName = new Map<EventName, Set<AnyListener>>();

  constructor(private readonly onBadEvent: (message: string) => void) {}

  on<E extends EventName>(name: E, listener: (payload: EventPayload<E>) => void): () => void {
    let set = this.byName.get(name);
    if (!set) {
      set = new Set();
      this.byName.set(name, set);
    }
    const stored = listener as AnyListener;
    set.add(stored);
    return () => set.delete(stored);
  }

  dispatch(name: unknown, payload: unknown): void {
    if (!isEventName(name)) {
      this.onBadEvent(`unknown event ${String(name).slice(0, 80)}`);
      return;
    }
    const set = this.byName.get(name);
    if (!set || set.size === 0) return;
    const parsed = parseEvent(name, payload);
    if (parsed === undefined) {
      this.onBadEvent(`event ${name} does not fit the contract`);
      return;
    }
    for (const listener of set) {
      try {
        (listener as (p: typeof parsed) => void)(parsed);
      } catch (err) {
        // One broken panel must not starve the terminals of output.
        this.onBadEvent(`${name} listener failed: ${err instanceof Error ? err.message : String(err)}`);
      }
    }
  }
}
