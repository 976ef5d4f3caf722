/**
 * "No credential is offered to a host before its key is verified", checked with an SSH server that
 * records every authentication request it receives (ssh2's Server, run here on 127.0.0.x). The
 * client side is the product's Fleet with a real ssh-agent and a real key file.
 */
import { execFileSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ssh2 from 'ssh2';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { Fleet } from '../../../../electron/fleet/fleet';
import { startAgent } from '../../../fixtures/ssh-agent';
import type { ResolvedHost, StrictHostKeyChecking } from '../../../../electron/fleet/types';
import { catalogOf, isDown, isReady, realKnownHosts, recorder } from './helpers';

const { Server, utils } = ssh2;
const ADDRESS = '127.0.0.70';

interface Attempt {
  method: string;
  keyBlob?: string;
}

describe('no credential before the host key is verified (recording SSH server)', () => {
  let dir: string;
  let server: InstanceType<typeof Server>;
  let port: number;
  let hostPub: string;
  const attempts: Attempt[] = [];
  const clients = new Set<{ end(): unknown }>();
  let agent: ChildProcess | undefined;
  let agentSock: string;
  let fleet: Fleet | undefined;
  const blobOf = (pubFile: string): string => readFileSync(pubFile, 'utf8').split(' ')[1]!;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'wr-authrec-'));
    for (const k of ['file_key', 'agent_key']) execFileSync('ssh-keygen', ['-q', '-t', 'ed25519', '-N', '', '-f', join(dir, k)]);
    agentSock = join(dir, 'agent.sock');
    agent = (await startAgent(agentSock, [join(dir, 'agent_key')])).process;

    const hostKey = utils.generateKeyPairSync('ed25519');
    hostPub = hostKey.public.trim();
    const accepted = blobOf(join(dir, 'file_key.pub'));
    server = new Server({ hostKeys: [hostKey.private] }, (client) => {
      clients.add(client);
      client.on('close', () => clients.delete(client));
      client.on('authentication', (ctx) => {
        const a: Attempt = { method: ctx.method };
        if (ctx.method === 'publickey') a.keyBlob = ctx.key.data.toString('base64');
        attempts.push(a);
        // Only the file key, and only with a signature (the query before it is answered "ok").
        if (ctx.method === 'publickey' && a.keyBlob === accepted) return ctx.accept();
        ctx.reject(['publickey']);
      });
      client.on('session', (accept) => {
        const session = accept();
        session.on('pty', (ok) => ok?.());
        session.on('shell', (ok) => ok().write('recorder ready\r\n'));
      });
      client.on('error', () => undefined);
    });
    await new Promise<void>((r) => server.listen(0, ADDRESS, () => r()));
    port = (server.address() as AddressInfo).port;
  });
  afterEach(async () => {
    await fleet?.close();
    fleet = undefined;
  });
  afterAll(async () => {
    if (agent?.pid) process.kill(agent.pid, 'SIGKILL');
    for (const c of clients) c.end();
    await new Promise<void>((r) => (server ? server.close(() => r()) : r()));
    rmSync(dir, { recursive: true, force: true });
  });

  const connect = (strict: StrictHostKeyChecking, knownHostsContent: string) => {
    const kh = join(dir, `kh-${Math.random().toString(36).slice(2)}`);
    writeFileSync(kh, knownHostsContent);
    const host: ResolvedHost = {
      alias: 'recorder', hostname: ADDRESS, port, user: 'root', groups: [], source: 'ssh-config', proxyJump: [],
      identityFiles: [join(dir, 'file_key')], knownHostsFiles: [kh], knownHostsWriteFile: kh,
      strictHostKeyChecking: strict, hashKnownHosts: false, identitiesOnly: false, serverAliveInterval: 0, serverAliveCountMax: 3,
    };
    const rec = recorder();
    fleet = new Fleet({ catalog: catalogOf([host]), knownHosts: realKnownHosts(), events: rec, agentSocket: agentSock });
    const [s] = fleet.connect(['recorder'], 80, 24);
    return { rec, id: s!.sessionId };
  };
  const settle = (): Promise<void> => new Promise((r) => setTimeout(r, 200));

  it('sends nothing to a host whose key changed', async () => {
    attempts.length = 0;
    const otherKey = utils.generateKeyPairSync('ed25519').public.split(' ').slice(0, 2).join(' ');
    const { rec, id } = connect('no', `[${ADDRESS}]:${port} ${otherKey}\n`);
    expect((await rec.waitState(id, isDown)).reason).toContain('HOST KEY CHANGED');
    await settle();
    expect(attempts).toEqual([]);
  });

  it('sends nothing to an unknown host under StrictHostKeyChecking yes', async () => {
    attempts.length = 0;
    const { rec, id } = connect('yes', '');
    await rec.waitState(id, isDown);
    await settle();
    expect(attempts).toEqual([]);
  });

  it('sends nothing while the user is asked, nor after a rejection', async () => {
    attempts.length = 0;
    const { rec, id } = connect('ask', '');
    const p = await rec.waitPrompt();
    await settle();
    expect(attempts).toEqual([]);
    fleet!.answerHostKey(p.promptId, 'reject');
    await rec.waitState(id, isDown);
    await settle();
    expect(attempts).toEqual([]);
  });

  it('once the key is accepted: none, then the agent key, then the key file, in that order', async () => {
    attempts.length = 0;
    const { rec, id } = connect('yes', `[${ADDRESS}]:${port} ${hostPub}\n`);
    await rec.waitState(id, isReady);
    await rec.waitOutput(id, (t) => t.includes('recorder ready'));
    const agentBlob = blobOf(join(dir, 'agent_key.pub'));
    const fileBlob = blobOf(join(dir, 'file_key.pub'));
    expect(attempts[0]).toEqual({ method: 'none' });
    const keys = attempts.filter((a) => a.method === 'publickey').map((a) => a.keyBlob);
    expect(keys[0]).toBe(agentBlob);
    expect(keys.at(-1)).toBe(fileBlob);
    expect(keys.indexOf(fileBlob)).toBeGreaterThan(keys.lastIndexOf(agentBlob));
  });
});
