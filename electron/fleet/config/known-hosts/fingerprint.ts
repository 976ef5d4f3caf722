import { createHash } from 'node:crypto';

/** `ssh-keygen -lf` style: SHA256 of the key blob, base64 without padding. */
export function fingerprintSha256(key: Buffer): string {
  return 'SHA256:' + createHash('sha256').update(key).digest('base64').replace(/=+$/, '');
}

/** The key type named inside an SSH wire-format key blob, or undefined when the blob is not one. */
export function blobKeyType(key: Buffer): string | undefined {
  if (key.length < 4) return undefined;
  const n = key.readUInt32BE(0);
  if (n === 0 || n > 64 || 4 + n > key.length) return undefined;
  const t = key.subarray(4, 4 + n).toString('latin1');
  return /^[\x21-\x7e]+$/.test(t) ? t : undefined;
}

/** Signature algorithms name RSA keys differently from the key itself; known_hosts stores the key type. */
export function canonicalKeyType(keyType: string, key?: Buffer): string {
  const fromBlob = key ? blobKeyType(key) : undefined;
  if (fromBlob) return fromBlob;
  return keyType === 'rsa-sha2-256' || keyType === 'rsa-sha2-512' ? 'ssh-rsa' : keyType;
}
