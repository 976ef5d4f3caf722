/**
 * The composed application driven through its contract handlers, exactly as a window would drive
 * it, against the real practice fleet over real SSH and a real journal on disk.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createWarroom, type Warroom } from '../../../electron/app/warroom';
import { dispatch } from '../../../electron/rpc/handlers';
import type { EventName, RequestName, RequestOutput } from '../../../shared/contract';
import type { SessionInfo } from '../../../shared/model/host';

describe('Warroom through its handlers', () => {
  let home: string;
  let app: Warroom;
  const output = new Map<string, string>();
  const states = new Map<string, SessionInfo>();
  const seen: Array<{ name: EventName; payload: unknown }> = [];

  async function call<K extends RequestName>(name: K, input: unknown): Promise<RequestOutput<K>> {
    const reply = await dispatch(app.handlers, name, input, { clientId: 'test' });
    if (!reply.ok) throw new Error(reply.error.message);
    return reply.value as RequestOutput<K>;
  }

  beforeAll(async () => {
    home = mkdtempSync(path.join(os.tmpdir(), 'warroom-app-'));
    // An empty ssh config: no hosts configured, so the practice fleet starts on its own.
    writeFileSync(path.join(home, 'ssh_config'), '');
    app = await createWarroom({ dataDir: home, mode: 'web', sshConfigFile: path.join(home, 'ssh_config'), practice: 'auto' });
    app.hub.subscribe((name, payload) => {
      seen.push({ name, payload });
      if (name === 'term.data') {
        const p = payload as { sessionId: string; data: string };
        output.set(p.sessionId, (output.get(p.sessionId) ?? '') + p.data);
        // Act as a window that has written everything into xterm.
        void call('fleet.ack', { sessionId: p.sessionId, chars: p.data.length });
      }
      if (name === 'session.state') {
        const info = payload as SessionInfo;
        states.set(info.sessionId, info);
      }
    });
  });
  afterAll(async () => {
    await app?.close();
    rmSync(home, { recursive: true, force: true });
  });

  it('lists the practice fleet when nothing is configured', async () => {
    const info = await call('app.info', {});
    expect(info.practice).toBe(true);
    const { hosts } = await call('hosts.list', {});
    expect(hosts.map((h) => h.alias)).toContain('web-02');
    expect(hosts.every((h) => h.source === 'practice')).toBe(true);
  });

  it('connects, broadcasts one line to every host in the same request, and records it with its hosts', async () => {
    await call('incident.declare', { title: 'Handlers drill', severity: 'SEV3' });
    const { hosts } = await call('hosts.list', {});
    const aliases = hosts.map((h) => h.alias);
    const { sessions } = await call('fleet.connect', { aliases, cols: 120, rows: 30 });
    const ids = sessions.map((s) => s.sessionId);
    await expect.poll(() => ids.every((id) => states.get(id)?.state === 'ready'), { timeout: 30_000 }).toBe(true);

    const { delivered } = await call('fleet.input', { sessionIds: ids, data: 'echo $(hostname)\r' });
    expect(delivered).toBe(ids.length);
    for (const s of sessions) {
      await expect.poll(() => output.get(s.sessionId) ?? '', { timeout: 10_000 }).toMatch(new RegExp(`^${s.alias}\\r?$`, 'm'));
    }
    // A window that reloads gets each terminal's recent output back.
    for (const s of sessions) {
      expect((await call('fleet.scrollback', { sessionId: s.sessionId })).data).toMatch(new RegExp(`^${s.alias}\\r?$`, 'm'));
    }
    const { events } = await call('incident.active', {});
    const line = events.find((e) => e.type === 'command.broadcast');
    expect(line?.data).toMatchObject({ line: 'echo $(hostname)', hosts: aliases });
    expect(events.filter((e) => e.type === 'session.connected')).toHaveLength(aliases.length);
  });

  it('reports a host that cannot be reached by name, and refuses checklist items that do not exist', async () => {
    // Like ssh, any name may be tried; one that does not resolve goes down with a reason naming it.
    const { sessions } = await call('fleet.connect', { aliases: ['no-such-host.invalid'], cols: 80, rows: 24 });
    await expect.poll(() => states.get(sessions[0]!.sessionId)?.state, { timeout: 20_000 }).toBe('down');
    expect(states.get(sessions[0]!.sessionId)?.reason).toContain('no-such-host.invalid');
    await expect(call('checklist.tick', { checklist: 'respond', itemId: 'nope', done: true })).rejects.toThrow(/nope/);
  });

  it('ticks the checklist, takes notes and exports Markdown that holds them', async () => {
    await call('checklist.tick', { checklist: 'respond', itemId: 'scope', done: true });
    await call('incident.note', { text: 'web-02 disk full; nginx down' });
    const { path: file, markdown } = await call('export.markdown', {});
    expect(readFileSync(file, 'utf8')).toBe(markdown);
    expect(markdown).toContain('Handlers drill');
    expect(markdown).toContain('web-02 disk full; nginx down');
    expect(markdown).toContain('echo $(hostname)');
    expect(seen.some((e) => e.name === 'timeline.append')).toBe(true);
  });
});
