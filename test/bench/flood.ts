/**
 * A `yes` flood on 8 and 50 practice hosts through the real browser-mode server (issue 10 §4, 11 #9):
 * one window reads over a real WebSocket and acknowledges at a fixed pace standing in for xterm's,
 * so the output is always behind, as it is in a real window under a flood. Measured: Node's RSS
 * during the flood, and Ctrl-C (to every host at once) to the prompt showing on every host, with
 * what was delivered and skipped meanwhile. The practice fleet's servers run in this process too,
 * so RSS is the whole of it, servers included.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createWarroom, type Warroom } from '../../electron/app/warroom';
import { startWebServer, type WebServer } from '../../electron/web/server';
import { openFlowClient, type FlowClient } from '../electron/web/flow-client';
import { info, row, type PartResult, type Row, type Verdict } from './report';

const HOST_COUNTS = (process.env.FLOOD_HOSTS ?? '8,50').split(',').map(Number);
/** What the stand-in window acknowledges per second across all its panes (xterm parse speed). */
const ACK_CHARS_PER_S = 8 * 2 ** 20;
// Acks go out in 50 ms frames: fewer requests than one per animation frame per pane, the same rate.
const FRAME_MS = 50;
const FLOOD_MS = 5000;
const TARGET_MS = 1000;
const ECHO_TARGET_MS = 50;
const AFTER_MS = 3000;
/** Longer than the product default (5 s): the window here shares 2 cores with 50 hosts and their servers. */
const STALL_MS = Number(process.env.FLOOD_STALL_MS ?? 30_000);
const PROMPT_TIMEOUT_MS = 60_000;
const MB = 2 ** 20;
const PROMPT_AFTER_CTRL_C = /\^C[^]*\$ $/;

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Acknowledges what was read, at most ACK_CHARS_PER_S, shared fairly among the sessions. */
function pacedAcks(client: FlowClient, ids: readonly string[]): () => void {
  const owed = new Map<string, number>();
  const seen = new Map<string, number>();
  const timer = setInterval(() => {
    for (const id of ids) {
      const now = client.received.get(id) ?? 0;
      owed.set(id, (owed.get(id) ?? 0) + now - (seen.get(id) ?? 0));
      seen.set(id, now);
    }
    let budget = (ACK_CHARS_PER_S * FRAME_MS) / 1000;
    const share = Math.max(1, Math.floor(budget / ids.length));
    const acks: Array<{ sessionId: string; chars: number }> = [];
    for (const id of ids) {
      const chars = Math.min(owed.get(id) ?? 0, share, budget);
      if (chars <= 0) continue;
      owed.set(id, (owed.get(id) ?? 0) - chars);
      budget -= chars;
      acks.push({ sessionId: id, chars });
    }
    // One request per frame for every session, as the window sends them.
    if (acks.length > 0) void client.call('fleet.ack', { acks }).catch(() => undefined);
  }, FRAME_MS);
  return () => clearInterval(timer);
}

interface Run {
  hosts: number;
  rssBeforeMb: number;
  rssPeakMb: number;
  /** RSS 1 s into the flood and at its end: flat means the second is no higher than the first. */
  rssAt1sMb: number;
  rssAtEndMb: number;
  /** RSS AFTER_MS after the last prompt showed. */
  rssAfterMb: number;
  /** A key typed into a quiet pane during the flood until its echo reached the window. */
  echoP50Ms: number;
  echoMaxMs: number;
  ctrlCToPromptMs: number;
  deliveredAfterCtrlCMb: number;
  skippedMb: number;
  /** Times the window was dropped from a session's stream as stalled (and repainted from scrollback). */
  resyncs: number;
}

