/**
 * The seams between the fleet's parts: configuration (who the hosts are and how to reach them) and
 * connection (ssh2 sessions). Config modules produce these; the connector consumes them.
 */
import type { Host } from '../../shared/model/host';

export type StrictHostKeyChecking = 'yes' | 'no' | 'ask' | 'accept-new' | 'off';

/** A host with everything OpenSSH would use to connect to it. */
export interface ResolvedHost extends Host {
  /** Files searched for the host's key, in order: UserKnownHostsFile entries, then GlobalKnownHostsFile. */
  knownHostsFiles: string[];
  /** Where a newly accepted key is written: the first UserKnownHostsFile. */
  knownHostsWriteFile: string;
  strictHostKeyChecking: StrictHostKeyChecking;
  hashKnownHosts: boolean;
  identitiesOnly: boolean;
  /** Seconds; 0 disables keepalive, as in OpenSSH. */
  serverAliveInterval: number;
  serverAliveCountMax: number;
  /** Seconds; undefined means Warroom's default. */
  connectTimeout?: number;
  proxyCommand?: string;
  /** HostKeyAlias, when set, replaces the host name in known_hosts lookups. */
  hostKeyAlias?: string;
}

export type HostKeyCheck =
  | { status: 'known'; file: string; line: number }
  | { status: 'unknown' }
  | { status: 'changed'; keyType: string; expected: Array<{ file: string; line: number; keyType: string; fingerprint: string }> }
  | { status: 'revoked'; file: string; line: number };

/** known_hosts lookup and update, OpenSSH semantics (plain, hashed, [host]:port, patterns, markers). */
export interface KnownHosts {
  check(files: readonly string[], host: string, port: number, keyType: string, key: Buffer): HostKeyCheck;
  add(file: string, host: string, port: number, keyType: string, key: Buffer, hashed: boolean): void;
}

/** Where hosts come from. */
export interface HostCatalog {
  list(): { hosts: ResolvedHost[]; groups: Record<string, string[]>; warnings: string[] };
  resolve(alias: string): ResolvedHost | undefined;
  /** Whether list() names this alias, without copying the listing (ssh-style sources resolve any name). */
  lists?(alias: string): boolean;
}
