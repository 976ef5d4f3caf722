/**
 * Commands that keep running (yes, seq, tail -f, sleep) over real SSH channels: output streams under
 * the channel's flow control, Ctrl-C and signals stop them, and shells without a pty read scripts.
 */
import { readFileSync } from 'node:fs';
import { StringDecoder } from 'node:string_decoder';
import type { Client } from 'ssh2';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startPracticeFleet, type PracticeFleet } from '../../../electron/practice/index';
import { connect, end, exec, killStrayChildren, openssh, ShellSession, tempDataDir } from './helpers';

describe('long-running practice commands', () => {
  const data = tempDataDir();
  let fleet: PracticeFleet;
  let client: Client;

  beforeAll(async () => {
    fleet = await startPracticeFleet({ dataDir: data.dir, count: 2 });
    client = await connect(fleet.hosts[0]!, fleet.knownHostsPath, readFileSync(fleet.clientKeyPath));
  });
  afterEach(killStrayChildren);
  afterAll(async () => {
    if (client) await end(client);
    await fleet?.close();
    data.remove();
  });

  it('streams a large seq through exec, complete and in order', async () => {
    const r = await exec(client, 'seq 300000');
    expect(r.code).toBe(0);
    const lines = r.stdout.split('\n');
    expect(lines).toHaveLength(300001);
    expect(lines[0]).toBe('1');
    expect(lines[299999]).toBe('300000');
    expect(lines.every((l, i) => i === 300000 || l === String(i + 1))).toBe(true);
  });

  it('runs what follows a finished stream, and caps streams read by a pipe', async () => {
    expect(await exec(client, 'seq 3 && echo done; yes | head -n 2; seq 100000 | tail -n 1')).toEqual({
      code: 0, stdout: '1\n2\n3\ndone\ny\ny\n100000\n', stderr: '',
    });
    expect((await exec(client, 'sleep 0.05 && echo woke')).stdout).toBe('woke\n');
  });

  it('stops yes on Ctrl-C in a pty, then takes commands again', async () => {
    const s = await ShellSession.open(client);
    const prompt = `sre@${fleet.hosts[0]?.alias}:~$ `;
    await s.waitFor(prompt);
    const from = s.text.length;
    s.stream.write('yes flood\r');
    await s.waitFor(/(flood\r\n){200}/, from);
    s.stream.write('\x03');
    await s.waitFor(`^C\r\n${prompt}`, from);
    // After the interrupt no more flood arrives; the next command's output is its own.
    expect(await s.command('echo $? after', prompt)).toBe('echo $? after\r\n130 after\r\nsre@web-01:~$ ');
    s.stream.end();
  });

  it('waits in tail -f until Ctrl-C, dropping type-ahead, and keeps the rest of the line from running', async () => {
    const s = await ShellSession.open(client);
    const prompt = `sre@${fleet.hosts[0]?.alias}:~$ `;
    await s.waitFor(prompt);
    let from = s.text.length;
    s.stream.write('tail -f -n 2 /var/log/nginx/error.log; echo not-reached\r');
    await s.waitFor(/start worker processes\r\n[^]*\r\n$/, from);
    s.stream.write('hostname\r');
    from = s.text.length;
    s.stream.write('\x03');
    const after = await s.waitFor(`^C\r\n${prompt}`, from);
    expect(after).toBe(`^C\r\n${prompt}`);
    expect(s.text).toContain('; echo not-reached\r\n');
    expect(s.text).not.toContain('\r\nnot-reached\r\n');
    s.stream.end();
  });

  it('queues keys typed while a command runs and runs them at the next prompt', async () => {
    const s = await ShellSession.open(client);
    const prompt = `sre@${fleet.hosts[0]?.alias}:~$ `;
    await s.waitFor(prompt);
    const from = s.text.length;
    // One paste, as a broadcast would send it: the second line arrives while sleep runs.
    s.stream.write('sleep 0.2\recho "after $(hostname)"\r');
    const seen = await s.waitFor(/after web-01\r\nsre@web-01:~\$ $/, from);
    expect(seen).toBe(`sleep 0.2\r\n${prompt}echo "after $(hostname)"\r\nafter web-01\r\n${prompt}`);
  });

  it('shows lines as they are written while following, from another session, until Ctrl-C', async () => {
    const prompt = `sre@${fleet.hosts[0]?.alias}:~$ `;
    const follower = await ShellSession.open(client);
    const journal = await ShellSession.open(client);
    await follower.waitFor(prompt);
    await journal.waitFor(prompt);
    let from = follower.text.length;
    follower.stream.write('tail -n 0 -f /var/log/nginx/error.log\r');
    await follower.waitFor('error.log\r\n', from);
    journal.stream.write('journalctl -f -n 0 -u nginx\r');
    await journal.waitFor('-u nginx\r\n');
    from = follower.text.length;
    const jfrom = journal.text.length;
    // The restart happens in a third session, as a broadcast to another pane would do it.
    expect(await exec(client, 'systemctl restart nginx')).toEqual({ code: 0, stdout: '', stderr: '' });
    expect(await follower.waitFor(/\[notice\] \d+#\d+: start worker processes\r\n$/, from)).not.toContain(prompt);
    expect(await journal.waitFor('Started nginx.service', jfrom)).toMatch(/web-01 systemd\[1\]: Stopping nginx.service/);
    follower.stream.write('\x03');
    await follower.waitFor(`^C\r\n${prompt}`, from);
    journal.stream.write('\x03');
    await journal.waitFor(`^C\r\n${prompt}`, jfrom);
    // Unsubscribed: a later restart writes nothing into either session.
    const after = [follower.text.length, journal.text.length];
    await exec(client, 'systemctl restart nginx');
    expect(await follower.command('echo done', prompt)).toBe(`echo done\r\ndone\r\n${prompt}`);
    expect(follower.text.length - after[0]!).toBe(`echo done\r\ndone\r\n${prompt}`.length);
    expect(journal.text.length).toBe(after[1]);
    follower.stream.end();
    journal.stream.end();
  });

  it('shows in tail -f what another session appends to the file with >>', async () => {
    const prompt = `sre@${fleet.hosts[0]?.alias}:~$ `;
    const follower = await ShellSession.open(client);
    await follower.waitFor(prompt);
    expect(await exec(client, 'echo first > /tmp/followed.log')).toEqual({ code: 0, stdout: '', stderr: '' });
    let from = follower.text.length;
    follower.stream.write('tail -f /tmp/followed.log\r');
    await follower.waitFor('followed.log\r\nfirst\r\n', from);
    from = follower.text.length;
    expect(await exec(client, 'echo second >> /tmp/followed.log; printf "third\\nfourth\\n" >> /tmp/followed.log')).toEqual({ code: 0, stdout: '', stderr: '' });
    expect(await follower.waitFor('second\r\nthird\r\nfourth\r\n', from)).toBe('second\r\nthird\r\nfourth\r\n');
    follower.stream.write('\x03');
    await follower.waitFor(`^C\r\n${prompt}`, from);
    // Stopped: a later append reaches the file, not the session.
    const after = follower.text.length;
    await exec(client, 'echo fifth >> /tmp/followed.log');
    expect(await follower.command('cat /tmp/followed.log', prompt)).toBe(`cat /tmp/followed.log\r\nfirst\r\nsecond\r\nthird\r\nfourth\r\nfifth\r\n${prompt}`);
    expect(follower.text.slice(after).startsWith('cat /tmp/followed.log')).toBe(true);
    follower.stream.end();
  });

  it('interrupts an exec with a signal request', async () => {
    const r = await new Promise<{ code: number | null; bytes: number }>((resolve, reject) => {
      client.exec('yes', (err, stream) => {
        if (err) return reject(err);
        let bytes = 0;
        let code: number | null = null;
        let signalled = false;
        stream.on('data', (d: Buffer) => {
          bytes += d.length;
          if (!signalled && bytes > 100_000) {
            signalled = true;
            stream.signal('INT');
          }
        });
        stream.on('exit', (c: number | null) => (code = c));
        stream.on('close', () => resolve({ code, bytes }));
      });
    });
    expect(r.code).toBe(130);
    expect(r.bytes).toBeGreaterThan(100_000);
  });

  it('reads a script from stdin when there is no pty', async () => {
    const out = await new Promise<{ code: number | null; text: string }>((resolve, reject) => {
      client.shell(false, (err, stream) => {
        if (err) return reject(err);
        const dec = new StringDecoder('utf8');
        let text = '';
        let code: number | null = null;
        stream.on('data', (d: Buffer) => (text += dec.write(d)));
        stream.on('exit', (c: number | null) => (code = c));
        stream.on('close', () => resolve({ code, text }));
        stream.end('hostname\nsleep 0.01; echo "$(hostname) again"\nfalse');
      });
    });
    expect(out).toEqual({ code: 1, text: 'web-01\nweb-01 again\n' });
  });

  it('runs a command on a pty for ssh -t and turns newlines into CRLF', async () => {
    const h = fleet.hosts[1]!;
    const r = await openssh(h, { identity: fleet.clientKeyPath, knownHosts: fleet.knownHostsPath }, 'hostname; nope');
    expect(r.stdout).toBe('web-02\n');
    const t = await new Promise<string>((resolve, reject) => {
      client.exec('hostname; nope', { pty: { cols: 80, rows: 24 } }, (err, stream) => {
        if (err) return reject(err);
        let text = '';
        stream.on('data', (d: Buffer) => (text += d.toString('utf8')));
        stream.on('close', () => resolve(text));
      });
    });
    expect(t).toBe('web-01\r\nbash: line 1: nope: command not found\r\n');
  });
});
