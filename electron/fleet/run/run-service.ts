/**
 * Run one command on many hosts, as pdsh does: an exec channel per host, at most `fanout`
 * connections at once, each with its own route (ProxyJump, ProxyCommand), host key check and
 * authentication. Results stream out per host as they finish.
 */
import { StringDecoder } from 'node:string_decoder';
import type { HostKeyDecision, HostKeyPrompt } from '../../../shared/model/host';
import type { AskAuth } from '../connect/auth-prompt';
import { Limiter } from '../connect/limiter';
import { openRoute } from '../connect/route';
import { LinkError } from '../connect/ssh-link';
import type { HostCatalog, KnownHosts, ResolvedHost } from '../types';
import { MAX_RUN_OUTPUT_BYTES, MAX_RUN_TAIL_BYTES } from '../../../shared/model/incident';
import type { HostOutput, HostRunResult, RunResult } from './types';
import { Capture } from './capture';

/** A host key prompt before it has an id: whoever shows it names it. */
export type HostKeyQuestion = Omit<HostKeyPrompt, 'promptId'>;

export interface RunOptions {
  hosts: ResolvedHost[];
  command: string;
  /** Resolves ProxyJump hops by their own config. */
  catalog: HostCatalog;
  knownHosts: KnownHosts;
  /** Default process.env.SSH_AUTH_SOCK. */
  agentSocket?: string;
  /** Concurrent hosts, default 32 (as pdsh -f). */
  fanout?: number;
  /** Connect timeout per host (a host's ConnectTimeout wins), default 10 000. */
  connectTimeoutMs?: number;
  /** Whole-host limit (connect + command); the command is cut off after it. Default none. */
  timeoutMs?: number;
  /**
   * Ask about an unknown host key under StrictHostKeyChecking ask. Absent: refused, saying why
   * (`cannotAsk`), as ssh does in batch mode.
   */
  askHostKey?(prompt: HostKeyQuestion, signal: AbortSignal): Promise<HostKeyDecision>;
  cannotAsk?: string;
  /** Passphrases, passwords, keyboard-interactive answers (the CLI's TTY). Absent: those methods are skipped. */
  askAuth?: AskAuth;
  /** Output as it arrives (for pdsh-style streaming); chunks are whole lines except at the end. */
  onOutput?(alias: string, stream: 'stdout' | 'stderr', text: string): void;
  /** A host got a fan-out slot and starts connecting (for progress: waiting -> running). */
  onHostStart?(alias: string): void;
  onHostDone?(result: HostRunResult): void;
  /**
   * Cancels the run: hosts not done yet end at once as failures of kind `cancelled` (their channels
   * and connections closed), and hosts still waiting for a slot never connect.
   */
  signal?: AbortSignal;
  /** Output kept per host (stdout, stderr, and both together), default MAX_RUN_OUTPUT_BYTES; the rest is counted. */
  maxOutputBytes?: number;
  /** Each host's raw output, bounded, once it is done (before onHostDone): for the incident folder. */
  onHostOutput?(output: HostOutput): void;
}

/** How a host that had not finished when the run was cancelled is reported. */
export const cancelledFailure = (alias: string): { kind: 'cancelled'; message: string } => ({ kind: 'cancelled', message: `${alias}: cancelled before it finished` });

/** A host's result when its command never ran (cancelled, or an unknown alias). */
export function notRun(host: { alias: string; hostname: string }, failure: NonNullable<HostRunResult['failure']>): HostRunResult {
  return { alias: host.alias, hostname: host.hostname, exitCode: null, signal: null, stdout: '', stderr: '', tail: '', durationMs: 0, failure };
}

/** ssh's convention: 255 when the command could not be run or was killed. */
export const FAILED_EXIT = 255;

export async function runCommand(opts: RunOptions): Promise<RunResult> {
  const started = Date.now();
  const limiter = new Limiter(opts.fanout ?? 32);
  const results = await Promise.all(
    opts.hosts.map(async (host) => {
      const release = await limiter.acquire();
      try {
        // Cancelled while waiting for a slot: it never connects.
        if (opts.signal?.aborted) {
          const r = notRun(host, cancelledFailure(host.alias));
          opts.onHostDone?.(r);
          return r;
        }
        opts.onHostStart?.(host.alias);
        const { result: r, output } = await runOne(host, opts);
        opts.onHostOutput?.(output);
        opts.onHostDone?.(r);
        return r;
      } finally {
        release();
      }
    }),
  );
  let exitCode = 0;
  for (const r of results) {
    const code = r.failure || r.exitCode === null ? FAILED_EXIT : r.exitCode;
    exitCode = Math.max(exitCode, code);
  }
  return { command: opts.command, startedAt: new Date(started).toISOString(), durationMs: Date.now() - started, hosts: results, exitCode };
}

