/**
 * How to get a byte stream to the target, as OpenSSH does: straight TCP, a ProxyCommand's stdio,
 * or a ProxyJump chain where each hop is its own verified, authenticated link and the next hop is
 * reached through a direct-tcpip channel of the one before.
 */
import { spawn } from 'node:child_process';
import { Duplex, PassThrough, Writable } from 'node:stream';
import type { HostCatalog, ResolvedHost } from '../types';
import { describeHost } from './host-key-policy';
import { LinkError, openLink, type Link, type LinkDeps, type SshClient } from './ssh-link';

export interface Route {
  /** Resolves with the target's authenticated client; rejects with a LinkError. */
  ready: Promise<SshClient>;
  /** Called at most once, when any link of an established route drops. */
  onLost(cb: (err: LinkError) => void): void;
  cancel(): void;
}

const MAX_HOPS = 16;

/** "user@host:port", "host:port", "[v6]:port" as ProxyJump writes hops. */
export function parseJumpSpec(spec: string): { host: string; user?: string; port?: number } {
  let rest = spec.trim();
  if (rest.startsWith('ssh://')) rest = rest.slice(6);
  const out: { host: string; user?: string; port?: number } = { host: rest };
  const at = rest.lastIndexOf('@');
  if (at >= 0) {
    out.user = rest.slice(0, at);
    rest = rest.slice(at + 1);
  }
  const v6 = /^\[([^\]]+)\](?::(\d+))?$/.exec(rest);
  const hp = /^([^:]+):(\d+)$/.exec(rest);
  if (v6) {
    rest = v6[1]!;
    if (v6[2]) out.port = Number(v6[2]);
  } else if (hp) {
    rest = hp[1]!;
    out.port = Number(hp[2]);
  }
  if (!rest || (out.port !== undefined && !(out.port >= 1 && out.port <= 65535)) || out.user === '') {
    throw new Error(`bad ProxyJump hop "${spec}": expected [user@]host[:port]`);
  }
  out.host = rest;
  return out;
}

/** A hop resolved by its own config; user and port written in the hop win, as `ssh -l -p` do. */
export function resolveHop(catalog: HostCatalog, spec: string): ResolvedHost {
  const j = parseJumpSpec(spec);
  const base = catalog.resolve(j.host);
  if (!base) throw new Error(`ProxyJump hop "${spec}" cannot be resolved`);
  const hop: ResolvedHost = { ...base };
  if (j.user !== undefined) hop.user = j.user;
  if (j.port !== undefined) hop.port = j.port;
  return hop;
}

function forward(client: SshClient, to: ResolvedHost, via: ResolvedHost): Promise<Duplex> {
  return new Promise((resolve, reject) => {
    client.forwardOut('127.0.0.1', 0, to.hostname, to.port, (err, stream) => {
      if (err) reject(new LinkError(`jump host ${via.alias} cannot reach ${describeHost(to)}: ${err.message}`, 'unreachable'));
      else resolve(stream);
    });
  });
}

/** ProxyCommand: a shell runs it; its stdout and stdin are the connection. */
function proxyCommandStream(host: ResolvedHost, command: string): Duplex {
  const child = spawn('/bin/sh', ['-c', command], { stdio: ['pipe', 'pipe', 'pipe'] });
  let stderr = '';
  child.stderr.on('data', (d: Buffer) => {
    stderr = (stderr + d.toString()).slice(-2000);
  });
  // The read side ends only once the command has exited, so a failing command is reported with its
  // status and stderr rather than as a connection that merely dropped.
  const out = new PassThrough();
  child.stdout.pipe(out, { end: false });
  child.on('error', (e) => out.destroy(new Error(`ProxyCommand for ${host.alias} failed to start: ${e.message}`)));
  child.on('close', (code, signal) => {
    const why = stderr.trim() ? `: ${stderr.trim()}` : '';
    if (code !== 0 && code !== null) out.destroy(new Error(`ProxyCommand for ${host.alias} exited with status ${code}${why}`));
    else if (signal && !duplex.destroyed) out.destroy(new Error(`ProxyCommand for ${host.alias} killed by ${signal}${why}`));
    else out.end();
  });
  // Writes to a command that already died fail with EPIPE; swallow that so its exit status, not a
  // broken pipe, is what the user reads.
  child.stdin.on('error', () => undefined);
  const input = new Writable({
    write(chunk: Buffer, _enc, cb) {
      if (!child.stdin.writable) return cb();
      child.stdin.write(chunk, () => cb());
    },
    final(cb) {
      child.stdin.end();
      cb();
    },
  });
  const duplex = Duplex.from({ readable: out, writable: input });
  // Closing the connection ends the command too; kill it by its own PID only.
  duplex.on('close', () => {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
  });
  return duplex;
}

