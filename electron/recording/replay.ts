/**
 * Reading terminal recordings back for a replay at a moment of the timeline: each asciicast v2
 * file of the incident that overlaps the moment, parsed and checked line by line, cut to the window
 * around the moment and to fixed bounds (shared/model/replay.ts), and compared with its seal.
 */
import { createHash } from 'node:crypto';
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { eventData, type JournalEvent } from '../../shared/model/incident';
import { MAX_PRELUDE_CHARS, MAX_REPLAY_CASTS, MAX_REPLAY_CHARS, MAX_REPLAY_FRAMES, type ReplayCast, type ReplayFrame } from '../../shared/model/replay';
import { recordingsDir } from '../core/data-layout';
import { UserError } from '../core/errors';

/** A recording file this large is not read for a replay (a runaway session); the error names it. */
export const MAX_CAST_BYTES = 256 * 1024 * 1024;

export interface CastHeader {
  version: 2;
  width: number;
  height: number;
  timestamp?: number;
  title?: string;
}

export interface ParsedCast {
  header: CastHeader;
  /** `[seconds, kind, data]` as stored; kinds other than o and r (input, markers) are skipped. */
  events: Array<[number, 'o' | 'r', string]>;
}

/** Parses an asciicast v2 file; a bad line is an error naming the file and the line. */
export function parseCast(text: string, name: string): ParsedCast {
  const lines = text.split('\n');
  let header: CastHeader;
  try {
    const h = JSON.parse(lines[0] ?? '') as Partial<CastHeader>;
    if (h.version !== 2 || !Number.isInteger(h.width) || !Number.isInteger(h.height) || h.width! < 1 || h.height! < 1) throw new Error('not an asciicast v2 header');
    header = { version: 2, width: h.width!, height: h.height!, ...(typeof h.timestamp === 'number' ? { timestamp: h.timestamp } : {}), ...(typeof h.title === 'string' ? { title: h.title } : {}) };
  } catch (err) {
    throw new UserError(`${name}:1: ${err instanceof Error ? err.message : String(err)}`);
  }
  const events: ParsedCast['events'] = [];
  let last = 0;
  for (let i = 1; i < lines.length; i++) {
    const line = lines[i]!;
    if (line.trim() === '') continue;
    let ev: unknown;
    try {
      ev = JSON.parse(line);
    } catch {
      // A torn last line (the session is still writing) is not an error; a torn line inside is.
      if (i === lines.length - 1) break;
      throw new UserError(`${name}:${i + 1}: not JSON`);
    }
    if (!Array.isArray(ev) || ev.length !== 3 || typeof ev[0] !== 'number' || !Number.isFinite(ev[0]) || ev[0] < 0 || typeof ev[1] !== 'string' || typeof ev[2] !== 'string') {
      throw new UserError(`${name}:${i + 1}: not an asciicast event [time, code, data]`);
    }
    if (ev[1] !== 'o' && ev[1] !== 'r') continue;
    // Times never run backwards in a recording; a clock step is clamped rather than reordered.
    last = Math.max(last, ev[0]);
    events.push([last, ev[1], ev[2]]);
  }
  return { header, events };
}

/**
 * When a recording began, in ms. The Recorder names its files `<alias>-<ISO stamp with - for : and .>-<id>.cast`,
 * which keeps the milliseconds the header's whole-second timestamp drops.
 */
export function castStart(file: string, header: CastHeader): number | undefined {
  const m = /-(\d{4}-\d{2}-\d{2})T(\d{2})-(\d{2})-(\d{2})-(\d{3})Z-[^-]*\.cast$/.exec(path.basename(file));
  if (m) {
    const ms = Date.parse(`${m[1]}T${m[2]}:${m[3]}:${m[4]}.${m[5]}Z`);
    if (!Number.isNaN(ms)) return ms;
  }
  return header.timestamp === undefined ? undefined : header.timestamp * 1000;
}

export interface ReplayRequest {
  dataDir: string;
  id: string;
  events: readonly JournalEvent[];
  /** The moment (ms since epoch) and the stretch around it. */
  fromMs: number;
  toMs: number;
}

/** The incident's recordings that overlap [fromMs, toMs], each cut to that window, by alias. */
export async function replayCasts(req: ReplayRequest): Promise<ReplayCast[]> {
  const dir = recordingsDir(req.dataDir, req.id);
  let names: string[];
  try {
    names = (await fs.readdir(dir)).filter((n) => n.endsWith('.cast')).sort();
  } catch {
    return [];
  }
  const seals = new Map<string, { sha256: string; bytes: number }>();
  for (const e of req.events) {
    const s = eventData(e, 'recording.sealed');
    if (s) seals.set(s.file, { sha256: s.sha256, bytes: s.bytes });
  }
  const out: ReplayCast[] = [];
  for (const name of names) {
    if (out.length >= MAX_REPLAY_CASTS) break;
    const full = path.join(dir, name);
    const st = await fs.lstat(full).catch(() => undefined);
    if (!st?.isFile()) continue;
    if (st.size > MAX_CAST_BYTES) throw new UserError(`${full}: ${st.size} bytes, more than a replay reads (${MAX_CAST_BYTES})`);
    const bytes = await fs.readFile(full);
    const parsed = parseCast(bytes.toString('utf8'), full);
    const start = castStart(name, parsed.header);
    if (start === undefined) continue;
    const cut = cutWindow(parsed, start, req.fromMs, req.toMs);
    if (!cut) continue;
    const file = `recordings/${name}`;
    const seal = seals.get(file);
    const sha256 = createHash('sha256').update(bytes).digest('hex');
    out.push({
      alias: parsed.header.title ?? name.replace(/\.cast$/, ''),
      file,
      startedAt: new Date(start).toISOString(),
      seal: !seal ? 'open' : seal.sha256 === sha256 && seal.bytes === bytes.length ? 'sealed' : 'changed',
      ...cut,
    });
  }
  return out;
}

/** The frames in the window (times in ms from fromMs), the output before it, and whether bounds cut any; undefined when the recording does not overlap the window. */
export function cutWindow(cast: ParsedCast, startMs: number, fromMs: number, toMs: number): { prelude: string; frames: ReplayFrame[]; truncated: boolean; width: number; height: number } | undefined {
  const lastMs = startMs + (cast.events.at(-1)?.[0] ?? 0) * 1000;
  if (startMs > toMs || lastMs < fromMs) return undefined;
  let before = '';
  let width = cast.header.width;
  let height = cast.header.height;
  const frames: ReplayFrame[] = [];
  let chars = 0;
  let truncated = false;
  for (const [t, kind, data] of cast.events) {
    const at = startMs + t * 1000;
    if (at < fromMs) {
      if (kind === 'o') before = (before + data).slice(-MAX_PRELUDE_CHARS);
      else {
        const m = /^(\d+)x(\d+)$/.exec(data);
        if (m) [width, height] = [Number(m[1]), Number(m[2])];
      }
      continue;
    }
    if (at > toMs) break;
    if (frames.length >= MAX_REPLAY_FRAMES || chars + data.length > MAX_REPLAY_CHARS) {
      truncated = true;
      break;
    }
    chars += data.length;
    frames.push([Math.round(at - fromMs), kind, data]);
  }
  // Cutting the prelude may split an escape sequence or a surrogate pair: start it at a line.
  if (before.length === MAX_PRELUDE_CHARS) before = before.slice(before.indexOf('\n') + 1);
  return { prelude: before, frames, truncated, width, height };
}
