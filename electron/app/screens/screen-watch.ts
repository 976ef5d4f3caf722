/**
 * Watches the targets of each broadcast line until their output has settled (the next prompt shows,
 * or nothing arrived for quietMs), then groups them by what the line printed. It reads the output
 * on the Node side, so hosts whose panes are not rendered are grouped as well.
 *
 * Output is only appended as it arrives; looking for the next prompt is batched on a short timer
 * (checkMs) and reads only the lines not looked at before. Keystroke echoes arrive while lines are
 * watched (keys typed right after Enter, type-ahead), and with many lines watched on many hosts a
 * per-chunk scan of each target's recent output was the cost on that path (bench part latency).
 */
import type { ScreenGroups } from '../../../shared/model/screens';
import { groupOutputs, type HostOutput } from './group';
import { screenLines } from './screen-text';
import { PromptScan } from './prompt-scan';

export interface LineRef {
  /** The seq of the line's command.broadcast, when it reached the timeline. */
  seq?: number;
  /** Typed at a secret prompt: nothing about it is shown or recorded. */
  withheld: boolean;
}

export interface ScreenWatchOptions {
  /** The name a session shows and its other names (address). */
  names(sessionId: string): { host: string; names: string[] } | undefined;
  /** The session's output since its last line feed, to find the prompt the line was typed at. */
  lastLine(sessionId: string): string;
  /** A verdict is ready (strict grouping). */
  settled(verdict: ScreenGroups): void;
  /**
   * The session's output is held back (flow control paused it: the windows are behind), so a quiet
   * spell is no sign the command finished. Such a target is not settled by quietMs, only by the cap.
   */
  held?(sessionId: string): boolean;
  quietMs?: number;
  /** How long a target that printed nothing at all is waited for. */
  silentMs?: number;
  /** A command that never returns to a prompt is grouped by what it printed so far after this long. */
  maxMs?: number;
  /** How long output may wait before it is looked at for the next prompt (batched over chunks). */
  checkMs?: number;
}

interface Target {
  sessionId: string;
  /** Lines of the same input sent to this session before this one. */
  earlier: number;
  /** The prompt the line was typed at, to recognise the next one; '' when none could be read. */
  prompt: string;
  raw: string;
  /** The search for the next prompt, over what arrived since the last check. */
  scan: PromptScan;
  done: boolean;
  /** The next prompt showed (the command completed). */
  promptSeen: boolean;
  /** The user interrupted the session while the line ran. */
  interrupted: boolean;
  /** When output last arrived: a target still printing when the cap comes is left out of the groups. */
  outputAt: number;
  /** Its output was held back by flow control at a quiet spell: it was still printing. */
  held: boolean;
  timer: ReturnType<typeof setTimeout> | undefined;
}

interface Watch {
  lineId: number;
  line: string;
  targets: Map<string, Target>;
  ref: Promise<LineRef>;
  cap: ReturnType<typeof setTimeout>;
}

interface Captured {
  line: string;
  ref: number | undefined;
  outputs: HostOutput[];
  interrupted: string[];
  running: string[];
  chars: number;
}

/** How many settled lines can still be regrouped (the numbers option), within KEEP_CHARS of output. */
const KEEP = 32;
const KEEP_CHARS = 8 * 1024 * 1024;
/** A group's output as sent to windows: enough to read and compare, never a flood. */
export const EVENT_OUTPUT_CHARS = 64 * 1024;
/** Output kept per target and line: a flood is grouped by its start, and never held whole. */
const MAX_RAW = 256 * 1024;
/**
 * Whether the next prompt shows in all of a line's output at once: a line after the echoed command
 * line, within the last PROMPT_WINDOW chars, that starts with it. The watch finds the same as it
 * arrives (PromptScan).
 */
export function promptShows(raw: string, prompt: string): boolean {
  const scan = new PromptScan();
  scan.push(raw);
  return scan.check(prompt, screenLines);
}

/** The prompt part of the line the command was typed on: the command's own text (echoed so far) removed. */
export function promptOf(tail: string, line: string, typedBefore = ''): string {
  // Only the last line is read: this runs on Enter, for every target, over a scrollback of 64 KiB.
  let last = screenLines(tail.slice(tail.lastIndexOf('\n') + 1)).at(-1) ?? '';
  // What was on the line before this input, echoed, and erased by it (Ctrl-U, then the line and
  // Enter in one go: typed ahead or pasted) is no part of the prompt; left in, the next prompt
  // never matched and the line was watched until its output went quiet.
  if (typedBefore !== '' && last.endsWith(typedBefore)) last = last.slice(0, last.length - typedBefore.length);
  for (let k = Math.min(line.length, last.length); k > 0; k -= 1) {
    if (last.endsWith(line.slice(0, k))) return last.slice(0, last.length - k).trimEnd();
  }
  return last.trimEnd();
}

/**
 * What the command printed: the lines after its echo, up to the next prompt (or the unfinished last
 * line). `earlier` lines of the same input ran first: their prompts (each with the next command's
 * echo) are passed, and their output is not this line's.
 */
