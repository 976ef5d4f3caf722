/**
 * The floor page of the `window` benchmark, bundled at bench time: bare xterm.js terminals, one per
 * host, each fed by its own bare WebSocket from the floor server (bytes as they come, no batching,
 * no flow control). Only the first `visible` sessions get a terminal; the others are connected and
 * their output read and dropped, as the product keeps off-screen sessions. The containers carry the
 * product's test ids, so the same probes measure both pages.
 */
import { Terminal } from '@xterm/xterm';

const params = new URLSearchParams(location.search);
const hosts = (params.get('hosts') ?? '').split(',').filter(Boolean);
const visible = Number(params.get('visible') ?? '16');
const cols = Number(params.get('cols') ?? '40');
const rows = Number(params.get('rows') ?? '8');
const screenReader = params.get('sr') === '1';

const grid = document.getElementById('grid') as HTMLElement;
grid.style.gridTemplateColumns = `repeat(${Math.ceil(Math.sqrt(visible))}, max-content)`;
let ready = 0;

for (const [i, host] of hosts.entries()) {
  const ws = new WebSocket(`ws://${location.host}/ssh?host=${encodeURIComponent(host)}`);
  ws.binaryType = 'arraybuffer';
  const decoder = new TextDecoder();
  let term: Terminal | undefined;
  if (i < visible) {
    const box = document.createElement('div');
    box.dataset.testid = 'terminal';
    box.dataset.host = host;
    grid.appendChild(box);
    term = new Terminal({ cols, rows, fontSize: 13, lineHeight: 1.1, scrollback: 5000, screenReaderMode: screenReader, fontFamily: 'monospace' });
    term.open(box);
    term.onData((data) => ws.send(data));
  }
  ws.onmessage = (e: MessageEvent<ArrayBuffer | string>) => {
    if (typeof e.data === 'string') {
      if (e.data === 'ready') ready += 1;
      return;
    }
    const text = decoder.decode(e.data, { stream: true });
    term?.write(text);
  };
}
(window as unknown as { floorReady: () => number }).floorReady = () => ready;
