import { z } from 'zod';
import {
  contract,
  isRequestName,
  type EventName,
  type EventPayload,
  type ParsedInput,
  type RequestName,
  type RequestOutput,
  type RpcReply,
} from '../../shared/contract';

/** Who is asking. Transports fill it in; handlers use it for per-client state such as flow control. */
export interface HandlerContext {
  readonly clientId: string;
}

export type Handler<K extends RequestName> = (
  input: ParsedInput<K>,
  ctx: HandlerContext,
) => RequestOutput<K> | Promise<RequestOutput<K>>;

export type Handlers = { [K in RequestName]: Handler<K> };

/**
 * The one place a request is checked: the channel must be in the contract and the payload must fit
 * its schema before any handler sees it. Both transports call this and nothing else.
 */
export async function dispatch(handlers: Handlers, name: unknown, raw: unknown, ctx: HandlerContext): Promise<RpcReply<unknown>> {
  if (!isRequestName(name)) {
    return { ok: false, error: { code: 'unknown-channel', message: `unknown request ${JSON.stringify(String(name)).slice(0, 80)}` } };
  }
  const parsed = contract.requests[name].input.safeParse(raw);
  if (!parsed.success) {
    return { ok: false, error: { code: 'bad-request', message: `${name}: ${z.prettifyError(parsed.error)}` } };
  }
  try {
    const handler = handlers[name] as Handler<typeof name>;
    const value = await handler(parsed.data as never, ctx);
    return { ok: true, value };
  } catch (err) {
    const message = err instanceof Error ? err.message : String(err);
    return { ok: false, error: { code: 'failed', message } };
  }
}

type Listener = (name: EventName, payload: unknown) => void;

/** Fan-out of contract events to every attached window, whichever transport it uses. */
export class EventHub {
  private readonly listeners = new Set<Listener>();

  emit<E extends EventName>(name: E, payload: EventPayload<E>): void {
    for (const listener of this.listeners) {
      try {
        listener(name, payload);
      } catch {
        // One broken window must not stop events reaching the others.
      }
    }
  }

  subscribe(listener: Listener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  get size(): number {
    return this.listeners.size;
  }
}