export function commandOutput(raw: string, prompt: string, earlier = 0): { output: string; promptSeen: boolean } {
  const lines = screenLines(raw);
  // The first line is the rest of the echoed command line.
  const body = lines.slice(1);
  let out: string[] = [];
  let skip = earlier;
  for (let i = 0; i < body.length; i += 1) {
    const l = body[i]!;
    if (prompt !== '' && l.startsWith(prompt)) {
      if (skip === 0) return { output: out.join('\n'), promptSeen: true };
      skip -= 1;
      out = [];
      continue;
    }
    // The unfinished last line is a prompt we could not recognise, or output still arriving.
    if (i === body.length - 1) break;
    out.push(l.trimEnd());
  }
  return { output: out.join('\n'), promptSeen: false };
}

export class ScreenWatch {
  private nextId = 1;
  private readonly watches = new Map<number, Watch>();
  private readonly bySession = new Map<string, Set<Watch>>();
  private readonly kept = new Map<number, Captured>();
  /** Watches with output not yet looked at for their next prompt, by target. */
  private readonly unchecked = new Map<Target, Watch>();
  private checkTimer: ReturnType<typeof setTimeout> | undefined;
  private readonly quietMs: number;
  private readonly silentMs: number;
  private readonly maxMs: number;
  private readonly checkMs: number;

  constructor(private readonly opts: ScreenWatchOptions) {
    this.quietMs = opts.quietMs ?? 300;
    this.silentMs = opts.silentMs ?? 3000;
    this.maxMs = opts.maxMs ?? 15_000;
    this.checkMs = opts.checkMs ?? 25;
  }

  /**
   * Starts watching a line just sent to these sessions; returns its line id. `earlier` says how many
   * lines of the same input (a paste) each session got before this one; `typedBefore`, what each
   * held typed on its line before this input.
   */
  watch(
    sessionIds: readonly string[],
    line: string,
    ref: Promise<LineRef>,
    earlier: (sessionId: string) => number = () => 0,
    typedBefore: (sessionId: string) => string = () => '',
  ): number {
    const lineId = this.nextId++;
    const watch: Watch = {
      lineId,
      line,
      ref,
      targets: new Map(),
      cap: setTimeout(() => this.finish(watch), this.maxMs),
    };
    for (const sessionId of sessionIds) {
      const target: Target = {
        sessionId,
        earlier: earlier(sessionId),
        prompt: promptOf(this.opts.lastLine(sessionId), line, typedBefore(sessionId)),
        raw: '',
        scan: new PromptScan(),
        done: false,
        promptSeen: false,
        interrupted: false,
        outputAt: 0,
        held: false,
        timer: undefined,
      };
      target.timer = setTimeout(() => this.silent(watch, target), this.silentMs);
      watch.targets.set(sessionId, target);
      const set = this.bySession.get(sessionId) ?? new Set();
      set.add(watch);
      this.bySession.set(sessionId, set);
    }
    this.watches.set(lineId, watch);
    return lineId;
  }

  /** Output of a session, as it arrives. */
  output(sessionId: string, data: string): void {
    const set = this.bySession.get(sessionId);
    if (!set) return;
    for (const watch of set) {
      const target = watch.targets.get(sessionId);
      if (!target || target.done) continue;
      target.outputAt = Date.now();
      if (target.raw.length < MAX_RAW) {
        const kept = data.slice(0, MAX_RAW - target.raw.length);
        target.raw += kept;
        if (target.earlier === 0) target.scan.push(kept);
      }
      this.unchecked.set(target, watch);
    }
    if (this.unchecked.size > 0) this.checkTimer ??= setTimeout(() => this.check(), this.checkMs);
  }

  /** Looks at the output that arrived since the last check: a target whose next prompt shows settles. */
  private check(): void {
    this.checkTimer = undefined;
    const due = [...this.unchecked];
    this.unchecked.clear();
    // Lines watched one after another on a session (type-ahead, keys right after Enter) all hold
    // the same new output: it is turned into screen lines once per check, not once per line.
    const cooked = new Map<string, string[]>();
    const lines = (text: string) => {
      let l = cooked.get(text);
      if (!l) cooked.set(text, (l = screenLines(text)));
      return l;
    };
    for (const [target, watch] of due) {
      if (target.done) continue;
      clearTimeout(target.timer);
      let seen: boolean;
      if (target.earlier === 0) {
        seen = target.scan.check(target.prompt, lines);
      } else {
        // After earlier lines of a paste, their prompts must be counted from the start (rare, so whole).
        seen = commandOutput(target.raw, target.prompt, target.earlier).promptSeen;
      }
      if (seen) {
        target.promptSeen = true;
        this.settle(watch, target);
      } else target.timer = setTimeout(() => this.quiet(watch, target), this.quietMs);
    }
  }

  /**
   * Nothing arrived for silentMs since the line was sent: settled with no output, unless output came
   * that the check has not looked at yet (this timer was due first: a process busy for that long,
   * or output just before the end of the spell); the check then waits for its quiet spell.
   */
  private silent(watch: Watch, target: Target): void {
    if (target.done || this.unchecked.has(target)) return;
    this.settle(watch, target);
  }

