import { describe, expect, it } from 'vitest';
import { TypedLine, dangerOf } from '../../../renderer/app/lineGuard';

function typed(...keys: string[]): TypedLine {
  const line = new TypedLine();
  for (const k of keys) line.feed(k);
  return line;
}

describe('TypedLine', () => {
  it('follows typing, backspace, Ctrl-W, Ctrl-U and Ctrl-C', () => {
    expect(typed(...'rm -rf /tmpx'.split(''), '\x7f', '/a').line).toBe('rm -rf /tmp/a');
    expect(typed('sudo systemctl restart nginx', '\x17').line).toBe('sudo systemctl restart ');
    expect(typed('reboot', '\x15', 'uptime').line).toBe('uptime');
    expect(typed('reboot', '\x03').line).toBe('');
  });

  it('marks the line uncertain after cursor keys or completion, without taking escape bytes as text', () => {
    const arrows = typed('ls', '\x1b[A', '\x1bOD', 'x');
    expect(arrows.line).toBe('lsx');
    expect(arrows.uncertain).toBe(true);
    expect(typed('systemctl sta', '\t').uncertain).toBe(true);
    expect(typed('uptime').uncertain).toBe(false);
  });
});

describe('dangerOf', () => {
  it('flags commands that destroy, stop or restart', () => {
    for (const line of [
      'rm -rf /var/cache/nginx',
      'sudo rm -r old',
      'rm -f core',
      'sudo reboot',
      'shutdown -h now',
      'systemctl restart nginx',
      'sudo systemctl --no-block stop postgresql',
      'service nginx stop',
      'kill -9 1234',
      'pkill -f java',
      'mkfs.ext4 /dev/sdb1',
      'dd if=/dev/zero of=/dev/sda bs=1M',
      'iptables -F',
      'psql -c "DROP TABLE users"',
      'apt-get -y purge nginx',
      'chmod -R 777 /',
      'kubectl delete pod web-1',
    ]) {
      expect(dangerOf(line), line).toBeDefined();
    }
  });

  it('lets everyday diagnosis through', () => {
    for (const line of ['echo $(hostname)', 'df -h', 'uptime', 'systemctl status nginx', 'tail -n 50 /var/log/syslog', 'free -m', 'ls -rf', 'grep -r error /var/log', 'journalctl -u nginx']) {
      expect(dangerOf(line), line).toBeUndefined();
    }
  });
});
