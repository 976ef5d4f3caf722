import type { EventName, EventPayload, RequestInput, RequestName, RequestOutput, WarroomApi } from '../../shared/contract';
import { ServerFrame, TOKEN_PARAM, WS_PATH, type ClientFrame } from '../../shared/wire';
import { EventListeners } from './listeners';
import { unwrapReply } from './reply';
import type { LinkState } from '../model/link';

// Callers of onState() get the type from here with the client.
export type { LinkState };

/** The part of the WebSocket API this client uses, so Node's `ws` can drive it in tests. */
export interface SocketLike {
  readonly readyState: number;
  onopen: ((ev: unknown) => void) | null;
  onclose: ((ev: unknown) => void) | null;
  onerror: ((ev: unknown) => void) | null;
  onmessage: ((ev: { data: unknown }) => void) | null;
  send(data: string): void;
  close(code?: number, reason?: string): void;
}

export interface WsClientOptions {
  url: string;
  createSocket: (url: string) => SocketLike;
  onBadEvent: (message: string) => void;
  /** Backoff bounds in ms; the delay doubles per failed attempt. */
  minDelayMs?: number;
  maxDelayMs?: number;
  now?: () => number;
  /** Added to the reason of a lost connection: what the user can do about it (a page opened without its token). */
  hint?: string;
}

const OPEN = 1;

interface Pending {
  name: RequestName;
  resolve: (reply: unknown) => void;
  reject: (err: Error) => void;
}

/** Delay before reconnect attempt n (1-based): doubling, capped, never zero. */
export function backoffDelay(attempt: number, minMs: number, maxMs: number): number {
  const exp = Math.min(attempt - 1, 16);
  return Math.min(maxMs, minMs * 2 ** exp);
}

/** Browser mode's transport: one socket, requests matched to replies by id, reconnect with backoff. */
export class WsClient implements WarroomApi {
  private socket: SocketLike | undefined;
  private nextId = 1;
  private readonly pending = new Map<number, Pending>();
  private readonly listeners: EventListeners;
  private readonly stateListeners = new Set<(state: LinkState) => void>();
  private state: LinkState = { kind: 'connecting', attempt: 1 };
  private attempt = 0;
  private retryTimer: ReturnType<typeof setTimeout> | undefined;
  private stopped = false;

  constructor(private readonly options: WsClientOptions) {
    this.listeners = new EventListeners(options.onBadEvent);
  }

  start(): void {
    this.stopped = false;
    this.open();
  }

  /** Closes for good: no reconnect, every pending request fails. */
  stop(): void {
    this.stopped = true;
    if (this.retryTimer) clearTimeout(this.retryTimer);
    this.socket?.close(1000, 'window closed');
    this.failPending('the window closed the connection');
  }

  get linkState(): LinkState {
    return this.state;
  }

  onState(listener: (state: LinkState) => void): () => void {
    this.stateListeners.add(listener);
    listener(this.state);
    return () => this.stateListeners.delete(listener);
  }

  request<K extends RequestName>(name: K, input: RequestInput<K>): Promise<RequestOutput<K>> {
    const socket = this.socket;
    if (!socket || socket.readyState !== OPEN) {
      // Keystrokes queued during an outage would land on production minutes later: refuse instead.
      return Promise.reject(new Error(`${name}: not connected to Warroom`));
    }
    const id = this.nextId++;
    const frame: ClientFrame = { t: 'req', id, name, input };
    return new Promise<RequestOutput<K>>((resolve, reject) => {
      this.pending.set(id, {
        name,
        resolve: (reply) => resolve(reply as RequestOutput<K>),
        reject,
      });
      try {
        socket.send(JSON.stringify(frame));
      } catch (err) {
        this.pending.delete(id);
        reject(err instanceof Error ? err : new Error(String(err)));
      }
    });
  }

  on<E extends EventName>(name: E, listener: (payload: EventPayload<E>) => void): () => void {
    return this.listeners.on(name, listener);
  }

  private setState(state: LinkState): void {
    const prev = this.state;
    // The first attempt starts in the state the client was created in: say it once.
    if (state.kind === 'connecting' && prev.kind === 'connecting' && prev.attempt === state.attempt) return;
    this.state = state;
    for (const listener of this.stateListeners) listener(state);
  }