async function runOnce(hosts: number, log: (line: string) => void): Promise<Run> {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'wr-bench-flood-'));
  const rendererDir = mkdtempSync(path.join(os.tmpdir(), 'wr-bench-renderer-'));
  writeFileSync(path.join(dataDir, 'ssh_config'), '');
  writeFileSync(path.join(rendererDir, 'index.html'), '<!doctype html>');
  let warroom: Warroom | undefined;
  let server: WebServer | undefined;
  let client: FlowClient | undefined;
  let stopAcks = () => undefined as void;
  try {
    // One more host than flood: the quiet one, typed into while the others flood.
    warroom = await createWarroom({ dataDir, mode: 'web', sshConfigFile: path.join(dataDir, 'ssh_config'), practice: hosts + 1, hub: { flow: { stallMs: STALL_MS } } });
    const w = warroom;
    server = await startWebServer({ handlers: w.handlers, hub: w.hub, rendererDir, onClientClosed: (id) => w.clientClosed(id), log });
    const c = (client = await openFlowClient(server.port, server.token));
    const aliases = w.practice!.hosts.map((h) => h.alias);
    const { sessions } = await c.call<{ sessions: Array<{ sessionId: string }> }>('fleet.connect', { aliases, cols: 80, rows: 24 });
    const all = sessions.map((s) => s.sessionId);
    const ids = all.slice(0, hosts);
    const quiet = all[hosts]!;
    c.acking = false;
    stopAcks = pacedAcks(c, all);
    await c.until('every prompt', () => all.every((id) => /\$ $/.test(c.recent.get(id) ?? '')), 120_000);
    global.gc?.();
    const rssBefore = process.memoryUsage().rss;
    if (process.env.FLOOD_DIAG) {
      const m = process.memoryUsage();
      log(`flood: ${hosts} hosts before: rss ${(m.rss / MB).toFixed(0)}, heap ${(m.heapUsed / MB).toFixed(0)} of ${(m.heapTotal / MB).toFixed(0)} MB, external ${(m.external / MB).toFixed(0)} MB, arrayBuffers ${(m.arrayBuffers / MB).toFixed(0)} MB`);
    }
    await c.call('fleet.input', { sessionIds: ids, data: 'yes\n' });
    let peak = rssBefore;
    let at1s = rssBefore;
    const echoes: number[] = [];
    let typed = '';
    const started0 = performance.now();
    for (let t = 250; t <= FLOOD_MS; t += 250) {
      // A key typed into the quiet pane: the time until its echo is back in the window.
      const key = String.fromCharCode(97 + (echoes.length % 26));
      typed += key;
      const sent = performance.now();
      await c.call('fleet.input', { sessionIds: [quiet], data: key });
      await c.until('the echo in the quiet pane', () => (c.recent.get(quiet) ?? '').endsWith(typed), 30_000);
      echoes.push(performance.now() - sent);
      await sleep(Math.max(0, started0 + t - performance.now()));
      const rss = process.memoryUsage().rss;
      peak = Math.max(peak, rss);
      if (t === 1000) at1s = rss;
    }
    await c.call('fleet.input', { sessionIds: [quiet], data: '\x15' });
    const atEnd = process.memoryUsage().rss;
    const mem = process.memoryUsage();
    log(`flood: ${hosts} hosts at ${FLOOD_MS / 1000} s: heap ${(mem.heapUsed / MB).toFixed(0)} of ${(mem.heapTotal / MB).toFixed(0)} MB, external ${(mem.external / MB).toFixed(0)} MB, arrayBuffers ${(mem.arrayBuffers / MB).toFixed(0)} MB`);
    if (process.env.FLOOD_DIAG && global.gc) {
      // Run with --expose-gc: what is still alive, not what awaits collection.
      global.gc();
      const m = process.memoryUsage();
      log(`flood: ${hosts} hosts at ${FLOOD_MS / 1000} s after gc: rss ${(m.rss / MB).toFixed(0)}, heap ${(m.heapUsed / MB).toFixed(0)} of ${(m.heapTotal / MB).toFixed(0)} MB, external ${(m.external / MB).toFixed(0)} MB, arrayBuffers ${(m.arrayBuffers / MB).toFixed(0)} MB`);
    }
    const receivedAt = new Map(ids.map((id) => [id, c.received.get(id) ?? 0]));
    const skippedBefore = c.skipped.length;
    const started = performance.now();
    await c.call('fleet.input', { sessionIds: ids, data: '\x03' });
    await c.until('the prompt on every host', () => ids.every((id) => PROMPT_AFTER_CTRL_C.test(c.recent.get(id) ?? '')), PROMPT_TIMEOUT_MS).catch(() => {
      const missing = ids.filter((id) => !PROMPT_AFTER_CTRL_C.test(c.recent.get(id) ?? ''));
      const one = missing[0] ?? '';
      throw new Error(
        `no prompt after Ctrl-C on ${missing.length} of ${ids.length} hosts within ${PROMPT_TIMEOUT_MS / 1000} s; ` +
          `one of them: flow ${JSON.stringify(w.flowState(one))}, behind ${w.hub.flow.behind(one)}, ends ${JSON.stringify((c.recent.get(one) ?? '').slice(-60))}`,
      );
    });
    const elapsed = performance.now() - started;
    // What is left once the flood is over and the window has caught up.
    await sleep(AFTER_MS);
    global.gc?.();
    const rssAfter = process.memoryUsage().rss;
    if (process.env.FLOOD_DIAG) log(`flood: echoes ${echoes.map((e) => e.toFixed(0)).join(' ')}`);
    echoes.sort((a, b) => a - b);
    const delivered = ids.reduce((n, id) => n + (c.received.get(id) ?? 0) - (receivedAt.get(id) ?? 0), 0);
    const skipped = c.skipped.slice(skippedBefore).reduce((n, s) => n + s.chars, 0);
    const run: Run = {
      hosts,
      rssBeforeMb: rssBefore / MB,
      rssPeakMb: peak / MB,
      rssAt1sMb: at1s / MB,
      rssAtEndMb: atEnd / MB,
      rssAfterMb: rssAfter / MB,
      echoP50Ms: echoes[Math.floor(echoes.length / 2)] ?? NaN,
      echoMaxMs: echoes[echoes.length - 1] ?? NaN,
      ctrlCToPromptMs: elapsed,
      deliveredAfterCtrlCMb: delivered / MB,
      skippedMb: skipped / MB,
      resyncs: c.resyncs.length,
    };
    log(
      `flood: ${hosts} hosts: Ctrl-C to every prompt ${elapsed.toFixed(0)} ms; after Ctrl-C ${run.deliveredAfterCtrlCMb.toFixed(2)} MB delivered, ` +
        `${run.skippedMb.toFixed(1)} MB skipped; ${run.resyncs} resyncs; RSS ${run.rssBeforeMb.toFixed(0)} MB before, ${run.rssAt1sMb.toFixed(0)} at 1 s, ${run.rssAtEndMb.toFixed(0)} at ${FLOOD_MS / 1000} s, peak ${run.rssPeakMb.toFixed(0)}, ${run.rssAfterMb.toFixed(0)} ${AFTER_MS / 1000} s after; ` +
        `echo in a quiet pane p50 ${run.echoP50Ms.toFixed(0)} ms, max ${run.echoMaxMs.toFixed(0)} ms`,
    );
    return run;
  } finally {
    stopAcks();
    await client?.close().catch(() => undefined);
    await server?.close().catch(() => undefined);
    await warroom?.close().catch(() => undefined);
    rmSync(dataDir, { recursive: true, force: true });
    rmSync(rendererDir, { recursive: true, force: true });
  }
}

