import { describe, expect, it } from 'vitest';
import { dangerOf } from '../../../renderer/app/lineGuard';

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
