/** known_hosts lines as hostfile.c reads them; bad lines are skipped with a warning, never fatal. */
import { createHmac } from 'node:crypto';
import { matchHostname } from '../ssh/patterns';
import { blobKeyType } from './fingerprint';

export interface KnownHostEntry {
  file: string;
  line: number;
  marker?: 'revoked' | 'cert-authority';
  /** Plain pattern list, or undefined for a hashed entry. */
  patterns?: string;
  hashed?: { salt: Buffer; hash: Buffer };
  keyType: string;
  key: Buffer;
}

const B64 = /^[A-Za-z0-9+/]+={0,2}$/;

function b64(s: string): Buffer | undefined {
  if (!B64.test(s) || s.length % 4 === 1) return undefined;
  return Buffer.from(s, 'base64');
}

export function parseKnownHosts(text: string, file: string, warnings: string[]): KnownHostEntry[] {
  const out: KnownHostEntry[] = [];
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const lineNo = i + 1;
    const trimmed = (lines[i] ?? '').replace(/\r$/, '').trim();
    if (trimmed === '' || trimmed.startsWith('#')) continue;
    const bad = (why: string): void => {
      warnings.push(`${file}:${lineNo}: ignored known_hosts line: ${why}`);
    };
    const fields = trimmed.split(/[ \t]+/);
    let marker: KnownHostEntry['marker'];
    if (fields[0]?.startsWith('@')) {
      const m = fields.shift();
      if (m === '@revoked') marker = 'revoked';
      else if (m === '@cert-authority') marker = 'cert-authority';
      else {
        bad(`unknown marker "${m ?? ''}": expected @revoked or @cert-authority`);
        continue;
      }
    }
    const [hosts, keyType, keyB64] = fields;
    if (hosts === undefined || keyType === undefined || keyB64 === undefined) {
      bad('expected "hosts key-type base64-key [comment]"');
      continue;
    }
    const key = b64(keyB64);
    if (!key || key.length === 0) {
      bad('the key is not valid base64');
      continue;
    }
    const inner = blobKeyType(key);
    if (inner === undefined) {
      bad('the key is not an SSH public key blob');
      continue;
    }
    if (inner !== keyType) {
      bad(`the key type "${keyType}" does not match the key, which is ${inner}`);
      continue;
    }
    const entry: KnownHostEntry = { file, line: lineNo, keyType, key };
    if (marker) entry.marker = marker;
    if (hosts.startsWith('|')) {
      const m = /^\|1\|([^|]+)\|([^|]+)$/.exec(hosts);
      const salt = m?.[1] ? b64(m[1]) : undefined;
      const hash = m?.[2] ? b64(m[2]) : undefined;
      if (!salt || !hash || salt.length !== 20 || hash.length !== 20) {
        bad('malformed hashed host name: expected |1|base64-salt|base64-hash');
        continue;
      }
      entry.hashed = { salt, hash };
    } else {
      entry.patterns = hosts;
    }
    out.push(entry);
  }
  return out;
}

export function hashHostName(name: string, salt: Buffer): Buffer {
  return createHmac('sha1', salt).update(name).digest();
}

/** The name known_hosts stores: `host`, or `[host]:port` when the port is not 22. */
export function knownHostsName(host: string, port: number): string {
  return port === 22 ? host : `[${host}]:${port}`;
}

export function entryMatches(e: KnownHostEntry, name: string): boolean {
  if (e.hashed) return hashHostName(name, e.hashed.salt).equals(e.hashed.hash);
  return matchHostname(name, e.patterns ?? '') === 1;
}
