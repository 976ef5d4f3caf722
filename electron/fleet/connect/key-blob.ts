/** SSH wire-format public key blobs, as ssh2's hostVerifier hands them over. */

/** The key type named at the start of the blob ("ssh-ed25519", "ecdsa-sha2-nistp256", ...). */
export function keyTypeOf(blob: Buffer): string {
  if (blob.length < 4) throw new Error('host key blob is too short');
  const len = blob.readUInt32BE(0);
  if (len === 0 || len > 64 || 4 + len > blob.length) throw new Error('host key blob has no key type');
  return blob.subarray(4, 4 + len).toString('latin1');
}

import { createHash } from 'node:crypto';

/** OpenSSH's SHA256 fingerprint: "SHA256:" + unpadded base64 of the blob's digest. */
export function sha256Fingerprint(blob: Buffer): string {
  return `SHA256:${createHash('sha256').update(blob).digest('base64').replace(/=+$/, '')}`;
}
