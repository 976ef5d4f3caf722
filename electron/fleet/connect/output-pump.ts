/**
 * One session's output on its way to the windows: decoded without splitting a UTF-8 character,
 * batched (a few ms or a size cap, as VS Code's terminalDataBuffering and Hyper's DataBatcher do,
 * but the first small chunk after a quiet spell is emitted at once, so a keystroke's echo is not
 * delayed),
 * cut to the room the windows' flow control leaves this session (FlowLedger.room: a fair share of
 * each window's total), the rest held here with the source paused once a batch's worth waits,
 * held while the windows' flow control says they are behind, and, when the user interrupts a session
 * that is far behind, skipping what nobody can read any more: a paused flood keeps up to a channel
 * window queued (channel-window.ts), and more on the host's side, and delivering it at xterm's pace
 * would take seconds per host before the prompt shows.
 */
import { StringDecoder } from 'node:string_decoder';
import { fromLineStart } from '../../../shared/model/outputTail';


export interface SkipPolicy {
  /**
   * Input to a session this far behind starts a skip: chars unacknowledged, plus not yet emitted,
   * plus bytes still queued in the source, plus what was emitted in the last `quietMs` (a flood
   * running at full speed, no window holding it, has as much again queued on the remote side).
   */
  thresholdChars: number;
  /** What a skip keeps and emits at its end: enough for the prompt and the lines above it. */
  tailChars: number;
  /** A skip ends once less than `quietChars` arrived in one `quietMs`: the flood is over. */
  quietChars: number;
  quietMs: number;
  /** While it goes on, the latest tail is shown this often, so a flood still running is not hidden. */
  showEveryMs: number;
  /**
   * For this long after the input, a backlog that builds up again skips again: a busy process can
   * see one quiet tick while the remote side still has a channel window's worth on its way.
   */
  rearmMs: number;
}

export const DEFAULT_SKIP: SkipPolicy = { thresholdChars: 32_768, tailChars: 8192, quietChars: 4096, quietMs: 100, showEveryMs: 1000, rearmMs: 2000 };

export interface OutputPumpOptions {
  emit(data: string): void;
  /** A skip dropped `chars` characters; the kept tail is emitted right after this. */
  skipped(chars: number): void;
  /** Stop and restart the source (the ssh2 channel); ssh2 then stops widening the SSH window. */
  pause(): void;
  resume(): void;
  /** Chars emitted that the slowest reading window has not acknowledged yet. */
  behind(): number;
  /**
   * Chars the windows may be sent now, `want` being what waits here (default: no limit). What does
   * not fit waits here until wake() is called, and past a batch's worth the source is paused, so
   * nothing piles up here either.
   */
  room?(want: number): number;
  /** Bytes the source holds that the pump has not read yet (what a pause left in ssh2's channel). */
  queued?(): number;
  flushMs?: number;
  maxBatchChars?: number;
  skip?: Partial<SkipPolicy>;
}

const TAIL_CHARS = 256;

/**
 * The last TAIL_CHARS of `text`, as a string of its own: V8 makes a slice a view that keeps the
 * whole batch (up to 32 KiB per session) alive for as long as the tail is kept.
 */
function lastChars(text: string): string {
  const tail = text.slice(-TAIL_CHARS);
  return tail.length === text.length ? tail : Buffer.from(tail, 'utf16le').toString('utf16le');
}
const isHighSurrogate = (code: number) => code >= 0xd800 && code <= 0xdbff;
/** A batch at least this big means output is streaming, not echoing. */
const STREAMING_BATCH_CHARS = 1024;

interface Skip {
  /** The latest output, at most about 2 × tailChars. */
  kept: string;
  dropped: number;
  arrivedThisTick: number;
  shownAt: number;
  ticker: NodeJS.Timeout;
}

export class OutputPump {
  private readonly decoder = new StringDecoder('utf8');
  private pending = '';
  private timer: NodeJS.Timeout | undefined;
  private immediate: NodeJS.Immediate | undefined;
  private lastFlush = 0;
  private lastBatchChars = 0;
  private held = false;
  /** The source is paused because a batch's worth waits here for room (see flush). */
  private backed = false;
  /** The last flush could not send all it held: the windows pace this session, it is behind. */
  private paced = false;
  /** Until when a backlog that builds again skips again (set by an input that started a skip). */
  private rearmUntil = Number.NEGATIVE_INFINITY;
  /** Pauses a held source once the rearm time is over; till then it drains (see finishSkip). */
  private rearmTimer: NodeJS.Timeout | undefined;
  /** Chars emitted since rateSince: the current output rate, over one quietMs. */
  private rateChars = 0;
  private rateSince = 0;
  private skip: Skip | undefined;
  private tailText = '';
  private readonly flushMs: number;
  private readonly maxBatchChars: number;
  private readonly policy: SkipPolicy;