/** Splits a stream into whole lines for onOutput, holding back a partial last line. */
class LineSplitter {
  private rest = '';
  constructor(private readonly emit: (text: string) => void) {}
  push(text: string): void {
    const all = this.rest + text;
    const cut = all.lastIndexOf('\n');
    if (cut < 0) {
      this.rest = all;
      return;
    }
    this.rest = all.slice(cut + 1);
    this.emit(all.slice(0, cut + 1));
  }
  end(): void {
    if (this.rest) this.emit(this.rest);
    this.rest = '';
  }
}

function runOne(host: ResolvedHost, opts: RunOptions): Promise<{ result: HostRunResult; output: HostOutput }> {
  const started = Date.now();
  const limit = opts.maxOutputBytes ?? MAX_RUN_OUTPUT_BYTES;
  const out = new Capture(limit);
  const err = new Capture(limit);
  const both = new Capture(limit, MAX_RUN_TAIL_BYTES);
  const dOut = new StringDecoder('utf8');
  const dErr = new StringDecoder('utf8');
  const sOut = new LineSplitter((t) => opts.onOutput?.(host.alias, 'stdout', t));
  const sErr = new LineSplitter((t) => opts.onOutput?.(host.alias, 'stderr', t));

  return new Promise((resolve) => {
    let done = false;
    let exitCode: number | null = null;
    let signal: string | null = null;
    let timer: NodeJS.Timeout | undefined;
    const pendingPrompts = new Map<string, AbortController>();
    let promptSeq = 0;
    const cleanups: Array<() => void> = [];

    const finish = (failure?: { kind: LinkError['kind']; message: string }): void => {
      if (done) return;
      done = true;
      if (timer) clearTimeout(timer);
      for (const c of cleanups) c();
      route.cancel();
      sOut.push(dOut.end());
      sErr.push(dErr.end());
      sOut.end();
      sErr.end();
      const r: HostRunResult = {
        alias: host.alias,
        hostname: host.hostname,
        exitCode,
        signal,
        stdout: out.bytes().toString('utf8'),
        stderr: err.bytes().toString('utf8'),
        tail: both.tail(),
        durationMs: Date.now() - started,
      };
      if (failure) r.failure = failure;
      resolve({ result: r, output: { alias: host.alias, data: both.bytes(), dropped: both.dropped } });
    };

    const route = openRoute(host, opts.catalog, {
      knownHosts: opts.knownHosts,
      agentSocket: opts.agentSocket ?? process.env.SSH_AUTH_SOCK,
      connectTimeoutMs: opts.connectTimeoutMs ?? 10_000,
      acceptedOnce: new Set(),
      onPhase: () => undefined,
      ...(opts.askHostKey
        ? {
            askHostKey: (fields: HostKeyQuestion, answer: (d: HostKeyDecision) => void): string => {
              const id = `${host.alias}#${++promptSeq}`;
              const abort = new AbortController();
              pendingPrompts.set(id, abort);
              opts.askHostKey!(fields, abort.signal).then(
                (d) => answer(d),
                () => answer('reject'),
              );
              return id;
            },
          }
        : {}),
      withdrawHostKey: (id) => {
        pendingPrompts.get(id)?.abort();
        pendingPrompts.delete(id);
      },
      ...(opts.cannotAsk ? { cannotAsk: opts.cannotAsk } : {}),
      ...(opts.askAuth ? { askAuth: opts.askAuth } : {}),
    });
    if (opts.signal) {
      const onAbort = (): void => finish(cancelledFailure(host.alias));
      if (opts.signal.aborted) onAbort();
      else opts.signal.addEventListener('abort', onAbort, { once: true });
      cleanups.push(() => opts.signal!.removeEventListener('abort', onAbort));
    }
    if (opts.timeoutMs !== undefined) {
      timer = setTimeout(() => finish({ kind: 'timeout', message: `${host.alias}: no result within ${opts.timeoutMs! / 1000}s; cut off` }), opts.timeoutMs);
    }
    route.onLost((e) => finish({ kind: e.kind, message: e.message }));
    route.ready.then(
      (client) => {
        if (done) return;
        client.exec(opts.command, (e, stream) => {
          if (done) return;
          if (e) return finish({ kind: 'exec', message: `${host.alias}: could not run the command: ${e.message}` });
          stream.on('data', (b: Buffer) => {
            out.push(b);
            both.push(b);
            sOut.push(dOut.write(b));
          });
          stream.stderr.on('data', (b: Buffer) => {
            err.push(b);
            both.push(b);
            sErr.push(dErr.write(b));
          });
          stream.on('exit', (code: number | null, sig?: string) => {
            if (typeof code === 'number') exitCode = code;
            else signal = sig ?? null;
          });
          stream.on('close', () => {
            if (exitCode === null && signal === null) return finish({ kind: 'lost', message: `${host.alias}: the command ended without an exit status` });
            finish(signal ? { kind: 'exec', message: `${host.alias}: command killed by signal ${signal}` } : undefined);
          });
        });
      },
      (e: unknown) => {
        const le = e instanceof LinkError ? e : new LinkError(String(e), 'config');
        finish({ kind: le.kind, message: le.message });
      },
    );
  });
}
