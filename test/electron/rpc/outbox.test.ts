/**
 * Output waiting for a window's socket: the socket is given a bounded amount, the rest waits per
 * session, the smallest first, and an interrupt drops what waits (EventHub.skipping). The socket is
 * played by a sink whose bufferedAmount the test sets, as a window that stops reading would leave it.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { Outbox } from '../../../electron/rpc/outbox';
import { EventHub } from '../../../electron/rpc/handlers';
import type { EventName } from '../../../shared/contract';

const until = async (cond: () => boolean) => {
  for (let i = 0; i < 500 && !cond(); i += 1) await new Promise((r) => setTimeout(r, 5));
  expect(cond()).toBe(true);
};

describe('Outbox', () => {
  let outbox: Outbox | undefined;
  afterEach(() => outbox?.close());

  it('sends straight on while the socket has room, and holds output once it is full', () => {
    const sent: [string, string][] = [];
    let buffered = 0;
    outbox = new Outbox({ send: (id, data) => sent.push([id, data]), buffered: () => buffered, maxBufferedBytes: 100 });
    outbox.add('a', 'one');
    expect(sent).toEqual([['a', 'one']]);
    buffered = 100;
    outbox.add('a', 'two');
    outbox.add('a', 'three');
    expect(sent).toHaveLength(1);
    expect(outbox.waiting('a')).toBe(8);
  });

  it('when the socket drains, the session with the least waiting goes first (an echo before a flood)', async () => {
    const sent: [string, string][] = [];
    let buffered = 100;
    outbox = new Outbox({ send: (id, data) => sent.push([id, data]), buffered: () => buffered, maxBufferedBytes: 100, retryMs: 1 });
    outbox.add('flood', 'y\r\n'.repeat(1000));
    outbox.add('quiet', 'k');
    outbox.add('flood', 'y\r\n');
    buffered = 0;
    await until(() => sent.length === 2);
    expect(sent.map(([id]) => id)).toEqual(['quiet', 'flood']);
    // A session's waiting output is joined, in order, into one frame.
    expect(sent[1]![1]).toBe('y\r\n'.repeat(1001));
  });

  it('drops what waits for a session and says how much', () => {
    outbox = new Outbox({ send: () => undefined, buffered: () => 100, maxBufferedBytes: 100 });
    outbox.add('a', 'xxxx');
    outbox.add('b', 'yy');
    expect(outbox.drop('a')).toBe(4);
    expect(outbox.waiting()).toBe(2);
  });
});

describe('EventHub with a socket client', () => {
  it('an interrupt drops the output waiting for the window: owed no more, and the window is told', () => {
    const hub = new EventHub({ socketQueueBytes: 100 });
    const got: [EventName, unknown][] = [];
    let buffered = 0;
    hub.attach('w', { send: (name, payload) => got.push([name, payload]), bufferedAmount: () => buffered });
    hub.emit('term.data', { sessionId: 's', data: 'first' });
    buffered = 1000;
    hub.emit('term.data', { sessionId: 's', data: 'y\n'.repeat(50) });
    // Other events never wait behind output.
    hub.emit('term.resync', { sessionId: 'other' });
    expect(got.map(([name]) => name)).toEqual(['term.data', 'term.resync']);
    expect(hub.waiting('w', 's')).toBe(100);
    expect(hub.flow.debt('w', 's')).toBe(105);

    hub.skipping('s');
    expect(hub.waiting('w', 's')).toBe(0);
    expect(hub.flow.debt('w', 's')).toBe(5);
    expect(got.at(-1)).toEqual(['term.skipped', { sessionId: 's', chars: 100 }]);
    hub.detach('w');
  });

  it('a window dropped from a stream gets nothing of what waited for it (it repaints from the scrollback)', async () => {
    const hub = new EventHub({ socketQueueBytes: 100, flow: { stallMs: 50 } });
    const got: [EventName, unknown][] = [];
    let buffered = 1000;
    hub.attach('w', { send: (name, payload) => got.push([name, payload]), bufferedAmount: () => buffered });
    hub.emit('term.data', { sessionId: 's', data: 'y\n'.repeat(50) });
    await until(() => got.some(([name]) => name === 'term.resync'));
    expect(hub.waiting('w', 's')).toBe(0);
    buffered = 0;
    await new Promise((r) => setTimeout(r, 30));
    expect(got.filter(([name]) => name === 'term.data')).toEqual([]);
    hub.detach('w');
  });
});
