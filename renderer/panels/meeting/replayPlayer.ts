/**
 * Plays one recording's frames into a read-only xterm: play, pause, speed and seek. Output only;
 * nothing typed in the replay terminal goes anywhere (it has no input handler and stdin is off).
 */
import { frameIndexAt, resizeOf, type ReplayCast } from '../../../shared/model/replay';

export interface ReplayScreen {
  write(data: string): void;
  reset(): void;
  resize(cols: number, rows: number): void;
}

/** A gap longer than this between frames plays as this long (idle time is not worth watching). */
const MAX_GAP_MS = 2000;

export class ReplayPlayer {
  /** Position in ms from the replay's start. */
  private position = 0;
  private next = 0;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private speed = 1;
  playing = false;

  constructor(
    private readonly cast: ReplayCast,
    private readonly screen: ReplayScreen,
    private readonly changed: () => void,
  ) {
    this.seek(0);
  }

  get at(): number {
    return this.position;
  }

  get end(): number {
    return this.cast.frames.at(-1)?.[0] ?? 0;
  }

  /** Redraws the screen as it was at `ms`: the prelude, then every frame before it, at once. */
  seek(ms: number): void {
    this.screen.reset();
    this.screen.resize(this.cast.width, this.cast.height);
    if (this.cast.prelude) this.screen.write(this.cast.prelude);
    this.next = 0;
    this.position = Math.max(0, Math.min(ms, this.end));
    this.writeUntil(this.position);
    if (this.playing) this.schedule();
    this.changed();
  }

  play(): void {
    if (this.playing) return;
    if (this.next >= this.cast.frames.length) this.seek(0);
    this.playing = true;
    this.schedule();
    this.changed();
  }

  pause(): void {
    this.playing = false;
    if (this.timer !== undefined) clearTimeout(this.timer);
    this.timer = undefined;
    this.changed();
  }

  setSpeed(speed: number): void {
    this.speed = speed;
    if (this.playing) this.schedule();
  }

  dispose(): void {
    this.pause();
  }

  /** Writes the frames before `ms` (all of them at `ms`), from where the screen is. */
  private writeUntil(ms: number): void {
    const stop = frameIndexAt(this.cast.frames, ms + 1);
    for (; this.next < stop; this.next++) {
      const [, kind, data] = this.cast.frames[this.next]!;
      if (kind === 'o') this.screen.write(data);
      else {
        const size = resizeOf(data);
        if (size) this.screen.resize(size.cols, size.rows);
      }
    }
  }

  private schedule(): void {
    if (this.timer !== undefined) clearTimeout(this.timer);
    const frame = this.cast.frames[this.next];
    if (!frame) {
      this.playing = false;
      this.timer = undefined;
      this.changed();
      return;
    }
    const wait = Math.min(Math.max(0, frame[0] - this.position), MAX_GAP_MS) / this.speed;
    this.timer = setTimeout(() => {
      this.timer = undefined;
      this.position = frame[0];
      this.writeUntil(this.position);
      this.changed();
      if (this.playing) this.schedule();
    }, wait);
  }
}
