/**
 * The interactive side of a practice host, driven through a real ssh2 pty shell: prompt, echo,
 * line editing keys, multi-byte output, window size, and the scripted incident from diagnosis to repair.
 */
import { readFileSync } from 'node:fs';
import type { Client } from 'ssh2';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startPracticeFleet, type PracticeFleet } from '../../../electron/practice/index';
import { connect, end, exec, ShellSession, tempDataDir } from './helpers';

describe('practice pty shell', () => {
  const data = tempDataDir();
  let fleet: PracticeFleet;
  let key: Buffer;
  const clients: Client[] = [];
  const open = async (alias: string): Promise<Client> => {
    const h = fleet.hosts.find((x) => x.alias === alias);
    if (!h) throw new Error(`no host ${alias}`);
    const c = await connect(h, fleet.knownHostsPath, key);
    clients.push(c);
    return c;
  };

  beforeAll(async () => {
    fleet = await startPracticeFleet({ dataDir: data.dir });
    key = readFileSync(fleet.clientKeyPath);
  });
  afterAll(async () => {
    await Promise.all(clients.map((c) => end(c)));
    await fleet?.close();
    data.remove();
  });

  it('greets with a prompt naming the host, and echoes what is typed', async () => {
    const s = await ShellSession.open(await open('web-01'));
    await s.waitFor('sre@web-01:~$ ');
    const from = s.text.length;
    s.stream.write('echo hi');
    expect(await s.waitFor('echo hi', from)).toBe('echo hi');
    const out = await s.command('', 'sre@web-01:~$ ');
    expect(out).toBe('\r\nhi\r\nsre@web-01:~$ ');
    s.stream.end();
  });

  it('edits the line: backspace, Ctrl-U, Ctrl-C', async () => {
    const s = await ShellSession.open(await open('web-03'));
    const prompt = 'sre@web-03:~$ ';
    await s.waitFor(prompt);
    // "hostnamx" then backspace fixes it; the echo shows the erase sequence.
    let from = s.text.length;
    s.stream.write('hostnamx\x7fe');
    await s.waitFor('hostnamx\b \be', from);
    expect(await s.command('', prompt)).toBe('\r\nweb-03\r\nsre@web-03:~$ ');
    // Ctrl-U throws the line away, so only what follows runs.
    from = s.text.length;
    s.stream.write('rm -rf /var/log\x15');
    await s.waitFor(`rm -rf /var/log\r\x1b[K${prompt}`, from);
    expect(await s.command('echo kept', prompt)).toBe('echo kept\r\nkept\r\nsre@web-03:~$ ');
    expect(await s.command('ls /var/log', prompt)).toContain('nginx');
    // Ctrl-C abandons the line and prints a fresh prompt; $? is 130 as in bash.
    from = s.text.length;
    s.stream.write('systemctl stop nginx\x03');
    await s.waitFor(`^C\r\n${prompt}`, from);
    expect(await s.command('echo $?', prompt)).toContain('\r\n130\r\n');
    expect(await s.command('systemctl is-active nginx', prompt)).toContain('\r\nactive\r\n');
  });

  it('recalls earlier lines with the up arrow', async () => {
    const s = await ShellSession.open(await open('db-02'));
    const prompt = 'sre@db-02:~$ ';
    await s.waitFor(prompt);
    await s.command('echo first', prompt);
    await s.command('hostname', prompt);
    const from = s.text.length;
    s.stream.write('\x1b[A\x1b[A');
    await s.waitFor(`\r\x1b[K${prompt}echo first`, from);
    expect(await s.command('', prompt)).toBe('\r\nfirst\r\nsre@db-02:~$ ');
    expect(await s.command('history', prompt)).toContain('    1  echo first\r\n    2  hostname\r\n    3  echo first\r\n    4  history\r\n');
  });

  it('decodes multi-byte characters typed and printed', async () => {
    const s = await ShellSession.open(await open('web-04'));
    const prompt = 'sre@web-04:~$ ';
    await s.waitFor(prompt);
    // Send "Grüße ●" split in the middle of a multi-byte sequence.
    const bytes = Buffer.from('echo Grüße ●\r');
    s.stream.write(bytes.subarray(0, 8));
    s.stream.write(bytes.subarray(8));
    const out = await s.waitFor(/Grüße ●\r\nsre@web-04:~\$ $/, s.text.length - 0);
    expect(out).toContain('echo Grüße ●\r\nGrüße ●\r\n');
    expect(await s.command('systemctl status ssh', prompt)).toContain('● ssh.service - OpenBSD Secure Shell server');
  });

  it('follows window-change', async () => {
    const s = await ShellSession.open(await open('db-01'), { cols: 100, rows: 30 });
    const prompt = 'sre@db-01:~$ ';
    await s.waitFor(prompt);
    expect(await s.command('stty size', prompt)).toContain('\r\n30 100\r\n');
    s.stream.setWindow(41, 132, 0, 0);
    // The window-change request has no reply; a later command sees the new size.
    let seen = '';
    for (let i = 0; i < 20 && !seen.includes('41 132'); i += 1) seen = await s.command('stty size', prompt);
    expect(seen).toContain('\r\n41 132\r\n');
  });

  it('ends on exit and on Ctrl-D with the right status', async () => {
    const a = await ShellSession.open(await open('cache-01'));
    await a.waitFor('sre@cache-01:~$ ');
    a.stream.write('exit 3\r');
    await a.waitClosed();
    expect(a.exitCode).toBe(3);
    expect(a.text).toContain('exit 3\r\nlogout\r\n');

    const b = await ShellSession.open(await open('cache-01'));
    await b.waitFor('sre@cache-01:~$ ');
    b.stream.write('\x04');
    await b.waitClosed();
    expect(b.exitCode).toBe(0);
    expect(b.text.endsWith('logout\r\n')).toBe(true);
  });

  it('becomes root with sudo -i and comes back on exit', async () => {
    const s = await ShellSession.open(await open('db-02'));
    const prompt = 'sre@db-02:~$ ';
    await s.waitFor(prompt);
    expect(await s.command('sudo -i', 'root@db-02:~# ')).toBe('sudo -i\r\nroot@db-02:~# ');
    expect(await s.command('whoami; pwd', 'root@db-02:~# ')).toContain('\r\nroot\r\n/root\r\n');
    expect(await s.command('cd /var/log', 'root@db-02:/var/log# ')).toContain('root@db-02:/var/log# ');
    expect(await s.command('exit', prompt)).toBe(`exit\r\nlogout\r\n${prompt}`);
    expect(await s.command('whoami', prompt)).toContain('\r\nsre\r\n');
    expect(s.closed).toBe(false);
  });

  it('answers unknown commands with 127', async () => {
    const s = await ShellSession.open(await open('lb-01'));
    const prompt = 'sre@lb-01:~$ ';
    await s.waitFor(prompt);
    expect(await s.command('kubectl get pods', prompt)).toContain('-bash: kubectl: command not found\r\n');
    expect(await s.command('echo $?', prompt)).toContain('\r\n127\r\n');
  });

  it('lets the incident be diagnosed and repaired on web-02, and only there', async () => {
    const healthy = await exec(await open('web-01'), 'systemctl is-active nginx; df -h / | tail -n 1');
    expect(healthy.stdout).toMatch(/^active\n\/dev\/vda1 +40G +\S+ +\S+ +\d+% \/\n$/);
    expect(healthy.stdout).not.toContain('100%');

    const s = await ShellSession.open(await open('web-02'));
    const prompt = 'sre@web-02:~$ ';
    await s.waitFor(prompt);
    const status = await s.command('systemctl status nginx', prompt);
    expect(status).toContain('× nginx.service - A high performance web server and a reverse proxy server');
    expect(status).toContain('Active: failed (Result: exit-code)');
    expect(status).toContain('No space left on device');
    expect(await s.command('df -h /', prompt)).toMatch(/\/dev\/vda1 +40G +40G +0 100% \//);
    expect(await s.command('tail -n 3 /var/log/nginx/error.log', prompt)).toContain('(28: No space left on device)');
    const du = await s.command('du -sh /var/log/*', prompt);
    expect(du).toMatch(/\r\n3\dG\t\/var\/log\/checkout\r\n/);
    expect(await s.command('ls -lh /var/log/checkout', prompt)).toMatch(/ 3\dG .* debug\.log/);
    // Restarting first does not help: the disk is still full.
    expect(await s.command('sudo systemctl restart nginx', prompt)).toContain('Job for nginx.service failed because the control process exited with error code.');
    expect(await s.command('echo $?', prompt)).toContain('\r\n1\r\n');

    await s.command('truncate -s 0 /var/log/checkout/debug.log', prompt);
    const df = await s.command('df -h /', prompt);
    expect(df).not.toContain('100%');
    expect(await s.command('systemctl restart nginx && systemctl is-active nginx', prompt)).toContain('\r\nactive\r\n');
    expect(await s.command('journalctl -u nginx -n 1', prompt)).toContain('web-02 systemd[1]: Started nginx.service');

    // The repair holds for the rest of the run, seen from a new connection too.
    const again = await exec(await open('web-02'), 'systemctl is-active nginx');
    expect(again).toEqual({ code: 0, stdout: 'active\n', stderr: '' });
    // And the load balancer noticed.
    const lb = await exec(await open('lb-01'), 'grep web-02 /var/log/haproxy.log');
    expect(lb.stdout).toMatch(/web_backend\/web-02 is DOWN[^\n]*\n[^\n]*web_backend\/web-02 is UP/);
  });
});
