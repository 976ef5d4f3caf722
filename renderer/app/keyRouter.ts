import type { WarroomStore } from '../store';
import { LineEditor, inputLineCount } from '../../shared/input/lineEditor';
import { broadcastPlan, inputTargets } from '../store/broadcastSlice';
import { DANGER_GUARD_MIN_TARGETS, dangerOf } from './lineGuard';

/**
 * Where keys go: to one pane's session, or once to every broadcast target, through the guards
 * (multi-line paste, dangerous line at Enter, canary). Pure over the store, so tests drive it
 * with a real store and see exactly what would be sent.
 */
export class KeyRouter {
  /**
   * The line being typed into the broadcast, for the dangerous-command guard. The shell is the
   * truth; this is a guard, not a record (the Node side records what was sent).
   */
  private readonly line = new LineEditor();

  constructor(
    private readonly store: WarroomStore,
    /** Sends keys to sessions, in order (the input queue). */
    private readonly input: { push(sessionIds: readonly string[], data: string): void },
  ) {}

  /** Keys from a pane: one request to the broadcast targets, or to the pane's own session. */
  typed(sessionId: string, data: string): void {
    const state = this.store.getState();
    if (!state.broadcastOn) {
      const info = state.sessions[sessionId];
      if (info && info.state !== 'ready') {
        // The Node side drops keys for a shell that is not there yet (or any more): say so.
        state.reportError(`${info.alias} is ${info.state}: keys typed there are not sent`);
        return;
      }
      this.input.push([sessionId], data);
      return;
    }
    if (state.heldCommand) {
      // Ctrl-C is never held back: it drops the held line and goes to every target, abandoning the
      // line where it is typed, interrupting the canary's command where it runs.
      if (data !== '\x03') {
        state.reportError('A dangerous command is waiting in the broadcast bar: run it, try it on one host, or cancel it first');
        return;
      }
      state.setHeldCommand(null);
    }
    const plan = broadcastPlan(state.sessionOrder, state.sessions, state.excluded);
    const targets = inputTargets(sessionId, true, plan);
    const lines = inputLineCount(data);
    if (lines > 1) {
      // The blast radius of a pasted script is every target: ask first, in the broadcast bar.
      const danger = data.split(/\r\n|\r|\n/).map(dangerOf).find((d) => d !== undefined);
      state.setPendingPaste({ data, lines, fromSessionId: sessionId, danger });
      return;
    }
    const enter = data.indexOf('\r');
    if (enter === -1) {
      this.line.feed(data);
      this.sendBroadcast(targets, data);
      return;
    }
    const before = data.slice(0, enter);
    this.line.feed(before);
    const reason = dangerOf(this.line.line);
    if (reason && targets.length >= DANGER_GUARD_MIN_TARGETS) {
      // The text goes out (each prompt shows it); only the Enter waits for the user's word.
      if (before) this.sendBroadcast(targets, before);
      state.setHeldCommand({ line: this.line.line, reason, uncertain: this.line.uncertain, targets, from: sessionId, phase: 'confirm' });
      this.line.reset();
      return;
    }
    this.line.reset();
    this.line.feed(data.slice(enter + 1));
    this.sendBroadcast(targets, data);
  }

  setBroadcast(on: boolean): void {
    const state = this.store.getState();
    if (!on && state.heldCommand) this.cancelHeld();
    this.line.reset();
    state.setBroadcast(on);
  }

  /**
   * Runs the held line. Keys go to exactly the set they were typed into when it is unchanged, so
   * the Node side records one line with every host; otherwise the line is cleared and typed again
   * for the hosts that are left (the canary's rest, or targets that went down meanwhile).
   */
  runHeld(): void {
    const held = this.takeHeld();
    if (!held) return;
    if (held.phase === 'canary') {
      this.sendBroadcast(this.stillReady(held.targets.filter((id) => id !== held.canary)), `${held.line}\r`);
      return;
    }
    const ready = this.stillReady(held.targets);
    if (ready.length === held.targets.length || held.uncertain) {
      this.sendBroadcast(ready, '\r');
      return;
    }
    if (ready.length > 0) this.input.push(ready, '\x15');
    this.sendBroadcast(ready, `${held.line}\r`);
  }

  /**
   * Runs the held line on the first target only, and waits for the user to look at it. The line is
   * cleared everywhere and typed again on the canary, so each step is its own line on the timeline.
   */
  canaryHeld(): void {
    const state = this.store.getState();
    const held = state.heldCommand;
    if (!held || held.phase !== 'confirm') return;
    if (held.uncertain) {
      state.reportError('Canary needs the exact line, and this one was edited with cursor keys or completion: run it or cancel it');
      return;
    }
    const ready = this.stillReady(held.targets);
    const [first] = ready;
    if (!first) {
      state.reportError('No target of the held command is ready any more');
      return;
    }
    state.setHeldCommand({ ...held, phase: 'canary', canary: first });
    this.input.push(ready, '\x15');
    this.input.push([first], `${held.line}\r`);
  }

  /** Drops the held line: the typed text is cleared from every prompt that still shows it. */
  cancelHeld(): void {
    const held = this.takeHeld();
    // After a canary the other prompts were already cleared.
    if (!held || held.phase === 'canary') return;
    const ready = this.stillReady(held.targets);
    if (ready.length > 0) this.input.push(ready, '\x15');
  }

  private takeHeld() {
    const state = this.store.getState();
    const held = state.heldCommand;
    state.setHeldCommand(null);
    return held;
  }

  private stillReady(ids: readonly string[]): string[] {
    const { sessions } = this.store.getState();
    return ids.filter((id) => sessions[id]?.state === 'ready');
  }

  confirmPaste(): void {
    const state = this.store.getState();
    const paste = state.pendingPaste;
    if (!paste) return;
    state.setPendingPaste(null);
    if (!state.broadcastOn) {
      this.input.push([paste.fromSessionId], paste.data);
      return;
    }
    const plan = broadcastPlan(state.sessionOrder, state.sessions, state.excluded);
    this.line.reset();
    this.sendBroadcast(inputTargets(paste.fromSessionId, true, plan), paste.data);
  }

  cancelPaste(): void {
    this.store.getState().setPendingPaste(null);
  }

  private sendBroadcast(targets: string[], data: string): void {
    if (targets.length === 0) {
      this.store.getState().reportError('Broadcast is on but no host is ready to receive keys: nothing was sent');
      return;
    }
    this.input.push(targets, data);
  }
}
