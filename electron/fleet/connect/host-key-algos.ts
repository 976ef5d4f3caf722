/**
 * Which host key algorithms to offer, known ones first, as OpenSSH does: a host recorded in
 * known_hosts only by its ECDSA or RSA key is asked for that key, instead of offering a newer type
 * first and then finding that key "unknown".
 */
import type { ServerHostKeyAlgorithm } from 'ssh2';
import type { KnownHosts } from '../types';

/** ssh2's default order (ed25519 first on Node 20), without ssh-dss, which OpenSSH no longer offers. */
const DEFAULT_ORDER: ServerHostKeyAlgorithm[] = [
  'ssh-ed25519',
  'ecdsa-sha2-nistp256',
  'ecdsa-sha2-nistp384',
  'ecdsa-sha2-nistp521',
  'rsa-sha2-512',
  'rsa-sha2-256',
  'ssh-rsa',
];

const ALGOS_FOR_KEY_TYPE: Record<string, ServerHostKeyAlgorithm[]> = {
  'ssh-ed25519': ['ssh-ed25519'],
  'ecdsa-sha2-nistp256': ['ecdsa-sha2-nistp256'],
  'ecdsa-sha2-nistp384': ['ecdsa-sha2-nistp384'],
  'ecdsa-sha2-nistp521': ['ecdsa-sha2-nistp521'],
  'ssh-rsa': ['rsa-sha2-512', 'rsa-sha2-256', 'ssh-rsa'],
};

/** A blob that names `type` and matches no real key: check() then says "changed" exactly when the type is on record. */
function probeBlob(type: string): Buffer {
  const name = Buffer.from(type, 'latin1');
  const b = Buffer.alloc(4 + name.length + 4);
  b.writeUInt32BE(name.length, 0);
  name.copy(b, 4);
  return b;
}

/** The key types known_hosts holds for this host, in DEFAULT_ORDER. */
export function knownKeyTypes(knownHosts: KnownHosts, files: readonly string[], name: string, port: number): string[] {
  const out: string[] = [];
  for (const type of Object.keys(ALGOS_FOR_KEY_TYPE)) {
    try {
      if (knownHosts.check(files, name, port, type, probeBlob(type)).status === 'changed') out.push(type);
    } catch {
      /* an unreadable file is reported when the real key is checked */
    }
  }
  return out;
}

/** The algorithm list to offer, or undefined for ssh2's default when nothing is on record. */
export function hostKeyAlgorithms(knownTypes: readonly string[]): ServerHostKeyAlgorithm[] | undefined {
  if (knownTypes.length === 0) return undefined;
  const first = knownTypes.flatMap((t) => ALGOS_FOR_KEY_TYPE[t] ?? []);
  return [...first, ...DEFAULT_ORDER.filter((a) => !first.includes(a))];
}
