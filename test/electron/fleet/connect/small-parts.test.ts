import { describe, expect, it } from 'vitest';
import { backoffDelay } from '../../../../electron/fleet/connect/backoff';
import { Limiter } from '../../../../electron/fleet/connect/limiter';
import { endsWithSecretPrompt } from '../../../../electron/fleet/connect/secret-prompt';

describe('secret prompts', () => {
  it('recognises the prompts sudo, ssh, su and friends print', () => {
    for (const p of [
      '[sudo] password for root: ',
      'Password:',
      "Enter passphrase for key '/root/.ssh/id_ed25519': ",
      'Verification code: ',
      'root@db1\'s password: ',
      '\x1b[1mPassword:\x1b[0m ',
      'Enter PIN for token: ',
      'line before\r\nPassword: ',
    ]) expect(endsWithSecretPrompt(p)).toBe(true);
  });
  it('does not fire on ordinary output', () => {
    for (const p of ['root@web1:~# ', 'password changed\r\nroot@web1:~# ', 'grep password /etc/x\r\n', '$ echo pin', 'Password: ok\r\n'])
      expect(endsWithSecretPrompt(p)).toBe(false);
  });
});

describe('Limiter', () => {
  it('runs at most N at once and hands slots on in order', async () => {
    const lim = new Limiter(2);
    const order: number[] = [];
    const releases = await Promise.all([lim.acquire(), lim.acquire()]);
    const third = lim.acquire().then((r) => {
      order.push(3);
      return r;
    });
    const fourth = lim.acquire().then((r) => {
      order.push(4);
      return r;
    });
    expect(lim.active).toBe(2);
    expect(lim.waiting).toBe(2);
    releases[0]!();
    releases[0]!(); // a second release of the same slot changes nothing
    (await third)();
    releases[1]!();
    (await fourth)();
    expect(order).toEqual([3, 4]);
    expect(lim.active).toBe(0);
    expect(() => new Limiter(0)).toThrow(/positive/);
  });
});

describe('reconnect backoff', () => {
  it('doubles up to the cap, with jitter between half and all of the step', () => {
    const p = { maxAttempts: 10, baseMs: 1000, maxMs: 8000 };
    expect([1, 2, 3, 4, 5, 6].map((n) => backoffDelay(n, p, () => 0))).toEqual([500, 1000, 2000, 4000, 4000, 4000]);
    expect([1, 2, 3, 4, 5, 6].map((n) => backoffDelay(n, p, () => 1))).toEqual([1000, 2000, 4000, 8000, 8000, 8000]);
    for (let i = 0; i < 200; i++) {
      const d = backoffDelay(3, p);
      expect(d).toBeGreaterThanOrEqual(2000);
      expect(d).toBeLessThanOrEqual(4000);
    }
  });
});
