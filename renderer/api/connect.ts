import type { WarroomApi } from '../../shared/contract';
import { findPreload, preloadApi } from './bridge';
import { WsClient, socketUrl, takePageToken, type LinkState, type SocketLike } from './websocket';

export interface Transport {
  api: WarroomApi;
  /** Link state for the disconnected banner; Electron's IPC never drops, so it is always open. */
  onState(listener: (state: LinkState) => void): () => void;
}

/** Picks the transport: the preload's API inside Electron, otherwise the browser-mode socket. */
export function connectTransport(onBadEvent: (message: string) => void): Transport {
  const preload = findPreload(window);
  if (preload) {
    return {
      api: preloadApi(preload, onBadEvent),
      onState: (listener) => {
        listener({ kind: 'open' });
        return () => undefined;
      },
    };
  }
  const token = takePageToken(window);
  const client = new WsClient({
    url: socketUrl(window.location, token),
    // The server refuses a socket without the token, and a browser never says why.
    ...(token === '' ? { hint: 'this page has no token: open the URL that warroom web printed' } : {}),
    createSocket: (url) => new WebSocket(url) as unknown as SocketLike,
    onBadEvent,
  });
  client.start();
  window.addEventListener('beforeunload', () => client.stop());
  return { api: client, onState: (listener) => client.onState(listener) };
}
