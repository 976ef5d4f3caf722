/** Connection errors from ssh2 and node:net turned into words that name the host. */
import type { ResolvedHost } from '../types';
import { describeHost } from './host-key-policy';

export function networkReason(host: ResolvedHost, err: Error & { code?: string; level?: string }): string {
  const who = describeHost(host);
  switch (err.code) {
    case 'ECONNREFUSED':
      return `${who} unreachable: connection refused`;
    case 'EHOSTUNREACH':
    case 'ENETUNREACH':
    case 'EHOSTDOWN':
      return `${who} unreachable: no route to host (${err.code})`;
    case 'ETIMEDOUT':
      return `${who} unreachable: connection timed out`;
    case 'ECONNRESET':
      return `connection to ${who} reset by peer`;
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
      return `${who} unreachable: could not resolve hostname ${host.hostname}`;
    case 'EPIPE':
      return `connection to ${who} broken (EPIPE)`;
  }
  if (err.level === 'client-timeout') return `timed out waiting for ${who}`;
  return `${who}: ${err.message}`;
}
