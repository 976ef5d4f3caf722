/**
 * The IPC registration's checks. No Electron binary runs here, so ipcMain and the sender are
 * stand-ins with the same shape; the handlers behind them are the real ones, over the real services.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { EventEmitter } from 'node:events';
import os from 'node:os';
import path from 'node:path';
import type { IpcMain, WebContents } from 'electron';
import { registerContractIpc } from '../../../electron/ipc/register';
import { createWarroom, type Warroom } from '../../../electron/app/warroom';
import { IPC_EVENT_CHANNEL, IPC_REQUEST_PREFIX, REQUEST_NAMES, type RpcReply } from '../../../shared/contract';

type InvokeHandler = (event: unknown, input: unknown) => Promise<RpcReply<unknown>> | RpcReply<unknown>;

function fakeIpcMain() {
  const handlers = new Map<string, InvokeHandler>();
  const ipc = {
    handle: (channel: string, fn: InvokeHandler) => handlers.set(channel, fn),
    removeHandler: (channel: string) => handlers.delete(channel),
  };
  return { ipc: ipc as unknown as IpcMain, handlers };
}

function fakeContents(id: number, url: string) {
  const sent: Array<{ channel: string; message: unknown }> = [];
  const mainFrame = { url, parent: null };
  // An EventEmitter as WebContents is one: the registration listens for the page reloading.
  const contents = Object.assign(new EventEmitter(), {
    id,
    mainFrame,
    isDestroyed: () => false,
    send: (channel: string, message: unknown) => sent.push({ channel, message }),
  });
  return { contents: contents as unknown as WebContents, mainFrame, sent };
}

describe('registerContractIpc', () => {
  let home: string;
  let app: Warroom;
  beforeAll(async () => {
    home = mkdtempSync(path.join(os.tmpdir(), 'warroom-ipc-'));
    writeFileSync(path.join(home, 'ssh_config'), '');
    app = await createWarroom({ dataDir: home, mode: 'electron', sshConfigFile: path.join(home, 'ssh_config'), practice: 1 });
  });
  afterAll(async () => {
    await app?.close();
    rmSync(home, { recursive: true, force: true });
  });

  it('registers exactly the contract channels and answers our own window', async () => {
    const { ipc, handlers } = fakeIpcMain();
    const reg = registerContractIpc(ipc, app.handlers, app.hub, 'app://warroom');
    expect([...handlers.keys()].sort()).toEqual(REQUEST_NAMES.map((n) => IPC_REQUEST_PREFIX + n).sort());
    const win = fakeContents(1, 'app://warroom/index.html');
    reg.attach(win.contents);
    const reply = await handlers.get(`${IPC_REQUEST_PREFIX}app.info`)!({ sender: win.contents, senderFrame: win.mainFrame }, {});
    expect(reply).toMatchObject({ ok: true, value: { mode: 'electron' } });
    reg.dispose();
    expect(handlers.size).toBe(0);
  });

  it('refuses senders that are not our top frame on our origin, and bad payloads', async () => {
    const { ipc, handlers } = fakeIpcMain();
    const reg = registerContractIpc(ipc, app.handlers, app.hub, 'app://warroom');
    const win = fakeContents(2, 'app://warroom/index.html');
    reg.attach(win.contents);
    const info = handlers.get(`${IPC_REQUEST_PREFIX}app.info`)!;

    const iframe = { url: 'app://warroom/index.html', parent: win.mainFrame };
    expect(await info({ sender: win.contents, senderFrame: iframe }, {})).toMatchObject({ ok: false, error: { code: 'forbidden' } });

    win.mainFrame.url = 'https://evil.example/';
    expect(await info({ sender: win.contents, senderFrame: win.mainFrame }, {})).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    win.mainFrame.url = 'app://warroom/index.html';

    const stranger = fakeContents(3, 'app://warroom/index.html');
    expect(await info({ sender: stranger.contents, senderFrame: stranger.mainFrame }, {})).toMatchObject({ ok: false, error: { code: 'forbidden' } });

    const resize = handlers.get(`${IPC_REQUEST_PREFIX}fleet.resize`)!;
    expect(await resize({ sender: win.contents, senderFrame: win.mainFrame }, { sessionId: 'x', cols: 'wide' })).toMatchObject({
      ok: false,
      error: { code: 'bad-request' },
    });
    reg.dispose();
  });

  it('forwards contract events to attached windows only, and stops after detach', async () => {
    const { ipc } = fakeIpcMain();
    const reg = registerContractIpc(ipc, app.handlers, app.hub, 'app://warroom');
    const win = fakeContents(4, 'app://warroom/index.html');
    const detach = reg.attach(win.contents);
    app.hub.emit('hostkey.settled', { promptId: 'p1' });
    expect(win.sent).toEqual([{ channel: IPC_EVENT_CHANNEL, message: { name: 'hostkey.settled', payload: { promptId: 'p1' } } }]);
    detach();
    app.hub.emit('hostkey.settled', { promptId: 'p2' });
    expect(win.sent).toHaveLength(1);
    reg.dispose();
  });

  it('a reloaded window owes nothing it was sent before, and a closed one releases its debt', async () => {
    const { ipc } = fakeIpcMain();
    const reg = registerContractIpc(ipc, app.handlers, app.hub, 'app://warroom');
    const win = fakeContents(5, 'app://warroom/index.html');
    const detach = reg.attach(win.contents);
    app.hub.emit('term.data', { sessionId: 'sess-1', data: 'y\n'.repeat(60_000) });
    expect(app.hub.flow.debt('ipc-5', 'sess-1')).toBe(120_000);
    expect(app.hub.flow.isHeld('sess-1')).toBe(true);
    (win.contents as unknown as EventEmitter).emit('did-start-loading');
    expect(app.hub.flow.debt('ipc-5', 'sess-1')).toBe(0);
    expect(app.hub.flow.isHeld('sess-1')).toBe(false);
    // The new page reads the stream like any window.
    app.hub.emit('term.data', { sessionId: 'sess-1', data: 'y\n'.repeat(60_000) });
    expect(app.hub.flow.isHeld('sess-1')).toBe(true);
    detach();
    expect(app.hub.flow.isHeld('sess-1')).toBe(false);
    reg.dispose();
  });
});
