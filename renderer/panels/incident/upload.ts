import { ATTACHMENT_CHUNK_BYTES, MAX_ATTACHMENT_BYTES, type WarroomApi } from '../../../shared/contract';
import type { JournalEvent } from '../../../shared/model/incident';
import { bytesToBase64 } from './base64';

function size(bytes: number): string {
  if (bytes < 1024) return `${bytes} bytes`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KiB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MiB`;
}

/**
 * Sends a file to the incident in chunks (begin, chunks in order, attach), both over Electron's IPC
 * and browser mode's socket, whose frames stay far below the socket limit. A file over the
 * contract's limit is refused here, before any byte is read or sent.
 */
export async function uploadAttachment(api: WarroomApi, file: Blob & { name: string }, opts: { ref?: number; caption?: string } = {}): Promise<JournalEvent> {
  if (file.size === 0) throw new Error(`${file.name} is empty`);
  if (file.size > MAX_ATTACHMENT_BYTES) {
    throw new Error(`${file.name} is ${size(file.size)} (${file.size} bytes); attachments are limited to ${size(MAX_ATTACHMENT_BYTES)}`);
  }
  const { uploadId } = await api.request('timeline.attachBegin', { name: file.name, bytes: file.size });
  for (let offset = 0; offset < file.size; offset += ATTACHMENT_CHUNK_BYTES) {
    const chunk = new Uint8Array(await file.slice(offset, offset + ATTACHMENT_CHUNK_BYTES).arrayBuffer());
    await api.request('timeline.attachChunk', { uploadId, offset, contentBase64: bytesToBase64(chunk) });
  }
  return api.request('timeline.attach', { uploadId, ...(opts.ref ? { ref: opts.ref } : {}), ...(opts.caption ? { caption: opts.caption } : {}) });
}
