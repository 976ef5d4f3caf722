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

/** A reply value checked against the contract's output schema for `name`. */
export function checkReply<K extends RequestName>(name: K, value: unknown): RequestOutput<K> {
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