  private open(): void {
    this.attempt += 1;
    this.setState({ kind: 'connecting', attempt: this.attempt });
    let socket: SocketLike;
    try {
      socket = this.options.createSocket(this.options.url);
    } catch (err) {
      this.scheduleRetry(err instanceof Error ? err.message : String(err));
      return;
    }
    this.socket = socket;
    socket.onopen = () => {
      this.attempt = 0;
      this.setState({ kind: 'open' });
    };
    socket.onmessage = (ev) => this.handleMessage(ev.data);
    socket.onerror = () => {
      // The close event follows and carries the decision; an error alone says nothing useful.
    };
    socket.onclose = (ev) => {
      if (this.socket !== socket) return;
      this.socket = undefined;
      const code = (ev as { code?: number }).code;
      this.failPending('the connection to Warroom was lost before the reply came');
      if (this.stopped) return;
      const reason = code === undefined || code === 1006 ? 'connection lost' : `connection closed, code ${code}`;
      this.scheduleRetry(this.options.hint ? `${reason}; ${this.options.hint}` : reason);
    };
  }

  private scheduleRetry(reason: string): void {
    const delay = backoffDelay(Math.max(1, this.attempt), this.options.minDelayMs ?? 250, this.options.maxDelayMs ?? 10_000);
    const now = this.options.now?.() ?? Date.now();
    this.setState({ kind: 'closed', attempt: this.attempt, retryAt: now + delay, reason });
    this.retryTimer = setTimeout(() => {
      this.retryTimer = undefined;
      if (!this.stopped) this.open();
    }, delay);
  }

  private failPending(message: string): void {
    const pending = [...this.pending.values()];
    this.pending.clear();
    for (const p of pending) p.reject(new Error(`${p.name}: ${message}`));
  }

  private handleMessage(data: unknown): void {
    if (typeof data !== 'string') {
      this.options.onBadEvent('the server sent a binary frame');
      return;
    }
    let json: unknown;
    try {
      json = JSON.parse(data);
    } catch {
      this.options.onBadEvent('the server sent a frame that is not JSON');
      return;
    }
    const frame = ServerFrame.safeParse(json);
    if (!frame.success) {
      this.options.onBadEvent('the server sent a frame that does not fit the wire format');
      return;
    }
    if (frame.data.t === 'evt') {
      this.listeners.dispatch(frame.data.name, frame.data.payload);
      return;
    }
    const pending = this.pending.get(frame.data.id);
    if (!pending) return;
    this.pending.delete(frame.data.id);
    try {
      pending.resolve(unwrapReply(pending.name, frame.data.reply));
    } catch (err) {
      pending.reject(err instanceof Error ? err : new Error(String(err)));
    }
  }
}

/** Where the page keeps the token after taking it out of the address bar. */
export const TOKEN_STORAGE_KEY = 'warroom.token';

export interface PageScope {
  location: { pathname: string; search: string; hash: string };
  history: { replaceState(data: unknown, unused: string, url?: string): void };
  sessionStorage: { getItem(key: string): string | null; setItem(key: string, value: string): void };
}

/**
 * The per-launch token. It is never a cookie: cookies are not port-scoped, so every other local
 * server on 127.0.0.1 would receive it. The page takes it from `?token=` once, keeps it in
 * sessionStorage (scoped to this origin, port included, and to this tab) so a reload still works,
 * and drops it from the address bar so it stays out of history and screenshots.
 */
export function takePageToken(page: PageScope): string {
  const params = new URLSearchParams(page.location.search);
  const fromUrl = params.get(TOKEN_PARAM);
  if (fromUrl !== null) {
    params.delete(TOKEN_PARAM);
    const rest = params.toString();
    page.history.replaceState(null, '', `${page.location.pathname}${rest ? `?${rest}` : ''}${page.location.hash}`);
    try {
      page.sessionStorage.setItem(TOKEN_STORAGE_KEY, fromUrl);
    } catch {
      // Storage refused (a locked-down profile): this load still works, a reload needs the URL again.
    }
    return fromUrl;
  }
  try {
    return page.sessionStorage.getItem(TOKEN_STORAGE_KEY) ?? '';
  } catch {
    return '';
  }
}

/** The socket URL for the page we were served from, carrying the token the page holds. */
export function socketUrl(location: { protocol: string; host: string }, token: string): string {
  const scheme = location.protocol === 'https:' ? 'wss:' : 'ws:';
  return `${scheme}//${location.host}${WS_PATH}?${TOKEN_PARAM}=${encodeURIComponent(token)}`;
}
