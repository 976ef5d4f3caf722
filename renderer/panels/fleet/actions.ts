/**
 * The window's fleet actions over the contract: reconnect, answer an authentication question, run
 * on targets. Every failure becomes a visible error line through the controller.
 */
import type { Controller } from '../../app/controller';
import type { AuthGroup } from './authGroups';

export async function reconnect(controller: Controller, sessionIds: readonly string[]): Promise<void> {
  if (sessionIds.length === 0) return;
  try {
    await controller.api.request('fleet.reconnect', { sessionIds: [...sessionIds] });
  } catch (err) {
    controller.fail('Reconnect', err);
  }
}

const ALREADY_SETTLED = /no authentication prompt .* is waiting/;

/**
 * Answers a question (or declines it with null). With `forAll`, every host shown in the group gets
 * the same answers: the Node side settles the hosts of the same connect at once, and hosts from
 * other connects are answered one by one. The answers are only held for the duration of this call.
 */
export async function answerAuth(controller: Controller, group: AuthGroup, answers: string[] | null, forAll: boolean): Promise<void> {
  const { api, store } = controller;
  const targets = forAll ? group.prompts : [group.first];
  for (const [i, p] of targets.entries()) {
    // A sibling settled by the first answer ("for all" in the same connect) is gone already.
    if (i > 0 && !store.getState().authPrompts.some((q) => q.promptId === p.promptId)) continue;
    try {
      await api.request('auth.answer', { promptId: p.promptId, answers, forAll });
      store.getState().removeAuthPrompt(p.promptId);
    } catch (err) {
      const message = err instanceof Error ? err.message : String(err);
      if (i > 0 && ALREADY_SETTLED.test(message)) continue;
      controller.fail(`Answer for ${p.alias}`, err);
    }
  }
}

/** Runs a command on the targets and keeps the reply (or the refusal) in the run slice. */
export async function runOnTargets(controller: Controller, command: string, aliases: readonly string[]): Promise<void> {
  const { api, store } = controller;
  const id = store.getState().beginRun(command, aliases, Date.now());
  try {
    const reply = await api.request('fleet.run', { command, aliases: [...aliases] });
    store.getState().finishRun(id, reply);
  } catch (err) {
    const message = err instanceof Error ? err.message : String(err);
    store.getState().failRun(id, message);
    controller.fail('Run on targets', err);
  }
}
