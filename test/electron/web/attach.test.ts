/**
 * Attachments over the real browser-mode socket, the way the window sends them: begin, chunks in
 * order, attach; each frame far below the socket limit, the file recorded byte for byte.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type WebSocket from 'ws';
import { ATTACHMENT_CHUNK_BYTES } from '../../../shared/contract';
import type { JournalEvent } from '../../../shared/model/incident';
import { openSocket, serve, type Served } from './helpers';

interface Reply {
  ok: boolean;
  value?: unknown;
  error?: { code: string; message: string };
}

function caller(ws: WebSocket): (name: string, input: unknown) => Promise<Reply> {
  let next = 1;
  const waiting = new Map<number, (r: Reply) => void>();
  ws.on('message', (raw) => {
    const frame = JSON.parse(raw.toString()) as { t: string; id: number; reply: Reply };
    if (frame.t === 'res') waiting.get(frame.id)?.(frame.reply);
  });
  return (name, input) =>
    new Promise((resolve) => {
      const id = next++;
      waiting.set(id, resolve);
      ws.send(JSON.stringify({ t: 'req', id, name, input }));
    });
}

describe('attachments over browser mode', () => {
  let s: Served;
  let ws: WebSocket;
  let call: (name: string, input: unknown) => Promise<Reply>;

  beforeAll(async () => {
    s = await serve();
    ws = await openSocket(s.wsUrl, s.origin);
    call = caller(ws);
    expect(await call('incident.declare', { title: 'attachments', severity: 'SEV3' })).toMatchObject({ ok: true });
  });
  afterAll(async () => {
    ws?.close();
    await s?.stop();
  });

  it('records a file sent in several chunks with its size and sha256, byte for byte', async () => {
    const bytes = Buffer.alloc(3 * ATTACHMENT_CHUNK_BYTES + 123);
    for (let i = 0; i < bytes.length; i++) bytes[i] = (i * 7919) & 0xff;
    const begun = await call('timeline.attachBegin', { name: 'heap dump.bin', bytes: bytes.length });
    const { uploadId } = begun.value as { uploadId: string };
    for (let offset = 0; offset < bytes.length; offset += ATTACHMENT_CHUNK_BYTES) {
      const chunk = bytes.subarray(offset, offset + ATTACHMENT_CHUNK_BYTES).toString('base64');
      expect(await call('timeline.attachChunk', { uploadId, offset, contentBase64: chunk })).toMatchObject({ ok: true });
    }
    const done = await call('timeline.attach', { uploadId, caption: 'before the restart' });
    expect(done.ok).toBe(true);
    const event = done.value as JournalEvent;
    const data = event.data as { file: string; bytes: number; sha256: string };
    expect(event.type).toBe('attachment');
    expect(data).toMatchObject({ bytes: bytes.length, caption: 'before the restart' });
    expect(data.sha256).toBe(createHash('sha256').update(bytes).digest('hex'));
    const active = (await call('incident.active', {})).value as { incident: { id: string } };
    expect(readFileSync(path.join(s.home, 'incidents', active.incident.id, data.file)).equals(bytes)).toBe(true);
  });

  it('refuses an attachment over the limit, a chunk over the chunk size, and an upload of another window', async () => {
    const over = await call('timeline.attachBegin', { name: 'capture.pcap', bytes: 16 * 1024 * 1024 });
    expect(over).toMatchObject({ ok: false, error: { code: 'bad-request' } });
    expect(over.error!.message).toContain('bytes');
    const { uploadId } = (await call('timeline.attachBegin', { name: 'a.txt', bytes: 3 })).value as { uploadId: string };
    const tooBig = Buffer.alloc(ATTACHMENT_CHUNK_BYTES + 1).toString('base64');
    expect(await call('timeline.attachChunk', { uploadId, offset: 0, contentBase64: tooBig })).toMatchObject({ ok: false, error: { code: 'bad-request' } });
    const other = caller(await openSocket(s.wsUrl, s.origin));
    const stolen = await other('timeline.attach', { uploadId });
    expect(stolen).toMatchObject({ ok: false, error: { code: 'failed' } });
    expect(stolen.error!.message).toContain('no attachment upload');
    expect(await call('timeline.attachChunk', { uploadId, offset: 0, contentBase64: Buffer.from('abc').toString('base64') })).toMatchObject({ ok: true });
    expect(await call('timeline.attach', { uploadId })).toMatchObject({ ok: true });
  });
});
