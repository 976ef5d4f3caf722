import { randomUUID } from 'node:crypto';
import { MAX_ATTACHMENT_BYTES } from '../../shared/contract';
import { UserError } from '../core/errors';

interface Upload {
  clientId: string;
  name: string;
  bytes: number;
  chunks: Buffer[];
  received: number;
  timer: NodeJS.Timeout;
}

export interface UploadLimits {
  /** An upload with no chunk for this long is dropped (its window went away mid-upload). */
  idleMs: number;
  /** Uploads one window may have open at once. */
  perClient: number;
  /** Bytes all open uploads may announce together: what this process agrees to hold in memory. */
  totalBytes: number;
}

const DEFAULTS: UploadLimits = { idleMs: 60_000, perClient: 4, totalBytes: 4 * MAX_ATTACHMENT_BYTES };

/**
 * Attachments being sent by windows in chunks (timeline.attachBegin/attachChunk), held in memory
 * until timeline.attach takes them. Chunks must come in order and add up to the announced size;
 * an upload is only visible to the window that began it.
 */
export class AttachmentUploads {
  private readonly uploads = new Map<string, Upload>();
  private readonly limits: UploadLimits;

  constructor(limits: Partial<UploadLimits> = {}) {
    this.limits = { ...DEFAULTS, ...limits };
  }

  begin(clientId: string, name: string, bytes: number): string {
    if (bytes > MAX_ATTACHMENT_BYTES) throw new UserError(`cannot attach ${name}: ${bytes} bytes is over the ${MAX_ATTACHMENT_BYTES}-byte limit`);
    const mine = [...this.uploads.values()].filter((u) => u.clientId === clientId).length;
    if (mine >= this.limits.perClient) throw new UserError(`cannot attach ${name}: ${mine} attachments from this window are still uploading`);
    const held = [...this.uploads.values()].reduce((sum, u) => sum + u.bytes, 0);
    if (held + bytes > this.limits.totalBytes) throw new UserError(`cannot attach ${name}: other attachments are still uploading; try again when they finish`);
    const uploadId = randomUUID();
    this.uploads.set(uploadId, { clientId, name, bytes, chunks: [], received: 0, timer: this.expiry(uploadId) });
    return uploadId;
  }

  /** Adds the chunk that starts at `offset`; returns the bytes received so far. */
  add(clientId: string, uploadId: string, offset: number, chunk: Buffer): number {
    const upload = this.find(clientId, uploadId);
    if (offset !== upload.received) {
      this.drop(uploadId);
      throw new UserError(`attaching ${upload.name}: a chunk at byte ${offset} came where byte ${upload.received} was expected; send the file again`);
    }
    if (upload.received + chunk.length > upload.bytes) {
      this.drop(uploadId);
      throw new UserError(`attaching ${upload.name}: more than the announced ${upload.bytes} bytes arrived; send the file again`);
    }
    upload.chunks.push(chunk);
    upload.received += chunk.length;
    upload.timer.refresh();
    return upload.received;
  }

  /** The complete upload, removed from the registry. */
  take(clientId: string, uploadId: string): { name: string; content: Buffer } {
    const upload = this.find(clientId, uploadId);
    this.drop(uploadId);
    if (upload.received !== upload.bytes) {
      throw new UserError(`attaching ${upload.name}: only ${upload.received} of ${upload.bytes} bytes arrived; send the file again`);
    }
    return { name: upload.name, content: Buffer.concat(upload.chunks) };
  }

  get size(): number {
    return this.uploads.size;
  }

  private find(clientId: string, uploadId: string): Upload {
    const upload = this.uploads.get(uploadId);
    // Another window's upload is reported exactly like a missing one: ids are not an oracle.
    if (!upload || upload.clientId !== clientId) throw new UserError(`no attachment upload ${uploadId}: it finished, expired or was never begun`);
    return upload;
  }

  private drop(uploadId: string): void {
    const upload = this.uploads.get(uploadId);
    if (!upload) return;
    clearTimeout(upload.timer);
    this.uploads.delete(uploadId);
  }

  private expiry(uploadId: string): NodeJS.Timeout {
    const timer = setTimeout(() => this.drop(uploadId), this.limits.idleMs);
    timer.unref();
    return timer;
  }
}
