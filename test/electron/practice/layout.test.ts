/** Host names, roles and loopback addresses for fleets of every allowed size. */
import { describe, expect, it } from 'vitest';
import { faultyHost, loopbackAddress, practiceLayout } from '../../../electron/practice/layout';

describe('practice layout', () => {
  it('gives the default 8 the documented names on 127.0.0.2-9', () => {
    expect(practiceLayout(8, 2).map((h) => `${h.alias}@${h.address}`)).toEqual([
      'web-01@127.0.0.2', 'web-02@127.0.0.3', 'web-03@127.0.0.4', 'web-04@127.0.0.5',
      'db-01@127.0.0.6', 'db-02@127.0.0.7', 'cache-01@127.0.0.8', 'lb-01@127.0.0.9',
    ]);
    expect(faultyHost(practiceLayout(8, 2))?.alias).toBe('web-02');
  });

  it.each([1, 2, 3, 5, 16, 100, 253, 254, 499, 500, 1000])('keeps %i hosts unique, ordered by role, with a web host to break', (n) => {
    const hosts = practiceLayout(n, 2);
    expect(hosts).toHaveLength(n);
    expect(new Set(hosts.map((h) => h.alias)).size).toBe(n);
    expect(new Set(hosts.map((h) => h.address)).size).toBe(n);
    for (const h of hosts) {
      expect(h.address).toMatch(/^127\.0\.\d{1,3}\.\d{1,3}$/);
      const last = Number(h.address.split('.')[3]);
      expect(last).toBeGreaterThanOrEqual(1);
      expect(last).toBeLessThanOrEqual(254);
    }
    const roles = hosts.map((h) => h.role);
    expect(roles).toEqual([...roles].sort((a, b) => ['web', 'db', 'cache', 'lb'].indexOf(a) - ['web', 'db', 'cache', 'lb'].indexOf(b)));
    expect(faultyHost(hosts)?.role).toBe('web');
  });

  it('moves past 127.0.0.254 into the next /24 without .0 or .255', () => {
    expect(loopbackAddress(2, 252)).toBe('127.0.0.254');
    expect(loopbackAddress(2, 253)).toBe('127.0.1.1');
    expect(practiceLayout(500, 2)[499]?.address).toBe('127.0.1.247');
  });

  it('names hosts with three digits once a role passes 99', () => {
    const hosts = practiceLayout(500, 2);
    expect(hosts[0]?.alias).toBe('web-001');
    expect(faultyHost(hosts)?.alias).toBe('web-002');
  });

  it('rejects counts and addresses out of range, saying which', () => {
    expect(() => practiceLayout(0, 2)).toThrow(/host count must be a whole number from 1 to 1000, got 0/);
    expect(() => practiceLayout(1001, 2)).toThrow(/got 1001/);
    expect(() => practiceLayout(2.5, 2)).toThrow(/got 2.5/);
    expect(() => practiceLayout(8, 0)).toThrow(/firstAddress must be 1..254/);
    expect(() => practiceLayout(8, 255)).toThrow(/got 255/);
  });
});
