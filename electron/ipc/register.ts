/**
 * The one registration of IPC handlers. Like VS Code's validated ipcMain, every message is checked
 * before a handler sees it: the channel must be in the contract, the sender must be our own window's
 * top frame on our own origin, and the payload must fit its schema (dispatch does that part).
 */
import type { IpcMain, IpcMainInvokeEvent, WebContents } from 'electron';
import { IPC_EVENT_CHANNEL, IPC_REQUEST_PREFIX, REQUEST_NAMES, type RpcReply } from '../../shared/contract';
import { dispatch, type EventHub, type Handlers } from '../rpc/handlers';

export interface IpcRegistration {
  /** Starts forwarding contract events to a window; returns a function that stops it (and releases its debt). */
  attach(contents: WebContents): () => void;
  dispose(): void;
}

/** The flow-control identity of a window's WebContents (main.ts releases it under the same name). */
export const clientIdOf = (contentsId: number): string => `ipc-${contentsId}`;

export function registerContractIpc(ipcMain: IpcMain, handlers: Handlers, hub: EventHub, appOrigin: string): IpcRegistration {
  const trusted = new Set<number>();
  const detachers = new Set<() => void>();

  const isTrustedSender = (event: IpcMainInvokeEvent): boolean => {
    const frame = event.senderFrame;
    if (!frame || !trusted.has(event.sender.id)) return false;
    // Only the top frame, never an iframe, and only while it shows our own app origin.
    if (frame.parent !== null || frame !== event.sender.mainFrame) return false;
    try {
      // URL.origin is "null" for custom schemes in Node, so compare scheme and host instead.
      const url = new URL(frame.url);
      return `${url.protocol}//${url.host}` === appOrigin;
    } catch {
      return false;
    }
  };

  for (const name of REQUEST_NAMES) {
    ipcMain.handle(IPC_REQUEST_PREFIX + name, (event, input: unknown): Promise<RpcReply<unknown>> | RpcReply<unknown> => {
      if (!isTrustedSender(event)) {
        return { ok: false, error: { code: 'forbidden', message: `request ${name} refused: sender is not the Warroom window` } };
      }
      return dispatch(handlers, name, input, { clientId: clientIdOf(event.sender.id) });
    });
  }

  return {
    attach(contents) {
      trusted.add(contents.id);
      const clientId = clientIdOf(contents.id);
      const off = hub.attach(clientId, {
        send: (name, payload) => {
          if (!contents.isDestroyed()) contents.send(IPC_EVENT_CHANNEL, { name, payload });
        },
      });
      // A reload keeps the WebContents (and its client id) but the new page never acknowledges what
      // the old one was sent: release it at once, or those terminals would stay paused for good.
      const restarted = () => hub.restart(clientId);
      contents.on('did-start-loading', restarted);
      const detach = () => {
        detachers.delete(detach);
        off();
        if (!contents.isDestroyed()) contents.off('did-start-loading', restarted);
        trusted.delete(contents.id);
      };
      detachers.add(detach);
      return detach;
    },
    dispose() {
      for (const detach of [...detachers]) detach();
      for (const name of REQUEST_NAMES) ipcMain.removeHandler(IPC_REQUEST_PREFIX + name);
    },
  };
}