export async function floodBench(log: (line: string) => void): Promise<PartResult> {
  const rows: Row[] = [];
  const verdicts: Verdict[] = [];
  for (const hosts of HOST_COUNTS) {
    const r = await runOnce(hosts, log);
    rows.push(row(`flood: Ctrl-C to prompt on every host, ${hosts} hosts`, r.ctrlCToPromptMs, 'ms', 'target', TARGET_MS));
    rows.push(info(`flood: delivered after Ctrl-C, ${hosts} hosts`, r.deliveredAfterCtrlCMb, 'MB'));
    rows.push(info(`flood: skipped after Ctrl-C, ${hosts} hosts`, r.skippedMb, 'MB'));
    rows.push(info(`flood: window dropped as stalled and repainted, ${hosts} hosts`, r.resyncs, 'times'));
    rows.push(info(`flood: RSS before, ${hosts} hosts`, r.rssBeforeMb, 'MB'));
    rows.push(info(`flood: RSS 1 s into the flood, ${hosts} hosts`, r.rssAt1sMb, 'MB'));
    rows.push(info(`flood: RSS ${FLOOD_MS / 1000} s into the flood, ${hosts} hosts`, r.rssAtEndMb, 'MB'));
    rows.push(info(`flood: RSS peak during the flood, ${hosts} hosts`, r.rssPeakMb, 'MB'));
    rows.push(info(`flood: RSS ${AFTER_MS / 1000} s after the last prompt, ${hosts} hosts`, r.rssAfterMb, 'MB'));
    rows.push(row(`flood: echo in a quiet pane while ${hosts} hosts flood, p50`, r.echoP50Ms, 'ms', 'target', ECHO_TARGET_MS));
    rows.push(info(`flood: echo in a quiet pane while ${hosts} hosts flood, max`, r.echoMaxMs, 'ms'));
    verdicts.push({
      what: `Ctrl-C on a ${hosts}-host \`yes\` flood shows every prompt within about ${TARGET_MS} ms`,
      met: r.ctrlCToPromptMs <= TARGET_MS,
      detail: `${r.ctrlCToPromptMs.toFixed(0)} ms, ${r.deliveredAfterCtrlCMb.toFixed(2)} MB delivered after Ctrl-C`,
    });
    verdicts.push({
      what: `a key typed into a quiet pane echoes within ${ECHO_TARGET_MS} ms (p50) while ${hosts} hosts flood`,
      met: r.echoP50Ms <= ECHO_TARGET_MS,
      detail: `p50 ${r.echoP50Ms.toFixed(0)} ms, max ${r.echoMaxMs.toFixed(0)} ms over ${FLOOD_MS / 250} keys`,
    });
  }
  return {
    rows,
    verdicts,
    notes: [
      `flood: the window is a WebSocket client acknowledging ${ACK_CHARS_PER_S / MB} MB/s in ${FRAME_MS} ms frames; the practice servers share the process, so RSS includes them.`,
      `flood: echo is from fleet.input sent to the echo arriving over the WebSocket (no browser paint); one quiet practice host besides the flooding ones.`,
    ],
  };
}
