/**
 * The window's fleet actions over the contract, owned by the controller (`controller.fleet`):
 * connect, disconnect, reconnect, close a pane, answer a host key or an authentication question,
 * run on targets and cancel it. Every failure becomes a visible error line through the controller.
 */
import type { HostKeyDecision } from '../../../shared/model/host';
import type { Controller } from '../../app/controller';
import { isLive } from '../../store/sessionsSlice';
import type { AuthGroup } from './authGroups';

const ALREADY_SETTLED = /no authentication prompt .* is waiting/;

export class FleetActions {
  constructor(private readonly controller: Controller) {}

  private get state() {
    return this.controller.store.getState();
  }

  /** Connects hosts that have no live session yet; a host already connected is not doubled. */
  async connect(aliases: readonly string[]): Promise<void> {
    const { sessions } = this.state;
    const live = new Set(Object.values(sessions).filter((s) => isLive(s.state)).map((s) => s.alias));
    const wanted = [...new Set(aliases)].filter((a) => !live.has(a));
    if (wanted.length === 0) {
      this.state.reportError(aliases.length === 0 ? 'No hosts to connect' : 'Every chosen host is already connected');
      return;
    }
    const paneCount = Object.values(sessions).filter((s) => s.state !== 'closed').length + wanted.length;
    const size = this.controller.paneSize(paneCount);
    try {
      const reply = await this.controller.api.request('fleet.connect', { aliases: wanted, cols: size.cols, rows: size.rows });
      // A host connected again replaces its dead pane rather than leaving a stale one beside it.
      const renewed = new Set(reply.sessions.map((s) => s.alias));
      for (const old of Object.values(this.state.sessions)) {
        if (renewed.has(old.alias) && !isLive(old.state)) this.closePane(old.sessionId);
      }
      this.state.upsertSessions(reply.sessions);
      for (const s of reply.sessions) this.controller.sizeSent(s.sessionId, size);
    } catch (err) {
      this.controller.fail('Connect', err);
    }
  }

  async disconnect(sessionId: string): Promise<void> {
    try {
      await this.controller.api.request('fleet.disconnect', { sessionIds: [sessionId] });
    } catch (err) {
      this.controller.fail('Disconnect', err);
    }
  }

  async reconnect(sessionIds: readonly string[]): Promise<void> {
    if (sessionIds.length === 0) return;
    try {
      await this.controller.api.request('fleet.reconnect', { sessionIds: [...sessionIds] });
    } catch (err) {
      this.controller.fail('Reconnect', err);
    }
  }

  /** Takes a finished session's pane away; its terminal buffer goes with it. */
  closePane(sessionId: string): void {
    this.state.removeSession(sessionId);
    this.state.setExcluded(sessionId, false);
    this.controller.registry.dispose(sessionId);
  }

  async answerHostKey(promptId: string, decision: HostKeyDecision): Promise<void> {
    try {
      await this.controller.api.request('hostkey.answer', { promptId, decision });
      this.state.removeHostKeyPrompt(promptId);
    } catch (err) {
      this.controller.fail('Host key answer', err);
    }
  }

  /**
   * Answers a question (or declines it with null). With `forAll`, every host shown in the group gets
   * the same answers: the Node side settles the hosts of the same connect at once, and hosts from
   * other connects are answered one by one. The answers are only held for the duration of this call.
   */
  async answerAuth(group: AuthGroup, answers: string[] | null, forAll: boolean): Promise<void> {
    const targets = forAll ? group.prompts : [group.first];
    for (const [i, p] of targets.entries()) {
      // A sibling settled by the first answer ("for all" in the same connect) is gone already.
      if (i > 0 && !this.state.authPrompts.some((q) => q.promptId === p.promptId)) continue;
      try {
        await this.controller.api.request('auth.answer', { promptId: p.promptId, answers, forAll });
        this.state.removeAuthPrompt(p.promptId);
      } catch (err) {
        const message = err instanceof Error ? err.message : String(err);
        if (i > 0 && ALREADY_SETTLED.test(message)) continue;
        this.controller.fail(`Answer for ${p.alias}`, err);
      }
    }
  }

  /**
   * Runs a command on the targets and keeps the reply (or the refusal) in the run slice; each host's
   * result arrives before it (run.host events, see the controller).
   */
  async run(command: string, aliases: readonly string[]): Promise<void> {
    const { id, runId } = this.state.beginRun(command, aliases, Date.now());
    try {
      const reply = await this.controller.api.request('fleet.run', { runId, command, aliases: [...aliases] });
      this.state.finishRun(id, reply);
    } catch (err) {
      const message = err instanceof Error ? err.message : String(err);
      this.state.failRun(id, message);
      this.controller.fail('Run on targets', err);
    }
  }

  /** Cancels the run in flight: its hosts not done yet end as cancelled, and the reply follows. */
  async cancelRun(): Promise<void> {
    const run = this.state.run;
    if (!run || run.status !== 'running') return;
    this.state.setRunCancelling(run.id);
    try {
      await this.controller.api.request('fleet.runCancel', { runId: run.runId });
    } catch (err) {
      this.controller.fail('Cancel the run', err);
    }
  }
}
