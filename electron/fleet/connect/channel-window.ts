/**
 * The SSH window a shell channel grants its server, kept small: what a host may send that nobody
 * has read yet. ssh2 1.17 opens every channel with a 2 MiB window and tops it back up to 2 MiB
 * whenever half is used (Channel.js MAX_WINDOW and WINDOW_THRESHOLD, not options), and it keeps
 * topping up while the stream is paused until its 2 MiB readable buffer is full. Under a `yes`
 * flood that is 2–4 MiB per host queued in this process (and as much again in the server's send
 * buffer), all of which an interrupt must drain before the prompt shows: 50 hosts, 200 MB.
 *
 * Here the window is granted by us instead: the channel is opened with `windowBytes` (openWithWindow
 * lowers the window in ssh2's CHANNEL_OPEN), ssh2's own accounting is offset by a phantom
 * MAX_WINDOW (so its top-up, which fires only at or below WINDOW_THRESHOLD and only up to
 * MAX_WINDOW, never fires), and we send WINDOW_ADJUST ourselves so that what is buffered in the
 * stream plus what the server may still send stays under `windowBytes`, and nothing at all while the
 * stream is paused. The offset keeps ssh2's recorded window above the real one, so its "no window
 * left" check can never drop data the server was entitled to send.
 *
 * This reaches into ssh2 internals (_protocol.session, incoming.window, outgoing.id); they are
 * checked at run time, and where they are not there the channel keeps ssh2's own behaviour.
 * test/electron/fleet/connect/channel-window.test.ts asserts the bound against a real sshd.
 */
import type { ClientChannel } from 'ssh2';
import type { SshClient } from './ssh-link';

/** ssh2 1.17's Channel.js MAX_WINDOW. */
const SSH2_MAX_WINDOW = 2 * 1024 * 1024;

/** 256 KiB: a few ms of a LAN at full speed, 2.5 MB/s at 100 ms round trip, more than xterm paints. */
export const DEFAULT_WINDOW_BYTES = 256 * 1024;

interface ChannelInternals {
  incoming: { window: number; state?: string };
  outgoing: { id: number; state?: string };
  _client: { _protocol: { channelWindowAdjust(id: number, amount: number): void } };
}

function internals(channel: ClientChannel): ChannelInternals | undefined {
  const c = channel as unknown as Partial<ChannelInternals>;
  const ok =
    typeof c.incoming?.window === 'number' &&
    typeof c.outgoing?.id === 'number' &&
    typeof c._client?._protocol?.channelWindowAdjust === 'function';
  return ok ? (c as ChannelInternals) : undefined;
}

export interface ChannelWindow {
  /** Whether the window is ours (false: ssh2's internals were not as expected; its defaults apply). */
  readonly capped: boolean;
  /** Grant more if the stream is flowing and what is in flight fell below half the window. */
  topUp(): void;
  /** What the server may still send without a further grant. */
  readonly granted: number;
}

type OpenSession = (chan: number, initWindow: number, maxPacket: number) => unknown;

/**
 * Runs `open` (a client.shell or client.exec call, which sends its CHANNEL_OPEN synchronously)
 * with the window it advertises lowered to `windowBytes`. Returns the window the server was
 * granted: `windowBytes`, or ssh2's MAX_WINDOW if its internals were not as expected.
 */
export function openWithWindow(client: SshClient, windowBytes: number, open: () => void): number {
  const protocol = (client as unknown as { _protocol?: { session?: OpenSession } })._protocol;
  const session = protocol?.session;
  if (!protocol || typeof session !== 'function') {
    open();
    return SSH2_MAX_WINDOW;
  }
  let lowered = false;
  protocol.session = (chan, initWindow, maxPacket) => {
    lowered = initWindow === SSH2_MAX_WINDOW;
    return session.call(protocol, chan, lowered ? windowBytes : initWindow, maxPacket);
  };
  try {
    open();
  } finally {
    protocol.session = session;
  }
  return lowered ? windowBytes : SSH2_MAX_WINDOW;
}

/**
 * Takes over the channel's window. `initialWindow` is what its CHANNEL_OPEN granted (see
 * openWithWindow); ssh2 records MAX_WINDOW whatever was sent.
 */
export function capChannelWindow(channel: ClientChannel, windowBytes = DEFAULT_WINDOW_BYTES, initialWindow = SSH2_MAX_WINDOW): ChannelWindow {
  const ch = internals(channel);
  if (!ch) return { capped: false, topUp: () => undefined, granted: 0 };
  // recorded = granted + offset, with offset >= MAX_WINDOW: ssh2's recorded window never falls to
  // its threshold, so it never tops up on its own.
  const offset = ch.incoming.window - initialWindow + SSH2_MAX_WINDOW;
  ch.incoming.window += SSH2_MAX_WINDOW;
  const granted = () => ch.incoming.window - offset;
  const buffered = () => channel.readableLength + (channel.stderr?.readableLength ?? 0);
  const topUp = () => {
    if (channel.isPaused() || ch.outgoing.state !== 'open') return;
    const inFlight = Math.max(0, granted()) + buffered();
    if (inFlight > windowBytes / 2) return;
    const amount = windowBytes - inFlight;
    ch.incoming.window += amount;
    ch._client._protocol.channelWindowAdjust(ch.outgoing.id, amount);
  };
  // Both run after the consumer took data (or is about to): in-flight only shrinks there.
  channel.on('data', topUp);
  channel.stderr?.on('data', topUp);
  channel.on('resume', () => setImmediate(topUp));
  return {
    capped: true,
    topUp,
    get granted() {
      return granted();
    },
  };
}
