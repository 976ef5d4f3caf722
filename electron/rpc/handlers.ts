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
import { DEFAULT_FLOW_LIMITS, FlowLedger, type FlowLimits } from './flow-ledger';

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

/** One window, as the hub sees it: where its events go, and how much its transport still holds. */
export interface ClientSink {
  send(name: EventName, payload: unknown): void;
  /** Bytes queued for this client and not yet taken by its peer (a WebSocket's bufferedAmount). */
  bufferedAmount?(): number;
}

export interface HubOptions {
  flow?: Partial<FlowLimits>;
  /**
   * A client whose transport holds this much more than its flow-control debt can explain is dropped
   * from every stream it reads (checked on each sweep).
   */
  maxBufferedBytes?: number;
}

export const DEFAULT_MAX_BUFFERED_BYTES = 8 * 1024 * 1024;
/** A char of output can take up to six bytes once JSON-escaped (a control character as \u001b). */
const MAX_BYTES_PER_CHAR = 6;

/**
 * Fan-out of contract events to every attached window, whichever transport it uses. Terminal output
 * is paced per window (see FlowLedger): each window owes its own acknowledgements, and one that stops
 * reading is dropped from that session's stream and told (term.resync) to repaint from scrollback.
 * Plain listeners (tests, diagnostics) see every event and take no part in flow control.
 */
export class EventHub {
  private readonly listeners = new Set<Listener>();
  private readonly clients = new Map<string, ClientSink>();
  readonly flow: FlowLedger;
  private holdSource: (sessionId: string, on: boolean) => void = () => undefined;
  private roomFreed: () => void = () => undefined;
  private wakeup: NodeJS.Immediate | undefined;
  private sweeper: NodeJS.Timeout | undefined;
  private readonly stallMs: number;
  private readonly maxBuffered: number;

  constructor(opts: HubOptions = {}) {
    const limits = { ...DEFAULT_FLOW_LIMITS, ...opts.flow };
    this.stallMs = limits.stallMs;
    this.maxBuffered = opts.maxBufferedBytes ?? DEFAULT_MAX_BUFFERED_BYTES;
    this.flow = new FlowLedger(limits, (sessionId, on) => this.holdSource(sessionId, on));
  }

  /** Where pauses and resumes go: the fleet, which is built after the hub it reports to. */
  onHold(hold: (sessionId: string, on: boolean) => void): void {
    this.holdSource = hold;
  }

  /**
   * Where news of freed room goes (acks, a window dropped or gone): the fleet, whose pumps hold
   * what did not fit (see FlowLedger.room). Called once per I/O turn however many acks came in it.
   */
  onRoom(freed: () => void): void {
    this.roomFreed = freed;
  }

  emit<E extends EventName>(name: E, payload: EventPayload<E>): void {
    for (const listener of this.listeners) {
      try {
        listener(name, payload);
      } catch {
        // One broken window must not stop events reaching the others.
      }
    }
    if (name === 'term.data') return this.emitData(payload as EventPayload<'term.data'>);
    for (const sink of this.clients.values()) this.deliver(sink, name, payload);
  }

  subscribe(listener: Listener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** A window joins: it gets every event, and its acknowledgements pace the output it is sent. */
  attach(clientId: string, sink: ClientSink): () => void {
    this.clients.set(clientId, sink);
    this.flow.addClient(clientId);
    this.sweeper ??= setInterval(() => this.sweep(), Math.max(50, Math.min(1000, this.stallMs / 4))).unref();
    return () => this.detach(clientId);
  }

  /** The window is gone: it holds nothing any more. */
  detach(clientId: string): void {
    this.clients.delete(clientId);
    this.flow.removeClient(clientId);
    this.wake();
    if (this.clients.size === 0 && this.sweeper) {
      clearInterval(this.sweeper);
      this.sweeper = undefined;
    }
  }

  /** The window reloaded: the new page owes nothing the old one was sent, and reads every session. */
  restart(clientId: string): void {
    this.flow.removeClient(clientId);
    if (this.clients.has(clientId)) this.flow.addClient(clientId);
    this.wake();
  }

  ack(clientId: string, sessionId: string, chars: number): void {
    this.flow.ack(clientId, sessionId, chars);
    this.wake();
  }

  /** The client asked for the session's scrollback: it repaints from there and reads the stream again. */
  readmit(clientId: string, sessionId: string): void {
    if (!this.clients.has(clientId)) return;
    this.flow.readmit(clientId, sessionId);
    this.wake();
  }

  /**
   * Drops stalled clients from the streams they no longer read, and any client whose transport holds
   * more than its debt accounts for (its socket stopped taking even the other events).
   */
  sweep(): void {
    for (const { clientId, sessionId } of this.flow.stalled()) this.dropFrom(clientId, [sessionId]);
    for (const [clientId, sink] of this.clients) {
      const buffered = sink.bufferedAmount?.() ?? 0;
      if (buffered > this.maxBuffered + MAX_BYTES_PER_CHAR * this.flow.totalDebt(clientId)) this.dropFrom(clientId, this.flow.sessionsReadBy(clientId));
    }
  }

  get size(): number {
    return this.listeners.size + this.clients.size;
  }

  private emitData(payload: EventPayload<'term.data'>): void {
    const { sessionId, data } = payload;
    for (const [clientId, sink] of this.clients) {
      if (!this.flow.reading(clientId, sessionId)) continue;
      this.flow.sent(clientId, sessionId, data.length);
      this.deliver(sink, 'term.data', payload);
    }
  }

  private dropFrom(clientId: string, sessionIds: readonly string[]): void {
    const sink = this.clients.get(clientId);
    for (const sessionId of sessionIds) {
      this.flow.drop(clientId, sessionId);
      if (sink) this.deliver(sink, 'term.resync', { sessionId });
    }
    if (sessionIds.length > 0) this.wake();
  }

  private wake(): void {
    this.wakeup ??= setImmediate(() => {
      this.wakeup = undefined;
      this.roomFreed();
    });
  }

  private deliver(sink: ClientSink, name: EventName, payload: unknown): void {
    try {
      sink.send(name, payload);
    } catch {
      // One broken window must not stop events reaching the others.
    }
  }
}
