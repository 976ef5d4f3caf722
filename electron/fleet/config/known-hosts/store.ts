/** The KnownHosts seam: lookups over cached, re-read-on-change files, and appends that ssh can read back. */
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { HostKeyCheck, KnownHosts } from '../../types';
import { canonicalKeyType, fingerprintSha256 } from './fingerprint';
import { entryMatches, hashHostName, type KnownHostEntry, knownHostsName, parseKnownHosts } from './parse';

export interface KnownHostsStore extends KnownHosts {
  /** Problems met while reading files: malformed lines and unsupported @cert-authority entries, each with file:line. */
  warnings(): string[];
}

interface Cached {
  mtimeMs: number;
  size: number;
  ino: number;
  entries: KnownHostEntry[];
  warnings: string[];
}

export function createKnownHosts(): KnownHostsStore {
  const cache = new Map<string, Cached>();

  function load(file: string): Cached | undefined {
    let st: fs.Stats;
    try {
      st = fs.statSync(file);
    } catch {
      cache.delete(file);
      return undefined;
    }
    if (!st.isFile()) return undefined;
    const hit = cache.get(file);
    if (hit && hit.mtimeMs === st.mtimeMs && hit.size === st.size && hit.ino === st.ino) return hit;
    let text: string;
    try {
      text = fs.readFileSync(file, 'utf8');
    } catch (e) {
      const c = { mtimeMs: st.mtimeMs, size: st.size, ino: st.ino, entries: [], warnings: [`${file}: cannot read: ${(e as Error).message}`] };
      cache.set(file, c);
      return c;
    }
    const warnings: string[] = [];
    const entries = parseKnownHosts(text, file, warnings);
    for (const e of entries) {
      if (e.marker === 'cert-authority') warnings.push(`${e.file}:${e.line}: @cert-authority entries are not supported yet; this line is ignored`);
    }
    const c = { mtimeMs: st.mtimeMs, size: st.size, ino: st.ino, entries, warnings };
    cache.set(file, c);
    return c;
  }

  return {
    check(files, host, port, keyType, key): HostKeyCheck {
      const name = knownHostsName(host.toLowerCase(), port);
      const type = canonicalKeyType(keyType, key);
      const matching: KnownHostEntry[] = [];
      for (const f of files) {
        const c = load(f);
        if (!c) continue;
        for (const e of c.entries) if (e.marker !== 'cert-authority' && entryMatches(e, name)) matching.push(e);
      }
      const revoked = matching.find((e) => e.marker === 'revoked' && e.key.equals(key));
      if (revoked) return { status: 'revoked', file: revoked.file, line: revoked.line };
      const plain = matching.filter((e) => e.marker === undefined);
      const same = plain.find((e) => e.key.equals(key));
      if (same) return { status: 'known', file: same.file, line: same.line };
      const other = plain.filter((e) => e.keyType === type);
      if (other.length > 0) {
        return {
          status: 'changed',
          keyType: type,
          expected: other.map((e) => ({ file: e.file, line: e.line, keyType: e.keyType, fingerprint: fingerprintSha256(e.key) })),
        };
      }
      return { status: 'unknown' };
    },

    add(file, host, port, keyType, key, hashed): void {
      const name = knownHostsName(host.toLowerCase(), port);
      let hostField = name;
      if (hashed) {
        const salt = randomBytes(20);
        hostField = `|1|${salt.toString('base64')}|${hashHostName(name, salt).toString('base64')}`;
      }
      const line = `${hostField} ${canonicalKeyType(keyType, key)} ${key.toString('base64')}\n`;
      fs.mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 });
      let prefix = '';
      try {
        const st = fs.statSync(file);
        if (st.size > 0) {
          const fd = fs.openSync(file, 'r');
          try {
            const b = Buffer.alloc(1);
            fs.readSync(fd, b, 0, 1, st.size - 1);
            if (b[0] !== 0x0a) prefix = '\n';
          } finally {
            fs.closeSync(fd);
          }
        }
      } catch {
        // No file yet: appendFileSync creates it with the mode below.
      }
      fs.appendFileSync(file, prefix + line, { mode: 0o600 });
      cache.delete(file);
    },

    warnings(): string[] {
      const out: string[] = [];
      for (const c of cache.values()) out.push(...c.warnings);
      return out;
    },
  };
}
