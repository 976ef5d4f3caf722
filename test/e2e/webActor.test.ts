/**
 * `warroom web` records its actor as the CLI does: WARROOM_ACTOR, not the OS user. The built CLI
 * serves; a request over the real socket declares an incident and adds a note; the journal names
 * the actor, and `warroom log` from the same environment writes the same name.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import WebSocket from 'ws';
import { CLI, startWeb, type WebApp } from './harness';

/** One request over the page's socket; the reply, or the error the server gave. */
function call(app: WebApp, name: string, input: unknown): Promise<unknown> {
  const ws = new WebSocket(`${app.origin.replace('http', 'ws')}/ws?token=${app.token}`, { origin: app.origin });
  return new Promise<unknown>((resolve, reject) => {
    ws.once('error', reject);
    ws.on('message', (raw: Buffer) => {
      const frame = JSON.parse(raw.toString()) as { t: string; id?: number; reply?: { ok: boolean; value?: unknown; error?: unknown } };
      if (frame.t !== 'res' || frame.id !== 1 || !frame.reply) return;
      if (frame.reply.ok) resolve(frame.reply.value);
      else reject(new Error(`${name}: ${JSON.stringify(frame.reply.error)}`));
    });
    ws.once('open', () => ws.send(JSON.stringify({ t: 'req', id: 1, name, input })));
  }).finally(() => ws.close());
}

describe('the actor of browser mode', () => {
  const home = mkdtempSync(path.join(os.tmpdir(), 'warroom-actor-'));
  let app: WebApp | undefined;
  afterAll(async () => {
    await app?.stop();
    rmSync(home, { recursive: true, force: true });
  });

  it('is WARROOM_ACTOR, the same name the CLI records', async () => {
    const env = { WARROOM_HOME: home, WARROOM_ACTOR: 'dana-from-env' };
    expect(os.userInfo().username).not.toBe(env.WARROOM_ACTOR);
    app = await startWeb(['--practice', '1'], env);
    const incident = (await call(app, 'incident.declare', { title: 'Checkout 502s', severity: 'SEV2' })) as { id: string };
    await call(app, 'incident.note', { text: 'from the window' });
    execFileSync(process.execPath, [CLI, 'log', 'from the terminal'], { env: { ...process.env, ...env } });
    const events = readFileSync(path.join(home, 'incidents', incident.id, 'journal.jsonl'), 'utf8')
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as { type: string; actor: string });
    expect(events.map((e) => [e.type, e.actor])).toEqual([
      ['incident.declared', 'dana-from-env'],
      ['note', 'dana-from-env'],
      ['note', 'dana-from-env'],
    ]);
  });
});
