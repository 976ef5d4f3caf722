import { execFileSync } from 'node:child_process';
import { appendFileSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createKnownHosts, loadHostCatalog } from '../../../../electron/fleet/config/index';
import { runCommand } from '../../../../electron/fleet/run/run-service';
import { ttyAsker } from '../../../../electron/fleet/run/tty-prompt';
import { startSshdFleet, type SshdFleet } from '../../../fixtures/sshd-fleet';

/** A terminal stand-in: what the CLI writes is collected, and answers are typed when a question shows. */
function terminal(script: Array<[RegExp, string]>): { input: PassThrough; output: PassThrough; text: () => string } {
  const input = new PassThrough();
  const output = new PassThrough();
  let text = '';
  let seen = 0;
  output.on('data', (d: Buffer) => {
    text += d.toString();
    const next = script[0];
    if (next && next[0].test(text.slice(seen))) {
      script.shift();
      seen = text.length;
      setImmediate(() => input.write(`${next[1]}\r`));
    }
  });
  return { input, output, text: () => text };
}

describe('warroom run asks on the terminal, as ssh does', () => {
  let sshd: SshdFleet;
  let config: string;
  let knownHosts: string;
  const PASSPHRASE = 'tty secret phrase';
  beforeAll(async () => {
    sshd = await startSshdFleet({ count: 2, hostnames: ['tty1', 'tty2'] });
    const locked = join(sshd.dir, 'locked');
    execFileSync('ssh-keygen', ['-q', '-t', 'ed25519', '-N', PASSPHRASE, '-f', locked]);
    appendFileSync(sshd.authorizedKeysPath, readFileSync(`${locked}.pub`));
    knownHosts = join(sshd.dir, 'tty_known_hosts');
    writeFileSync(knownHosts, '');
    config = join(sshd.dir, 'tty_config');
    writeFileSync(
      config,
      sshd.hosts.map((h) => `Host ${h.alias}\n  HostName ${h.address}\n  Port ${h.port}\n  User ${sshd.user}\n  IdentityFile ${locked}\n  UserKnownHostsFile ${knownHosts}\n  StrictHostKeyChecking ask\n`).join(''),
    );
  });
  afterAll(async () => {
    await sshd?.stop();
  });

  it('asks about unknown host keys and the key passphrase without echoing it, once per run', async () => {
    const h = sshd.hosts;
    const term = terminal([
      [/continue connecting/, 'yes'],
      [/Enter passphrase for key/, PASSPHRASE],
      [/continue connecting/, 'yes'],
    ]);
    const asker = ttyAsker(term.input, term.output);
    const catalog = loadHostCatalog({ sshConfigFile: config });
    const r = await runCommand({
      hosts: h.map((x) => catalog.resolve(x.alias)!),
      command: 'hostname',
      catalog,
      knownHosts: createKnownHosts(),
      agentSocket: '',
      fanout: 1,
      askHostKey: asker.askHostKey,
      askAuth: asker.askAuth,
    });
    expect(r.hosts.map((x) => [x.alias, x.stdout, x.failure])).toEqual([
      ['tty1', 'tty1\n', undefined],
      ['tty2', 'tty2\n', undefined],
    ]);
    const shown = term.text();
    expect(shown).toContain(`The authenticity of host 'tty1 ([${h[0]!.address}]:${h[0]!.port})' can't be established.`);
    expect(shown).not.toContain(PASSPHRASE);
    // One passphrase question for both hosts.
    expect(shown.match(/Enter passphrase for key/g)).toHaveLength(1);
    for (const x of h) expect(execFileSync('ssh-keygen', ['-F', `[${x.address}]:${x.port}`, '-f', knownHosts]).toString()).toContain(x.hostKeyPub.split(' ')[1]);
  });
});
