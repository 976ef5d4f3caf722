import { describe, expect, it } from 'vitest';
import { hostKeyVerdict, knownHostsLookup } from '../../../../electron/fleet/connect/host-key-policy';
import type { HostKeyCheck, ResolvedHost, StrictHostKeyChecking } from '../../../../electron/fleet/types';

const host = (strict: StrictHostKeyChecking, over: Partial<ResolvedHost> = {}): ResolvedHost => ({
  alias: 'web1', hostname: '10.0.0.5', port: 2222, user: 'ops', groups: [], source: 'ssh-config', proxyJump: [],
  identityFiles: [], knownHostsFiles: ['/home/ops/.ssh/known_hosts'], knownHostsWriteFile: '/home/ops/.ssh/known_hosts',
  strictHostKeyChecking: strict, hashKnownHosts: false, identitiesOnly: false, serverAliveInterval: 0, serverAliveCountMax: 3, ...over,
});
const offered = { keyType: 'ssh-ed25519', fingerprint: 'SHA256:NEW' };
const modes: StrictHostKeyChecking[] = ['yes', 'no', 'ask', 'accept-new', 'off'];

describe('hostKeyVerdict', () => {
  it('accepts a known key under every setting', () => {
    for (const m of modes) expect(hostKeyVerdict(host(m), { status: 'known', file: 'f', line: 3 }, offered).action).toBe('accept');
  });

  it('refuses a changed key under every setting, naming both fingerprints, file:line and the fix', () => {
    const check: HostKeyCheck = {
      status: 'changed', keyType: 'ssh-ed25519',
      expected: [{ file: '/k/known_hosts', line: 7, keyType: 'ssh-ed25519', fingerprint: 'SHA256:OLD' }],
    };
    for (const m of modes) {
      const v = hostKeyVerdict(host(m), check, offered);
      expect(v.action).toBe('refuse');
      if (v.action !== 'refuse') continue;
      expect(v.reason).toContain('web1 (10.0.0.5:2222)');
      expect(v.reason).toContain('offered ssh-ed25519 SHA256:NEW');
      expect(v.reason).toContain('expected ssh-ed25519 SHA256:OLD at /k/known_hosts:7');
      expect(v.reason).toContain("ssh-keygen -R '[10.0.0.5]:2222' -f /k/known_hosts");
    }
  });

  it('refuses a revoked key under every setting', () => {
    for (const m of modes) {
      const v = hostKeyVerdict(host(m), { status: 'revoked', file: '/k/kh', line: 2 }, offered);
      expect(v).toMatchObject({ action: 'refuse' });
      expect(v.action === 'refuse' && v.reason).toContain('/k/kh:2');
    }
  });

  it('handles an unknown key per StrictHostKeyChecking', () => {
    const unknown: HostKeyCheck = { status: 'unknown' };
    expect(hostKeyVerdict(host('yes'), unknown, offered).action).toBe('refuse');
    expect(hostKeyVerdict(host('ask'), unknown, offered).action).toBe('ask');
    expect(hostKeyVerdict(host('accept-new'), unknown, offered).action).toBe('save');
    expect(hostKeyVerdict(host('no'), unknown, offered).action).toBe('save');
    expect(hostKeyVerdict(host('off'), unknown, offered).action).toBe('save');
  });

  it('looks keys up under HostKeyAlias (without the port) when set, as OpenSSH does', () => {
    expect(knownHostsLookup(host('yes'))).toEqual({ name: '10.0.0.5', port: 2222 });
    expect(knownHostsLookup(host('yes', { hostKeyAlias: 'web-cluster' }))).toEqual({ name: 'web-cluster', port: 22 });
  });
});
