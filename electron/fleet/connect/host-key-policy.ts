/**
 * What to do with the key a host offers, given what known_hosts says and StrictHostKeyChecking.
 * Pure, so every branch is tested without a network. One deliberate departure from OpenSSH: a
 * changed or revoked key is refused under every setting, `no` and `off` included.
 */
import type { HostKeyCheck, ResolvedHost } from '../types';

export interface OfferedKey {
  keyType: string;
  fingerprint: string;
}

export type HostKeyVerdict =
  | { action: 'accept'; detail: string }
  | { action: 'save'; detail: string }
  | { action: 'ask' }
  | { action: 'refuse'; reason: string };

/** The name and port known_hosts is searched under; HostKeyAlias replaces both, as in OpenSSH. */
export function knownHostsLookup(host: ResolvedHost): { name: string; port: number } {
  if (host.hostKeyAlias) return { name: host.hostKeyAlias, port: 22 };
  return { name: host.hostname, port: host.port };
}

export function describeHost(host: ResolvedHost): string {
  return `${host.alias} (${host.hostname}:${host.port})`;
}

export function hostKeyVerdict(host: ResolvedHost, check: HostKeyCheck, offered: OfferedKey): HostKeyVerdict {
  const who = describeHost(host);
  switch (check.status) {
    case 'known':
      return { action: 'accept', detail: `${offered.keyType} ${offered.fingerprint} matches ${check.file}:${check.line}` };
    case 'revoked':
      return {
        action: 'refuse',
        reason: `host key for ${who} is REVOKED: ${offered.keyType} ${offered.fingerprint} is marked @revoked at ${check.file}:${check.line}; refused`,
      };
    case 'changed': {
      const expected = check.expected
        .map((e) => `${e.keyType} ${e.fingerprint} at ${e.file}:${e.line}`)
        .join(', ');
      const { name, port } = knownHostsLookup(host);
      const entry = port === 22 ? name : `[${name}]:${port}`;
      const first = check.expected[0];
      const fix = first ? ` If the change is expected, remove the old key: ssh-keygen -R '${entry}' -f ${first.file}` : '';
      return {
        action: 'refuse',
        reason:
          `HOST KEY CHANGED for ${who}: offered ${offered.keyType} ${offered.fingerprint}, expected ${expected}. ` +
          `Refused: this can be a man-in-the-middle attack.${fix}`,
      };
    }
    case 'unknown':
      switch (host.strictHostKeyChecking) {
        case 'yes':
          return {
            action: 'refuse',
            reason:
              `unknown host key for ${who}: ${offered.keyType} ${offered.fingerprint} is not in ` +
              `${host.knownHostsFiles.join(', ') || 'any known_hosts file'} and StrictHostKeyChecking is yes; refused`,
          };
        case 'accept-new':
        case 'no':
        case 'off':
          // OpenSSH adds new keys under all three; only the handling of changed keys differs there.
          return { action: 'save', detail: `new key ${offered.keyType} ${offered.fingerprint} saved (StrictHostKeyChecking ${host.strictHostKeyChecking})` };
        case 'ask':
          return { action: 'ask' };
      }
  }
}