  constructor(private readonly opts: OutputPumpOptions) {
    this.flushMs = opts.flushMs ?? 5;
    this.maxBatchChars = opts.maxBatchChars ?? 32_768;
    this.policy = { ...DEFAULT_SKIP, ...opts.skip };
  }

  push(chunk: Buffer): void {
    const text = this.decoder.write(chunk);
    if (text.length === 0) return;
    if (!this.skip && Date.now() < this.rearmUntil && this.farBehind(false)) this.startSkip();
    if (this.skip) return this.keep(this.skip, text);
    const quietBefore = this.pending === '' && !this.timer && !this.immediate;
    this.pending += text;
    if (this.pending.length >= this.maxBatchChars) return this.flush();
    if (this.timer || this.immediate) return;
    // Adaptive: echoes and other small output go out as soon as this I/O turn is done, so batching
    // adds no latency to typing; only while bulk output streams is each batch held for flushMs.
    const since = Date.now() - this.lastFlush;
    if (quietBefore && !this.held && text.length < STREAMING_BATCH_CHARS && since >= this.flushMs) {
      // The first small chunk after a quiet spell (a keystroke's echo) goes out here and now, not
      // behind whatever else this I/O turn holds (other hosts' output, timers' work, requests):
      // that wait was most of what the pump added to an echo (bench part latency). What follows
      // in the same turn is batched behind it as before.
      this.flush();
      this.immediate = setImmediate(() => this.flush());
      return;
    }
    if (since >= this.flushMs || this.lastBatchChars < STREAMING_BATCH_CHARS) this.immediate = setImmediate(() => this.flush());
    else this.timer = setTimeout(() => this.flush(), this.flushMs - since);
  }

  /** The source ended: emit what is left, including an incomplete trailing character as U+FFFD. */
  end(): void {
    const rest = this.decoder.end();
    if (this.skip) {
      this.keep(this.skip, rest);
      this.finishSkip();
      return this.flush(true);
    }
    this.pending += rest;
    this.flush();
  }

  /**
   * `whole`: the tail a skip kept goes out at once, room or not (at most tailChars, once per skip):
   * it holds the prompt the user interrupted for, and cut to a 4 KiB share it waited a window's
   * round trip more per share.
   */
  flush(whole = false): void {
    this.cancelTimers();
    if (this.pending.length === 0 || this.skip) return;
    let data = this.pending;
    const room = whole ? Number.POSITIVE_INFINITY : (this.opts.room?.(data.length) ?? Number.POSITIVE_INFINITY);
    if (room < data.length) {
      // Never between the halves of a surrogate pair.
      let cut = Math.floor(room);
      if (cut > 0 && isHighSurrogate(data.charCodeAt(cut - 1))) cut -= 1;
      if (cut <= 0) {
        this.paced = true;
        return this.backUp();
      }
      this.pending = data.slice(cut);
      data = data.slice(0, cut);
    } else {
      this.pending = '';
    }
    this.paced = this.pending.length > 0;
    if (this.paced) this.backUp();
    else this.unback();
    this.lastFlush = Date.now();
    this.lastBatchChars = data.length;
    this.tailText = lastChars(this.tailText + data);
    if (this.lastFlush - this.rateSince >= this.policy.quietMs) {
      this.rateSince = this.lastFlush;
      this.rateChars = 0;
    }
    this.rateChars += data.length;
    this.opts.emit(data);
  }

  /** The windows have room again (acks came in): send what waits for it. */
  wake(): void {
    if (this.pending.length > 0 && !this.skip && !this.timer && !this.immediate) this.flush();
  }

  /** Pause the source while a batch's worth waits for room: what the windows cannot take stays in the channel. */
  private backUp(): void {
    if (this.backed || this.pending.length < this.maxBatchChars) return;
    this.backed = true;
    this.opts.pause();
  }

  /** Half a batch or less waits: let the source flow again, unless flow control holds it. */
  private unback(): void {
    if (!this.backed || this.pending.length > this.maxBatchChars / 2) return;
    this.backed = false;
    if (!this.held) this.opts.resume();
  }

  /** The windows' flow control: hold the source (on) or let it flow. */
  hold(on: boolean): void {
    if (this.held === on) return;
    this.held = on;
    // While skipping (and right after the input) the source drains regardless; the hold applies
    // again when that is over.
    if (this.skip) return;
    if (!on) this.clearRearmTimer();
    else if (this.rearmTimer) return;
    if (on) this.opts.pause();
    else if (!this.backed) this.opts.resume();
  }

  /**
   * The user typed into this session. If it is far behind, what is queued can no longer matter to
   * them (an interrupt will make the shell print its prompt after it): drain the source fast, keep
   * only the latest `tailChars`, and stream again once the output rate drops.
   */
  input(interrupt = false): void {
    if (this.skip || !this.farBehind(true, interrupt)) return;
    this.rearmUntil = Date.now() + this.policy.rearmMs;
    this.startSkip();
  }

