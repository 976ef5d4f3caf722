import { isJournalEventShape } from '../../shared/model/eventShapes';
import { contract, type EventName, type EventPayload, type RequestName, type RequestOutput, type RpcReply } from '../../shared/contract';

/** A request the Node side refused: carries the contract's error code so the window can tell them apart. */
export class RpcRequestError extends Error {
  override name = 'RpcRequestError';
  constructor(
    readonly request: string,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

/**
 * Turns a reply envelope into the value or a thrown Error. The reply is checked against the
 * contract too: a window that trusts a malformed reply would render garbage at 3 a.m.
 */
export function unwrapReply<K extends RequestName>(name: K, reply: RpcReply<unknown>): RequestOutput<K> {
  if (!reply.ok) throw new RpcRequestError(name, reply.error.code, reply.error.message);
  return checkReply(name, reply.value);
}

/** Replies that carry a page of journal events (up to 10,000 of them). */
const EVENT_PAGES: ReadonlySet<RequestName> = new Set(['incident.active', 'timeline.page']);

/** A reply value checked against the contract's output schema for `name`. */
export function checkReply<K extends RequestName>(name: K, value: unknown): RequestOutput<K> {
  // A page of events whose envelopes all pass the written-out check skips zod's copy of each;
  // the rest of the reply is still zod's, and any event that does not pass sends all of it to zod.
  if (EVENT_PAGES.has(name) && typeof value === 'object' && value !== null && !Array.isArray(value)) {
    const { events, ...rest } = value as { events?: unknown };
    if (Array.isArray(events) && events.every(isJournalEventShape)) {
      const parsed = contract.requests[name].output.safeParse({ ...rest, events: [] });
      if (!parsed.success) throw new RpcRequestError(name, 'bad-reply', `${name}: the reply does not fit the contract`);
      return { ...(parsed.data as object), events } as RequestOutput<K>;
    }
  }
  const parsed = contract.requests[name].output.safeParse(value);
  if (!parsed.success) throw new RpcRequestError(name, 'bad-reply', `${name}: the reply does not fit the contract`);
  return parsed.data as RequestOutput<K>;
}

/** Checks an incoming event against the contract; undefined means it is unknown or malformed. */
export function parseEvent<E extends EventName>(name: E, payload: unknown): EventPayload<E> | undefined {
  const schema = contract.events[name];
  const parsed = schema.safeParse(payload);
  return parsed.success ? (parsed.data as EventPayload<E>) : undefined;
}
