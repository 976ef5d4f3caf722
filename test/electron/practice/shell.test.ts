/**
 * The practice shell itself, run directly against simulated hosts: what bash would print for the
 * syntax people type in an incident, and how the disk and services respond to repairs.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { buildFleetHosts } from '../../../electron/practice/host/build';
import type { PracticeHost } from '../../../electron/practice/host/model';
import { practiceLayout } from '../../../electron/practice/layout';
import { PRACTICE_COMMANDS } from '../../../electron/practice/shell/commands/index';
import { PracticeShell } from '../../../electron/practice/shell/run';
import { newEnv } from '../../../electron/practice/shell/types';

function fleet(): Map<string, PracticeHost> {
  return buildFleetHosts(practiceLayout(8, 2), Date.now());
}

function shellOn(alias: string, hosts = fleet(), interactive = false): { sh: (line: string) => { out: string; err: string; code: number }; host: PracticeHost } {
  const host = hosts.get(alias);
  if (!host) throw new Error(`no ${alias}`);
  const shell = new PracticeShell(host, newEnv(host.hostname, interactive), PRACTICE_COMMANDS);
  return {
    host,
    sh: (line) => {
      const r = shell.run(line);
      return {
        out: r.chunks.filter((c) => c.fd === 1).map((c) => c.text).join(''),
        err: r.chunks.filter((c) => c.fd === 2).map((c) => c.text).join(''),
        code: r.code,
      };
    },
  };
}

describe('practice shell syntax', () => {
  const { sh } = shellOn('web-03');

  it('quotes and escapes like sh', () => {
    expect(sh(`echo 'a  b' "c  d" e\\ f 'it'"'"'s'`).out).toBe("a  b c  d e f it's\n");
    expect(sh(`echo '$HOSTNAME' "$HOSTNAME" \\$HOSTNAME`).out).toBe('$HOSTNAME web-03 $HOSTNAME\n');
    expect(sh('echo "" | wc -l').out).toBe('1\n');
    expect(sh('echo -n abc').out).toBe('abc');
    expect(sh("echo -e 'a\\tb'").out).toBe('a\tb\n');
  });

  it('substitutes commands, nested and in backticks', () => {
    expect(sh('echo $(hostname)').out).toBe('web-03\n');
    expect(sh('echo "[$(echo $(hostname))]" `hostname`').out).toBe('[web-03] web-03\n');
    expect(sh('echo ${HOSTNAME}-x $USER@$HOSTNAME').out).toBe('web-03-x sre@web-03\n');
    expect(sh('echo $(printf "a b\\n\\n")').out).toBe('a b\n');
  });

  it('sets and reads variables, and tracks $?', () => {
    expect(sh('X=1; echo "x=$X"').out).toBe('x=1\n');
    expect(sh('export Y=two; echo $Y; unset Y; echo "[$Y]"').out).toBe('two\n[]\n');
    expect(sh('false; echo $?').out).toBe('1\n');
    expect(sh('nope; echo $?').out).toBe('127\n');
  });

  it('chains with ; && || and pipes', () => {
    expect(sh('true && echo yes || echo no').out).toBe('yes\n');
    expect(sh('false && echo yes || echo no').out).toBe('no\n');
    expect(sh('false; echo after').out).toBe('after\n');
    expect(sh('printf "b\\na\\nb\\n" | sort | uniq').out).toBe('a\nb\n');
    expect(sh('journalctl -u nginx | grep -c Started').out).toBe('1\n');
    expect(sh('cat /etc/hostname | wc -c').out).toBe('7\n');
  });

  it('redirects output into files and away', () => {
    expect(sh('echo one > /tmp/f; echo two >> /tmp/f; cat /tmp/f').out).toBe('one\ntwo\n');
    expect(sh('ls /nonexistent 2>/dev/null; echo $?').out).toBe('2\n');
    expect(sh('ls /nonexistent 2>&1 | wc -l').out).toBe('1\n');
    expect(sh('cat < /etc/hostname').out).toBe('web-03\n');
    const r = sh('echo x > /no/such/dir/f');
    expect(r.err).toBe('bash: line 1: /no/such/dir/f: No such file or directory\n');
    expect(r.code).toBe(1);
  });

  it('expands globs against the host, and leaves a pattern with no match alone', () => {
    expect(sh('echo /var/log/nginx/*.log').out).toBe('/var/log/nginx/access.log /var/log/nginx/error.log\n');
    expect(sh('echo "/var/log/*"').out).toBe('/var/log/*\n');
    const r = sh('ls /var/log/*.gz');
    expect(r.err).toBe("ls: cannot access '/var/log/*.gz': No such file or directory\n");
  });

  it('shows the errors of $(...) and says plainly what this shell cannot do', () => {
    expect(sh('echo "[$(nosuch)]"')).toEqual({ out: '[]\n', err: 'bash: line 1: nosuch: command not found\n', code: 0 });
    expect(sh('vim /etc/hosts').err).toContain('vim: this practice shell has no editors');
  });

  it('reports syntax errors with status 2, as bash does', () => {
    expect(sh("echo 'open")).toEqual({ out: '', err: "bash: line 1: unexpected EOF while looking for matching `''\n", code: 2 });
    expect(sh('| hostname').err).toBe("bash: line 1: syntax error near unexpected token `|'\n");
    expect(sh('hostname &&').err).toBe('bash: line 1: syntax error: unexpected end of file\n');
    expect(sh('hostname > ').err).toBe("bash: line 1: syntax error near unexpected token `newline'\n");
  });

  it('prefixes errors like an interactive login shell on a pty', () => {
    const { sh: login } = shellOn('db-01', fleet(), true);
    expect(login('frobnicate').err).toBe('-bash: frobnicate: command not found\n');
    expect(login('cd /nowhere').err).toBe('-bash: cd: /nowhere: No such file or directory\n');
    expect(login('cd /var/log && pwd').out).toBe('/var/log\n');
  });

  it('never throws, whatever is typed', () => {
    const { sh: any } = shellOn('lb-01');
    fc.assert(fc.property(fc.string({ maxLength: 60 }), (line) => {
      const r = any(line);
      expect(typeof r.code).toBe('number');
    }), { numRuns: 400 });
    fc.assert(fc.property(fc.array(fc.constantFrom('echo', '$(', ')', '"', "'", '|', '&&', '>', ' ', 'x', '`', '${', '}', ';', '2>&1', '*', '\\'), { maxLength: 12 }), (parts) => {
      const r = any(parts.join(''));
      expect(r.code).toBeGreaterThanOrEqual(0);
    }), { numRuns: 400 });
  });
});

describe('practice incident on web-02', () => {
  it('is healthy everywhere else', () => {
    const hosts = fleet();
    for (const [alias, host] of hosts) {
      const failed = [...host.services.values()].filter((s) => s.status !== 'active').map((s) => s.name);
      expect(failed, alias).toEqual(alias === 'web-02' ? ['nginx'] : []);
      expect(host.availBytes() > 0, alias).toBe(alias !== 'web-02');
    }
  });

  it('adds up: df and du agree on where the space went', () => {
    const { sh, host } = shellOn('web-02');
    const df = sh('df /').out.split('\n')[1]?.split(/\s+/) ?? [];
    const [, total, used, avail, pct] = df;
    expect(Number(used)).toBe(Number(total));
    expect(avail).toBe('0');
    expect(pct).toBe('100%');
    const du = Number(sh('du -s /var/log/checkout').out.split('\t')[0]);
    expect(du * 1024).toBeGreaterThan(host.diskBytes * 0.7);
    expect(sh('systemctl --failed').out).toContain('● nginx.service loaded failed failed A high performance web server');
  });

  it.each([
    ['truncate -s 0 /var/log/checkout/debug.log'],
    ['> /var/log/checkout/debug.log'],
    [': > /var/log/checkout/debug.log'],
    ['sudo rm /var/log/checkout/debug.log'],
    ['rm -f /var/log/checkout/*.log'],
    ['journalctl --vacuum-size=100M'],
  ])('frees space with `%s`, after which nginx restarts', (repair) => {
    const { sh } = shellOn('web-02');
    expect(sh('systemctl restart nginx').code).toBe(1);
    const r = sh(repair);
    expect(r.code, r.err).toBe(0);
    expect(sh('df -h /').out).not.toContain('100%');
    expect(sh('systemctl restart nginx').code).toBe(0);
    expect(sh('systemctl status nginx').out).toMatch(/^● nginx.service[^]*Active: active \(running\)/);
    expect(sh('tail -n 1 /var/log/nginx/error.log').out).toMatch(/\[notice\] \d+#\d+: start worker processes\n$/);
  });

  it('can be checked from the host with curl, before and after the repair', () => {
    const { sh } = shellOn('web-02');
    expect(sh('curl -s localhost/healthz')).toEqual({ out: '', err: '', code: 7 });
    expect(sh('ss -tln | grep -c "0.0.0.0:80 "')).toEqual({ out: '0\n', err: '', code: 1 });
    expect(sh('curl http://127.0.0.1/').err).toBe("curl: (7) Failed to connect to 127.0.0.1 port 80 after 0 ms: Couldn't connect to server\n");
    sh('truncate -s 0 /var/log/checkout/debug.log; systemctl restart nginx');
    expect(sh('curl -s localhost/healthz')).toEqual({ out: 'ok\n', err: '', code: 0 });
    expect(sh('curl -sI localhost').out).toMatch(/^HTTP\/1\.1 200 OK\r\nServer: nginx\/1\.22\.1\r\n/);
    expect(sh('ss -tlnp | grep -c nginx').out).toBe('1\n');
  });

  it('lets other hosts of the fleet reach web-02 by name, and only while it serves', () => {
    const hosts = fleet();
    const lb = shellOn('lb-01', hosts).sh;
    expect(lb('curl -s http://web-02/healthz; echo " $?"').out).toBe(' 7\n');
    expect(lb('curl -s http://web-01/healthz').out).toBe('ok\n');
    expect(lb('curl -s http://db-01/').code).toBe(7);
    expect(lb('curl -s http://nowhere/').code).toBe(6);
    shellOn('web-02', hosts).sh('truncate -s 0 /var/log/checkout/debug.log; systemctl restart nginx');
    expect(lb(`curl -s http://${hosts.get('web-02')?.spec.address}/healthz`).out).toBe('ok\n');
  });

  it('leaves the root cause to be found: debug logging left on, on web-02 only', () => {
    expect(shellOn('web-02').sh('grep LOG_LEVEL /etc/checkout/checkout.env').out).toContain('LOG_LEVEL=DEBUG');
    expect(shellOn('web-01').sh('grep LOG_LEVEL /etc/checkout/checkout.env').out).toBe('LOG_LEVEL=INFO\n');
  });

  it('reports vacuumed journal space on stderr, as journalctl does', () => {
    const { sh } = shellOn('web-02');
    const r = sh('journalctl --vacuum-size=100M');
    expect(r.err).toMatch(/^Vacuuming done, freed 1\.\dG of archived journals from \/var\/log\/journal\/[0-9a-f]{32}\.\n$/);
  });

  it('keeps a repair within one fleet, not across fleets', () => {
    const first = fleet();
    shellOn('web-02', first).sh('truncate -s 0 /var/log/checkout/debug.log && systemctl restart nginx');
    expect(first.get('web-02')?.service('nginx')?.status).toBe('active');
    expect(fleet().get('web-02')?.service('nginx')?.status).toBe('failed');
  });

  it('answers the status and restart of unknown units like systemctl', () => {
    const { sh } = shellOn('web-01');
    expect(sh('systemctl status mysql')).toEqual({ out: '', err: 'Unit mysql.service could not be found.\n', code: 4 });
    expect(sh('systemctl restart mysql')).toEqual({ out: '', err: 'Failed to restart mysql.service: Unit mysql.service not found.\n', code: 5 });
    expect(sh('journalctl -u mysql').out).toBe('-- No entries --\n');
  });
});
