/**
 * The window's broadcast actions, owned by the controller (`controller.broadcast`): broadcast on and
 * off, which hosts it reaches (a pane's include box, one group), and the answers to its guards (a
 * dangerous line held at Enter: run it, try it on one host, cancel; a multi-line paste: send or
 * cancel). The keys themselves go through the controller's key router, which these act on; after
 * a guard's button took the keyboard, it is given back to the terminal the keys came from.
 */
import type { Controller } from '../../app/controller';
import type { KeyRouter } from '../../app/keyRouter';
import { sessionsOutsideGroup } from '../../store/broadcastSlice';
import { groupMembers } from '../../store/hostsSlice';

export class BroadcastActions {
  constructor(
    private readonly controller: Controller,
    private readonly keys: KeyRouter,
  ) {}

  private get state() {
    return this.controller.store.getState();
  }

  /** Broadcast on or off; turning it off cancels a held line. */
  setOn(on: boolean): void {
    this.keys.setBroadcast(on);
  }

  /** A pane's host takes part in the broadcast, or not. */
  include(sessionId: string, included: boolean): void {
    this.state.setExcluded(sessionId, !included);
  }

  /** Broadcast to one group's hosts only (every other session excluded); null: to every host again. */
  onlyGroup(group: string | null): void {
    const s = this.state;
    if (group === null) {
      s.setExcludedOnly([]);
      return;
    }
    s.setExcludedOnly(sessionsOutsideGroup(s.sessionOrder, s.sessions, new Set(groupMembers(s.hosts, s.groups, group))));
  }

  /** The held line runs (everywhere, or on the rest after its canary). */
  runHeld(): void {
    const from = this.state.heldCommand?.from;
    this.keys.runHeld();
    this.refocus(from);
  }

  /** The held line runs on its first target only; the rest wait for runHeld or cancelHeld. */
  canaryHeld(): void {
    this.keys.canaryHeld();
  }

  cancelHeld(): void {
    const from = this.state.heldCommand?.from;
    this.keys.cancelHeld();
    this.refocus(from);
  }

  confirmPaste(): void {
    const from = this.state.pendingPaste?.fromSessionId;
    this.keys.confirmPaste();
    this.refocus(from);
  }

  cancelPaste(): void {
    const from = this.state.pendingPaste?.fromSessionId;
    this.keys.cancelPaste();
    this.refocus(from);
  }

  /** A guard took the keyboard (a confirm button, the count box); give it back to the terminal. */
  private refocus(sessionId: string | undefined): void {
    if (sessionId) this.controller.registry.focus(sessionId);
  }
}
