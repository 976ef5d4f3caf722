/**
 * Bytes as they arrive, up to a limit, and the last few of them: memory stays bounded however much
 * a host prints. Several captures may share one chunk (it is not copied).
 */
export class Capture {
  private readonly kept: Buffer[] = [];
  private keptBytes = 0;
  private last: Buffer[] = [];
  private lastBytes = 0;
  /** Bytes past the limit, counted only. */
  dropped = 0;
  private seen = 0;

  constructor(private readonly limit: number, private readonly tailBytes = 0) {}

  push(b: Buffer): void {
    this.seen += b.length;
    const room = this.limit - this.keptBytes;
    if (room > 0) {
      const part = b.length <= room ? b : b.subarray(0, room);
      this.kept.push(part);
      this.keptBytes += part.length;
    }
    this.dropped += Math.max(0, b.length - Math.max(0, room));
    if (this.tailBytes > 0) {
      this.last.push(b);
      this.lastBytes += b.length;
      while (this.last.length > 1 && this.lastBytes - this.last[0]!.length >= this.tailBytes) this.lastBytes -= this.last.shift()!.length;
    }
  }

  bytes(): Buffer {
    return Buffer.concat(this.kept);
  }

  /**
   * The last tailBytes as text. A cut through a UTF-8 sequence at the start is skipped rather than
   * shown as a replacement character.
   */
  tail(): string {
    let buf = Buffer.concat(this.last);
    if (buf.length > this.tailBytes) buf = buf.subarray(buf.length - this.tailBytes);
    // Bytes came before these (the tail was cut, or older chunks dropped): a partial character may lead.
    if (buf.length < this.seen) {
      let skip = 0;
      while (skip < 3 && skip < buf.length && (buf[skip]! & 0xc0) === 0x80) skip++;
      buf = buf.subarray(skip);
    }
    return buf.toString('utf8');
  }
}
