/**
 * One session's output on its way to the window: decoded without splitting a UTF-8 character,
 * batched (a few ms or a size cap, as VS Code's terminalDataBuffering and Hyper's DataBatcher do,
 * but with no wait for the first chunk after a quiet spell, so a keystroke's echo is not delayed),
 * and held back by acknowledgement-based flow control so a flood cannot outrun xterm.js.
 */
import { StringDecoder } from 'node:string_decoder';

export interface FlowControl {
  /** Pause the source above this many emitted-but-unacknowledged chars (VS Code: 100,000). */
  highWatermark: number;
  /** Resume below this many (VS Code: 5,000). */
  lowWatermark: number;
}

export interface OutputPumpOptions {
  emit(data: string): void;
  /** Stop and restart the source (the ssh2 channel); ssh2 then stops widening the SSH window. */
  pause(): void;
  resume(): void;
  /** false: no acknowledgements will come (CLI, tests without a window); never pause. */
  flowControl: FlowControl | false;
  flushMs?: number;
  maxBatchChars?: number;
}

const TAIL_CHARS = 256;
/** A batch at least this big means output is streaming, not echoing. */
const STREAMING_BATCH_CHARS = 1024;

export class OutputPump {
  private readonly decoder = new StringDecoder('utf8');
  private pending = '';
  private timer: NodeJS.Timeout | undefined;
  private immediate: NodeJS.Immediate | undefined;
  private lastFlush = 0;
  private lastBatchChars = 0;
  private unackedChars = 0;
  private paused = false;
  private tailText = '';
  private readonly flushMs: number;
  private readonly maxBatchChars: number;

  constructor(private readonly opts: OutputPumpOptions) {
    this.flushMs = opts.flushMs ?? 5;
    this.maxBatchChars = opts.maxBatchChars ?? 32_768;
  }

  push(chunk: Buffer): void {
    const text = this.decoder.write(chunk);
    if (text.length === 0) return;
    this.pending += text;
    if (this.pending.length >= this.maxBatchChars) return this.flush();
    if (this.timer || this.immediate) return;
    // Adaptive: echoes and other small output go out as soon as this I/O turn is done, so batching
    // adds no latency to typing; only while bulk output streams is each batch held for flushMs.
    const since = Date.now() - this.lastFlush;
    if (since >= this.flushMs || this.lastBatchChars < STREAMING_BATCH_CHARS) this.immediate = setImmediate(() => this.flush());
    else this.timer = setTimeout(() => this.flush(), this.flushMs - since);
  }

  /** The source ended: emit what is left, including an incomplete trailing character as U+FFFD. */
  end(): void {
    this.pending += this.decoder.end();
    this.flush();
  }

  flush(): void {
    this.cancelTimers();
    if (this.pending.length === 0) return;
    this.lastFlush = Date.now();
    this.lastBatchChars = this.pending.length;
    const data = this.pending;
    this.pending = '';
    this.tailText = (this.tailText + data).slice(-TAIL_CHARS);
    this.unackedChars += data.length;
    this.opts.emit(data);
    const fc = this.opts.flowControl;
    if (fc && !this.paused && this.unackedChars > fc.highWatermark) {
      this.paused = true;
      this.opts.pause();
    }
  }

  ack(chars: number): void {
    if (!(chars > 0)) return;
    this.unackedChars = Math.max(0, this.unackedChars - chars);
    const fc = this.opts.flowControl;
    if (this.paused && (!fc || this.unackedChars < fc.lowWatermark)) {
      this.paused = false;
      this.opts.resume();
    }
  }

  /** Drop timers; nothing more will be emitted. */
  dispose(): void {
    this.cancelTimers();
    this.pending = '';
  }

  private cancelTimers(): void {
    if (this.timer) clearTimeout(this.timer);
    if (this.immediate) clearImmediate(this.immediate);
    this.timer = undefined;
    this.immediate = undefined;
  }

  get unacked(): number {
    return this.unackedChars;
  }

  get isPaused(): boolean {
    return this.paused;
  }

  /** The last few hundred chars emitted, for prompt detection. */
  get tail(): string {
    return this.tailText + this.pending;
  }
}