  /**
   * `streaming`: count a flood running at full speed too (only at the input, not for the rearm).
   * `interrupt`: the keys hold a Ctrl-C, so a tail's worth behind is enough: the window skips what it
   * holds of a flood after an interrupt too, and waits for this side's notice that it skipped.
   */
  private farBehind(streaming: boolean, interrupt = false): boolean {
    // Paced by the windows' room: what they are sent is a share, not the flood's full rate, so
    // neither the debt nor the rate says how much the host has queued behind it.
    if (this.held || this.backed || this.paced) return true;
    const rate = streaming && Date.now() - this.rateSince < 2 * this.policy.quietMs ? this.rateChars : 0;
    const threshold = interrupt ? this.policy.tailChars : this.policy.thresholdChars;
    return this.opts.behind() + this.pending.length + (this.opts.queued?.() ?? 0) + rate >= threshold;
  }

  private startSkip(): void {
    this.cancelTimers();
    this.clearRearmTimer();
    const skip: Skip = {
      kept: '',
      dropped: 0,
      arrivedThisTick: 0,
      shownAt: Date.now(),
      ticker: setInterval(() => this.tick(), this.policy.quietMs),
    };
    this.skip = skip;
    this.keep(skip, this.pending);
    skip.arrivedThisTick = 0;
    this.pending = '';
    if (this.held || this.backed) this.opts.resume();
    this.backed = false;
    this.paced = false;
  }

  /** Drop timers; nothing more will be emitted. */
  dispose(): void {
    this.cancelTimers();
    if (this.skip) clearInterval(this.skip.ticker);
    this.skip = undefined;
    this.clearRearmTimer();
    this.pending = '';
    this.backed = false;
    this.paced = false;
  }

  private keep(skip: Skip, text: string): void {
    skip.arrivedThisTick += text.length;
    skip.kept += text;
    const limit = this.policy.tailChars;
    if (skip.kept.length > 2 * limit) {
      skip.dropped += skip.kept.length - limit;
      skip.kept = skip.kept.slice(-limit);
    }
  }

  private tick(): void {
    const skip = this.skip;
    if (!skip) return;
    const quiet = skip.arrivedThisTick < this.policy.quietChars;
    skip.arrivedThisTick = 0;
    if (quiet) {
      this.finishSkip();
      this.flush(true);
    } else if (Date.now() - skip.shownAt >= this.policy.showEveryMs) {
      // Still flooding: show where it is now, and go on skipping.
      skip.shownAt = Date.now();
      this.opts.emit(this.takeTail(skip));
    }
  }

  private finishSkip(): void {
    const skip = this.skip;
    if (!skip) return;
    clearInterval(skip.ticker);
    this.skip = undefined;
    this.pending = this.takeTail(skip) + this.pending;
    if (!this.held) return;
    // Right after the input the shell may not have printed its prompt yet: keep draining (whatever
    // comes while held skips again) so the prompt arrives even if no window acknowledges meanwhile.
    const left = this.rearmUntil - Date.now();
    if (left <= 0) return this.opts.pause();
    this.clearRearmTimer();
    this.rearmTimer = setTimeout(() => {
      this.rearmTimer = undefined;
      if (this.held && !this.skip) this.opts.pause();
    }, left);
  }

  private clearRearmTimer(): void {
    if (this.rearmTimer) clearTimeout(this.rearmTimer);
    this.rearmTimer = undefined;
  }

  /** The kept tail, cut to a line start once something was dropped; reports the drop. */
  private takeTail(skip: Skip): string {
    let { kept, dropped } = skip;
    skip.kept = '';
    skip.dropped = 0;
    if (kept.length > this.policy.tailChars) {
      dropped += kept.length - this.policy.tailChars;
      kept = kept.slice(-this.policy.tailChars);
    }
    // Once something was dropped, start the tail on a line of its own, not inside an escape sequence.
    if (dropped > 0) {
      const cut = fromLineStart(kept);
      dropped += kept.length - cut.length;
      kept = cut;
      this.opts.skipped(dropped);
    }
    this.tailText = lastChars(this.tailText + kept);
    return kept;
  }

  private cancelTimers(): void {
    if (this.timer) clearTimeout(this.timer);
    if (this.immediate) clearImmediate(this.immediate);
    this.timer = undefined;
    this.immediate = undefined;
  }

  /** The source is paused by flow control right now. */
  get isPaused(): boolean {
    return (this.held || this.backed) && !this.skip && !this.rearmTimer;
  }

  get isSkipping(): boolean {
    return this.skip !== undefined;
  }

  /** The last few hundred chars of output, for prompt detection. */
  get tail(): string {
    return (this.tailText + this.pending + (this.skip?.kept ?? '')).slice(-TAIL_CHARS);
  }
}
