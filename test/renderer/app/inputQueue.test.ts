import { describe, expect, it } from 'vitest';
import { InputQueue, type InputBatch } from '../../../renderer/app/inputQueue';

function deferred() {
  let resolve!: () => void;
  let reject!: (e: Error) => void;
  const promise = new Promise<void>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}

describe('InputQueue', () => {
  it('keeps two requests in flight, joining keys typed meanwhile, in order', async () => {
    const sent: InputBatch[] = [];
    const waits: ReturnType<typeof deferred>[] = [];
    let out = 0;
    let most = 0;
    const q = new InputQueue(
      (b) => {
        sent.push({ ...b });
        const d = deferred();
        waits.push(d);
        most = Math.max(most, ++out);
        return d.promise.finally(() => out--);
      },
      () => undefined,
      100,
    );
    q.push(['a'], 'l');
    q.push(['a'], 's\r');
    // A key typed right after Enter does not wait for the Enter's reply.
    q.push(['a'], 'e');
    q.push(['a'], 'c');
    q.push(['a'], 'h');
    q.push(['a', 'b'], 'o');
    q.push(['a', 'b'], '\r');
    expect(sent).toEqual([
      { sessionIds: ['a'], data: 'l' },
      { sessionIds: ['a'], data: 's\r' },
    ]);
    expect(q.pending).toBe(4);
    waits[0]!.resolve();
    await expect.poll(() => sent.length).toBe(3);
    expect(sent[2]).toEqual({ sessionIds: ['a'], data: 'ech' });
    waits[1]!.resolve();
    await expect.poll(() => sent.length).toBe(4);
    expect(sent[3]).toEqual({ sessionIds: ['a', 'b'], data: 'o\r' });
    waits[2]!.resolve();
    waits[3]!.resolve();
    await expect.poll(() => q.pending).toBe(0);
    expect(most).toBe(2);
  });

  it('reports a failed batch and goes on with the next', async () => {
    const errors: string[] = [];
    const sent: string[] = [];
    const q = new InputQueue(
      (b) => {
        sent.push(b.data);
        return b.data === 'bad' ? Promise.reject(new Error('session gone')) : Promise.resolve();
      },
      (err, b) => errors.push(`${b.data}: ${(err as Error).message}`),
      100,
    );
    q.push(['a'], 'bad');
    q.push(['b'], 'good');
    await expect.poll(() => sent).toEqual(['bad', 'good']);
    expect(errors).toEqual(['bad: session gone']);
  });

  it('never joins past the size limit', async () => {
    const sent: string[] = [];
    let release!: () => void;
    const first = new Promise<void>((r) => (release = r));
    const q = new InputQueue(
      (b) => {
        sent.push(b.data);
        return sent.length === 1 ? first : Promise.resolve();
      },
      () => undefined,
      4,
    );
    q.push(['a'], 'x');
    q.push(['a'], 'abc');
    q.push(['a'], 'de');
    release();
    await expect.poll(() => sent).toEqual(['x', 'abc', 'de']);
  });

  it('sends Ctrl-C at once while a request is in flight, after the keys queued before it', async () => {
    const sent: InputBatch[] = [];
    const waits: ReturnType<typeof deferred>[] = [];
    const q = new InputQueue(
      (b) => {
        sent.push({ ...b });
        const d = deferred();
        waits.push(d);
        return d.promise;
      },
      () => undefined,
      100,
    );
    q.push(['a', 'b'], 'paste\rpaste\r');
    q.push(['a', 'b'], 'typed');
    q.push(['a'], 'x');
    q.push(['a'], '\x03');
    // The paste's reply never came, yet everything is out, the interrupt last.
    expect(sent).toEqual([
      { sessionIds: ['a', 'b'], data: 'paste\rpaste\r' },
      { sessionIds: ['a', 'b'], data: 'typed' },
      { sessionIds: ['a'], data: 'x\x03' },
    ]);
    expect(q.pending).toBe(3);
    q.push(['a'], 'ls');
    expect(sent).toHaveLength(3);
    for (const w of waits) w.resolve();
    await expect.poll(() => sent.length).toBe(4);
    expect(sent[3]).toEqual({ sessionIds: ['a'], data: 'ls' });
  });
});
