/**
 * The practice drill ticks the Respond checklist by itself: the composed app on the real practice
 * fleet over real SSH, driven through its handlers as the window drives it, with a real journal.
 * Nobody ticks a box here; the fold reads what happened.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { evaluateChecklists, type ChecklistItemStatus } from '../../../shared/model/checklistState';
import type { ChecklistStatus } from '../../../shared/model/checklistState';
import { runInProcess } from '../cli/cli';
import { startAppOnPractice, type AppDriver, type AppOnPractice } from './driver';

describe('the Respond checklist on the practice drill', () => {
  let home: string;
  let driver: AppDriver;

  let env: AppOnPractice | undefined;

  beforeAll(async () => {
    // No hosts configured: the practice fleet starts on its own.
    env = await startAppOnPractice();
    ({ home, driver } = env);
  });
  afterAll(async () => {
    await env?.stop();
  });

  /** The Respond list as the window computes it: definitions from the app, events from the journal, the shared fold. */
  async function respond(): Promise<Record<string, ChecklistItemStatus>> {
    const { checklists } = await driver.call('checklist.definitions', {});
    const { events } = await driver.call('incident.active', {});
    const list = evaluateChecklists(checklists, events, new Date()).find((l) => l.id === 'respond');
    return Object.fromEntries((list?.items ?? []).map((i) => [i.id, i]));
  }
  const run = async (aliases: string[], command: string) => {
    const reply = await driver.call('fleet.run', { aliases, command });
    const { events } = await driver.call('incident.active', {});
    const recorded = events.findLast((e) => e.type === 'command.run' && e.data.line === command);
    expect(recorded, command).toBeDefined();
    return { reply, seq: recorded?.seq ?? 0 };
  };

  it('declaring, naming the commander, repairing web-02 and re-running the check tick Respond items by themselves', async () => {
    const incident = await driver.call('incident.declare', { title: 'Checkout 502s from web-02', severity: 'SEV2' });
    let s = await respond();
    expect(s.declare).toMatchObject({ done: true, cause: { seq: 1, by: 'rule' } });
    expect(Object.values(s).filter((i) => i.done)).toHaveLength(1);

    const role = await driver.call('incident.role', { role: 'commander', who: 'bob', action: 'assign' });
    expect((await respond()).commander).toMatchObject({ done: true, cause: { seq: role.seq, by: 'rule' } });

    // The check on two hosts: web-02's nginx is down (exit 3), and the blast radius is now established.
    const check = await run(['web-01', 'web-02'], 'systemctl status nginx');
    expect(check.reply.hosts.map((h) => [h.alias, h.exitCode])).toEqual([
      ['web-01', 0],
      ['web-02', 3],
    ]);
    s = await respond();
    expect(s.scope).toMatchObject({ done: true, cause: { seq: check.seq } });
    expect(s.verify?.done).toBe(false);

    // The repair (as the practice README gives it), then the same check on web-02 alone.
    expect((await run(['web-02'], 'truncate -s 0 /var/log/checkout/debug.log')).reply.exitCode).toBe(0);
    expect((await run(['web-02'], 'systemctl restart nginx')).reply.exitCode).toBe(0);
    expect((await respond()).verify?.done).toBe(false);
    const recheck = await run(['web-02'], 'systemctl status nginx');
    expect(recheck.reply.hosts.map((h) => [h.alias, h.exitCode])).toEqual([['web-02', 0]]);
    s = await respond();
    expect(s.verify).toMatchObject({ done: true, cause: { seq: recheck.seq, by: 'rule' } });

    // Recording the mitigation after that check asks for a check after it: verify waits for one.
    const mitigated = await driver.call('incident.milestone', { milestone: 'mitigated' });
    s = await respond();
    expect(s.stabilize).toMatchObject({ done: true, cause: { seq: mitigated.seq } });
    expect(s.verify).toMatchObject({ done: false, cause: { seq: mitigated.seq } });
    const after = await run(['web-02'], 'systemctl status nginx');
    expect((await respond()).verify).toMatchObject({ done: true, cause: { seq: after.seq } });

    // Nobody ticked anything by hand, and the CLI reads the same journal to the same answer.
    const { events } = await driver.call('incident.active', {});
    expect(events.filter((e) => e.type === 'checklist.tick')).toEqual([]);
    const cli = await runInProcess(['checklist', 'show', incident.id, '--json'], { WARROOM_HOME: home });
    expect(cli.stderr).toBe('');
    const fromCli = (JSON.parse(cli.stdout) as { checklists: ChecklistStatus[] }).checklists.find((l) => l.id === 'respond');
    expect(fromCli?.items.map((i) => [i.id, i.done, i.cause?.seq])).toEqual(Object.values(await respond()).map((i) => [i.id, i.done, i.cause?.seq]));
    expect(fromCli?.items.filter((i) => !i.done).map((i) => i.id)).toEqual(['comms']);
  });
});
