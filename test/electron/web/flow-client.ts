/**
 * A window over the real WebSocket transport, reduced to what flow control sees: it counts the
 * output it reads, acknowledges it as xterm would (or stops, to play a window that hangs), and keeps
 * the skip and resync notices. Used by the flow-control tests and the flood bench.
 */
import WebSocket from 'ws';
import type { ClientFrame, ServerFrame } from '../../../shared/wire';
import type { SessionInfo } from '../../../shared/model/host';

export interface FlowClient {
  ws: WebSocket;
  call<T = unknown>(name: string, input: unknown): Promise<T>;
  /** Chars of term.data read per session. */
  received: Map<string, number>;
  /** The latest output per session (the last 64 KB), for content checks. */
  recent: Map<string, string>;
  skipped: Array<{ sessionId: string; chars: number }>;
  resyncs: string[];
  states: Map<string, SessionInfo>;
  /** false: read but acknowledge nothing (a window whose xterm stopped writing). */
  acking: boolean;
  /** On term.resync, repaint from fleet.scrollback as the window does (true by default). */
  repaints: boolean;
  /** Stops reading the socket at all (a frozen tab): the server's send buffer is all that grows. */
  freeze(): void;
  thaw(): void;
  /** Resolves once `probe` holds after some message (checked at once too). */
  until(what: string, probe: () => boolean, timeoutMs?: number): Promise<void>;
  close(): Promise<void>;
}

const RECENT_CHARS = 64 * 1024;

export async function openFlowClient(port: number, token: string): Promise<FlowClient> {
  const ws = new WebSocket(`ws://127.0.0.1:${port}/ws?token=${token}`, { origin: `http://127.0.0.1:${port}` });
  await new Promise<void>((resolve, reject) => {
    ws.once('open', () => resolve());
    ws.once('error', reject);
  });
  let nextId = 1;
  const replies = new Map<number, (frame: Extract<ServerFrame, { t: 'res' }>) => void>();
  const waiters = new Set<() => void>();
  const send = (name: string, input: unknown): number => {
    const frame: ClientFrame = { t: 'req', id: nextId++, name, input };
    ws.send(JSON.stringify(frame));
    return frame.id;
  };
  const client: FlowClient = {
    ws,
    call: <T>(name: string, input: unknown) =>
      new Promise<T>((resolve, reject) => {
        replies.set(send(name, input), (f) => (f.reply.ok ? resolve(f.reply.value as T) : reject(new Error(`${name}: ${f.reply.error.message}`))));
      }),
    received: new Map(),
    recent: new Map(),
    skipped: [],
    resyncs: [],
    states: new Map(),
    acking: true,
    repaints: true,
    freeze: () => ws.pause(),
    thaw: () => ws.resume(),
    until: (what, probe, timeoutMs = 20_000) =>
      new Promise<void>((resolve, reject) => {
        const check = () => {
          if (!probe()) return;
          waiters.delete(check);
          clearTimeout(timer);
          resolve();
        };
        const timer = setTimeout(() => {
          waiters.delete(check);
          reject(new Error(`timed out waiting for ${what}`));
        }, timeoutMs);
        waiters.add(check);
        check();
      }),
    close: () =>
      new Promise<void>((resolve) => {
        if (ws.readyState === ws.CLOSED) return resolve();
        ws.once('close', () => resolve());
        ws.close();
      }),
  };
  ws.on('message', (raw) => {
    const frame = JSON.parse(raw.toString()) as ServerFrame;
    if (frame.t === 'res') {
      replies.get(frame.id)?.(frame);
      replies.delete(frame.id);
    } else if (frame.name === 'term.data') {
      const { sessionId, data } = frame.payload as { sessionId: string; data: string };
      client.received.set(sessionId, (client.received.get(sessionId) ?? 0) + data.length);
      client.recent.set(sessionId, ((client.recent.get(sessionId) ?? '') + data).slice(-RECENT_CHARS));
      // Acked per event, not batched: the ledger's numbers are what the tests look at.
      if (client.acking) send('fleet.ack', { acks: [{ sessionId, chars: data.length }] });
    } else if (frame.name === 'term.skipped') {
      client.skipped.push(frame.payload as { sessionId: string; chars: number });
    } else if (frame.name === 'term.resync') {
      const { sessionId } = frame.payload as { sessionId: string };
      client.resyncs.push(sessionId);
      if (client.repaints) {
        void client.call<{ data: string }>('fleet.scrollback', { sessionId }).then(
          ({ data }) => void client.recent.set(sessionId, data.slice(-RECENT_CHARS)),
          () => undefined,
        );
      }
    } else if (frame.name === 'session.state') {
      const info = frame.payload as SessionInfo;
      client.states.set(info.sessionId, info);
    }
    for (const w of [...waiters]) w();
  });
  return client;
}
