import { describe, expect, it } from 'vitest';
import { AttachmentUploads } from '../../../electron/incident/upload';
import { MAX_ATTACHMENT_BYTES } from '../../../shared/contract';

describe('AttachmentUploads', () => {
  it('joins chunks sent in order and hands the whole file over once', () => {
    const uploads = new AttachmentUploads();
    const id = uploads.begin('w1', 'graph.png', 5);
    expect(uploads.add('w1', id, 0, Buffer.from('he'))).toBe(2);
    expect(uploads.add('w1', id, 2, Buffer.from('llo'))).toBe(5);
    expect(uploads.take('w1', id)).toEqual({ name: 'graph.png', content: Buffer.from('hello') });
    expect(() => uploads.take('w1', id)).toThrow(/no attachment upload/);
    expect(uploads.size).toBe(0);
  });

  it('refuses chunks out of order, beyond the announced size, short uploads and other windows, naming the file', () => {
    const uploads = new AttachmentUploads();
    const a = uploads.begin('w1', 'a.log', 4);
    expect(() => uploads.add('w2', a, 0, Buffer.from('ab'))).toThrow(/no attachment upload/);
    expect(() => uploads.add('w1', a, 2, Buffer.from('ab'))).toThrow(/a\.log: a chunk at byte 2 came where byte 0 was expected/);
    expect(uploads.size).toBe(0);
    const b = uploads.begin('w1', 'b.log', 2);
    expect(() => uploads.add('w1', b, 0, Buffer.from('abc'))).toThrow(/b\.log: more than the announced 2 bytes/);
    const c = uploads.begin('w1', 'c.log', 3);
    uploads.add('w1', c, 0, Buffer.from('c'));
    expect(() => uploads.take('w1', c)).toThrow(/c\.log: only 1 of 3 bytes arrived/);
    expect(() => uploads.begin('w1', 'd.bin', MAX_ATTACHMENT_BYTES + 1)).toThrow(/d\.bin: 10485761 bytes is over/);
  });

  it('bounds what windows may hold open, and drops an upload that goes quiet', async () => {
    const uploads = new AttachmentUploads({ perClient: 2, totalBytes: 100, idleMs: 50 });
    uploads.begin('w1', 'x', 10);
    uploads.begin('w1', 'y', 10);
    expect(() => uploads.begin('w1', 'z', 10)).toThrow(/2 attachments from this window are still uploading/);
    expect(() => uploads.begin('w2', 'big', 81)).toThrow(/other attachments are still uploading/);
    uploads.begin('w2', 'fits', 80);
    await expect.poll(() => uploads.size, { timeout: 5000 }).toBe(0);
  });
});
