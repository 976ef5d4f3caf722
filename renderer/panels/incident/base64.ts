const CHUNK = 0x8000;

/**
 * Bytes to base64 for timeline.attachChunk. btoa takes a "binary string"; building it in chunks keeps
 * String.fromCharCode's argument count under engine limits for multi-megabyte screenshots.
 */
export function bytesToBase64(bytes: Uint8Array): string {
  let binary = '';
  for (let i = 0; i < bytes.length; i += CHUNK) binary += String.fromCharCode(...bytes.subarray(i, i + CHUNK));
  return btoa(binary);
}