  /**
   * Nothing arrived for quietMs: settled, unless the output is only held back (a flood under flow
   * control), or there was more of it than the watch keeps and no prompt came: a flood's pause (a
   * busy process, a window catching up) is no sign it ended, and grouping it by where it happened
   * to pause would call it identical. Those settle at the prompt, the interrupt or the cap.
   */
  private quiet(watch: Watch, target: Target): void {
    // Output arrived since the last check, which is due and sets this timer again: not quiet.
    if (target.done || this.unchecked.has(target)) return;
    if (this.opts.held?.(target.sessionId) || target.raw.length >= MAX_RAW) {
      target.held = true;
      target.timer = setTimeout(() => this.quiet(watch, target), this.quietMs);
      return;
    }
    this.settle(watch, target);
  }

  /**
   * The user interrupted the session (Ctrl-C, Ctrl-\\, Ctrl-Z): a line still running there is cut
   * wherever the interrupt landed, so its output is no answer to compare; it settles apart.
   */
  interrupted(sessionId: string): void {
    for (const watch of this.bySession.get(sessionId) ?? []) {
      const target = watch.targets.get(sessionId);
      if (!target || target.done) continue;
      target.interrupted = true;
      this.unchecked.delete(target);
      this.settle(watch, target);
    }
  }

  /** A session went away: its part of a pending line settles with what it printed. */
  forget(sessionId: string): void {
    for (const watch of this.bySession.get(sessionId) ?? []) {
      const target = watch.targets.get(sessionId);
      if (target) this.settle(watch, target);
    }
    this.bySession.delete(sessionId);
  }

  /** A settled line grouped again, strictly or with numbers and host names as equal. */
  regroup(lineId: number, loose: boolean): ScreenGroups | undefined {
    const c = this.kept.get(lineId);
    if (!c) return undefined;
    const groups = groupOutputs(c.outputs, { loose }).map((g) => ({ ...g, output: g.output.slice(0, EVENT_OUTPUT_CHARS) }));
    return {
      lineId,
      line: c.line,
      ...(c.ref ? { ref: c.ref } : {}),
      loose,
      groups,
      ...(c.interrupted.length > 0 ? { interrupted: c.interrupted } : {}),
      ...(c.running.length > 0 ? { running: c.running } : {}),
    };
  }

  /** The verdict on the latest settled line, strict. */
  latest(): ScreenGroups | undefined {
    const last = [...this.kept.keys()].at(-1);
    return last === undefined ? undefined : this.regroup(last, false);
  }

  close(): void {
    clearTimeout(this.checkTimer);
    this.checkTimer = undefined;
    this.unchecked.clear();
    for (const watch of this.watches.values()) {
      clearTimeout(watch.cap);
      for (const t of watch.targets.values()) clearTimeout(t.timer);
    }
    this.watches.clear();
    this.bySession.clear();
  }

  private settle(watch: Watch, target: Target): void {
    if (target.done) return;
    target.done = true;
    clearTimeout(target.timer);
    this.bySession.get(target.sessionId)?.delete(watch);
    if ([...watch.targets.values()].every((t) => t.done)) this.finish(watch);
  }

  private finish(watch: Watch): void {
    if (!this.watches.delete(watch.lineId)) return;
    clearTimeout(watch.cap);
    const outputs: HostOutput[] = [];
    const interrupted: string[] = [];
    const running: string[] = [];
    const now = Date.now();
    for (const t of watch.targets.values()) {
      // At the cap: a target that printed within the last quietMs has not finished (a flood).
      const printing = !t.done && !t.promptSeen && ((t.outputAt > 0 && now - t.outputAt < this.quietMs) || t.held);
      if (!t.done) {
        t.done = true;
        clearTimeout(t.timer);
        this.bySession.get(t.sessionId)?.delete(watch);
      }
      const who = this.opts.names(t.sessionId);
      if (t.interrupted || printing) {
        (t.interrupted ? interrupted : running).push(who?.host ?? t.sessionId);
        continue;
      }
      outputs.push({ sessionId: t.sessionId, host: who?.host ?? t.sessionId, names: who?.names ?? [], output: commandOutput(t.raw, t.prompt, t.earlier).output });
    }
    void watch.ref.then(({ seq, withheld }) => {
      if (withheld) return;
      this.kept.set(watch.lineId, { line: watch.line, ref: seq, outputs, interrupted, running, chars: outputs.reduce((n, o) => n + o.output.length, 0) });
      let chars = [...this.kept.values()].reduce((n, c) => n + c.chars, 0);
      for (const [id, c] of this.kept) {
        if (this.kept.size <= 1 || (this.kept.size <= KEEP && chars <= KEEP_CHARS)) break;
        this.kept.delete(id);
        chars -= c.chars;
      }
      this.opts.settled(this.regroup(watch.lineId, false)!);
    });
  }
}