export function openRoute(target: ResolvedHost, catalog: HostCatalog, deps: LinkDeps): Route {
  const links: Link[] = [];
  let cancelled = false;
  let lostCb: ((e: LinkError) => void) | undefined;
  let lostErr: LinkError | undefined;
  const lost = (e: LinkError): void => {
    if (lostErr) return;
    lostErr = e;
    lostCb?.(e);
  };
  const cancelAll = (): void => {
    for (const l of [...links].reverse()) l.cancel();
  };

  const track = (l: Link, label: string): Link => {
    links.push(l);
    l.onLost((e) => lost(label ? new LinkError(`${label}: ${e.message}`, e.kind) : e));
    if (cancelled) l.cancel();
    return l;
  };

  const viaHop = async (err: unknown, label: string): Promise<never> => {
    const e = err instanceof LinkError ? err : new LinkError((err as Error).message, 'config');
    if (!label) throw e;
    throw new LinkError(`${label}: ${e.message}`, e.kind);
  };

  /** The stream to `host`, honouring its own ProxyJump/ProxyCommand. */
  const streamTo = async (host: ResolvedHost, depth: number, seen: Set<string>): Promise<Duplex | undefined> => {
    if (depth > MAX_HOPS) throw new LinkError(`ProxyJump chain to ${host.alias} is longer than ${MAX_HOPS} hops (a loop?)`, 'config');
    if (host.proxyJump.length > 0) {
      let hops: ResolvedHost[];
      try {
        hops = host.proxyJump.map((s) => resolveHop(catalog, s));
      } catch (e) {
        throw new LinkError(`${host.alias}: ${(e as Error).message}`, 'config');
      }
      // The first hop is reached the way its own config says; later hops through the one before.
      const first = hops[0]!;
      const key = `${first.user}@${first.hostname}:${first.port}`;
      if (seen.has(key)) throw new LinkError(`ProxyJump loop: ${first.alias} is reached through itself`, 'config');
      seen.add(key);
      let client = await connectTo(first, depth + 1, seen, `jump host ${first.alias}`);
      let prev = first;
      for (const hop of hops.slice(1)) {
        const s = await forward(client, hop, prev);
        client = await linkOver(hop, s, `jump host ${hop.alias}`);
        prev = hop;
      }
      return forward(client, host, prev);
    }
    if (host.proxyCommand) return proxyCommandStream(host, host.proxyCommand);
    return undefined;
  };

  const linkOver = async (host: ResolvedHost, sock: Duplex | undefined, label: string): Promise<SshClient> => {
    const l = track(openLink(host, deps, sock), label);
    return l.ready.catch((e: unknown) => viaHop(e, label));
  };

  const connectTo = async (host: ResolvedHost, depth: number, seen: Set<string>, label: string): Promise<SshClient> => {
    let sock: Duplex | undefined;
    try {
      sock = await streamTo(host, depth, seen);
    } catch (e) {
      if (!label) throw e;
      return viaHop(e, label);
    }
    if (cancelled) throw new LinkError('cancelled', 'cancelled');
    return linkOver(host, sock, label);
  };

  const ready = connectTo(target, 0, new Set(), '').catch((e: unknown) => {
    cancelAll();
    throw e instanceof LinkError ? e : new LinkError(String((e as Error)?.message ?? e), 'config');
  });
  ready.catch(() => undefined);

  return {
    ready,
    onLost(cb) {
      lostCb = cb;
      if (lostErr) cb(lostErr);
    },
    cancel() {
      cancelled = true;
      cancelAll();
    },
  };
}
