/**
 * One practice host on the wire: an ssh2 Server on the host's own loopback address, with its own
 * host key, that accepts only the practice client key (signature verified) for user `sre`.
 */
import { timingSafeEqual } from 'node:crypto';
import { createServer, type Server as NetServer, type Socket } from 'node:net';
import { Server, type Connection, type ParsedKey, type PseudoTtyInfo, type ServerChannel } from 'ssh2';
import type { PracticeHost } from './host/model';
import { PracticeTerminal } from './terminal';

export interface HostServerOptions {
  host: PracticeHost;
  address: string;
  /** 0 picks a free port. */
  port: number;
  hostKeyText: string;
  clientKey: ParsedKey;
  user: string;
  /** Like sshd's LoginGraceTime: a connection not logged in by then is dropped. */
  loginGraceMs: number;
}

export interface HostServer {
  address: string;
  port: number;
  close(): Promise<void>;
}

/**
 * ssh2's server pings every client every 15 s by default. Here client and server share one process
 * and loopback, so those pings only cost CPU and a timer per idle session; push them out of reach.
 */
const KEEPALIVE_OFF_MS = 2 ** 31 - 1;
/** What a streaming command may queue in its channel before it waits (a pty buffer's order). */
const SEND_HIGH = 64 * 1024;
const SEND_LOW = 16 * 1024;
/** How long close() lets a peer answer our disconnect before its socket is destroyed. */
const CLOSE_GRACE_MS = 1000;

function keyMatches(allowed: ParsedKey, algo: string, data: Buffer): boolean {
  const mine = allowed.getPublicSSH();
  return algo === allowed.type && data.length === mine.length && timingSafeEqual(data, mine);
}

function onSession(host: PracticeHost, accept: () => import('ssh2').Session): void {
  const session = accept();
  let pty: { cols: number; rows: number } | undefined;
  let terminal: PracticeTerminal | undefined;
  session.on('pty', (ok, _no, info: PseudoTtyInfo) => {
    pty = { cols: info.cols, rows: info.rows };
    ok?.();
  });
  session.on('window-change', (ok, _no, info) => {
    if (pty) pty = { cols: info.cols, rows: info.rows };
    terminal?.resize(info.cols, info.rows);
    ok?.();
  });
  session.on('env', (ok) => ok?.());
  session.on('signal', (ok, _no, info) => {
    ok?.();
    terminal?.signal(info.name);
  });
  const attach = (channel: ServerChannel): PracticeTerminal => {
    // A command that streams waits once this much is queued for the client's window, as a program
    // on a real host blocks on a full pty: the channel's own high-water mark is ssh2's 2 MiB, and
    // an interrupt's prompt queues behind whatever is waiting here.
    let waiting: (() => void) | undefined;
    const written = () => {
      if (waiting && channel.writableLength <= SEND_LOW) {
        const resume = waiting;
        waiting = undefined;
        resume();
      }
    };
    const t = new PracticeTerminal(host, {
      stdout: (text) => {
        channel.write(text, written);
        return channel.writableLength < SEND_HIGH;
      },
      onDrain: (resume) => {
        waiting = resume;
        // Whatever was queued may already have gone (write callbacks run on a later tick).
        setImmediate(written);
      },
      after: (ms, wake) => {
        const timer = setTimeout(wake, ms);
        return () => clearTimeout(timer);
      },
      stderr: (text) => {
        channel.stderr.write(text);
      },
      end: (code) => {
        channel.exit(code);
        channel.end();
      },
    }, pty !== undefined, pty);
    channel.on('data', (d: Buffer) => t.input(d));
    channel.on('end', () => t.eof());
    channel.on('close', () => t.close());
    channel.on('error', () => undefined);
    return t;
  };
  session.on('shell', (ok) => {
    const channel = ok();
    if (!channel) return;
    terminal = attach(channel);
    terminal.start(Date.now() - 37 * 60_000);
  });
  session.on('exec', (ok, _no, info) => {
    const channel = ok();
    if (!channel) return;
    terminal = attach(channel);
    terminal.exec(info.command);
  });
  // sftp, subsystems, x11 and agent forwarding have no listener, so ssh2 refuses them.
}

export async function startHostServer(opts: HostServerOptions): Promise<HostServer> {
  const clients = new Set<Connection>();
  const sockets = new Set<Socket>();
  /** Login timers by the peer's address:port, which names one live TCP connection. */
  const graceTimers = new Map<string, NodeJS.Timeout>();
  const ssh = new Server({ hostKeys: [opts.hostKeyText], keepaliveInterval: KEEPALIVE_OFF_MS }, (client, info) => {
    clients.add(client);
    const peer = `${info.ip}:${info.port}`;
    client.on('close', () => clients.delete(client));
    client.on('error', () => undefined); // a peer that vanishes mid-handshake must not take the app down
    client.on('authentication', (ctx) => {
      if (ctx.method === 'publickey' && ctx.username === opts.user && keyMatches(opts.clientKey, ctx.key.algo, ctx.key.data)) {
        // Without a signature the client only asks whether this key would do; with one, prove it.
        if (!ctx.signature || (ctx.blob && opts.clientKey.verify(ctx.blob, ctx.signature, ctx.hashAlgo) === true)) {
          ctx.accept();
          return;
        }
      }
      ctx.reject(['publickey']);
    });
    client.on('ready', () => {
      clearTimeout(graceTimers.get(peer));
      graceTimers.delete(peer);
      client.on('session', (accept) => onSession(opts.host, accept));
    });
  });
  ssh.on('error', () => undefined);

  // We own the listening socket (and hand connections to ssh2) so close() can reach every socket.
  // Nagle's algorithm with delayed ACKs adds ~40 ms stalls to every small SSH round trip: keystroke
  // echo is exactly that traffic.
  const net: NetServer = createServer({ noDelay: true }, (socket) => {
    sockets.add(socket);
    // Only until login: an established session keeps no timer.
    const peer = `${socket.remoteAddress}:${socket.remotePort}`;
    const grace = setTimeout(() => socket.destroy(), opts.loginGraceMs);
    grace.unref();
    graceTimers.set(peer, grace);
    socket.on('close', () => {
      clearTimeout(grace);
      graceTimers.delete(peer);
      sockets.delete(socket);
    });
    socket.on('error', () => undefined);
    ssh.injectSocket(socket);
  });
  await new Promise<void>((resolve, reject) => {
    net.once('error', reject);
    net.listen(opts.port, opts.address, () => {
      net.off('error', reject);
      resolve();
    });
  });
  net.on('error', () => undefined);
  const addr = net.address();
  const port = typeof addr === 'object' && addr ? addr.port : opts.port;

  let closing: Promise<void> | undefined;
  return {
    address: opts.address,
    port,
    close: () => {
      closing ??= new Promise<void>((resolve) => {
        net.close(() => resolve());
        for (const c of clients) c.end();
        if (sockets.size === 0) return;
        const timer = setTimeout(() => {
          for (const s of sockets) s.destroy();
        }, CLOSE_GRACE_MS);
        timer.unref();
        net.once('close', () => clearTimeout(timer));
      });
      return closing;
    },
  };
}
