import { describe, expect, it } from 'vitest';
import { FrameWork, OPEN_BUDGET_MS } from '../../../renderer/terminals/frameWork';

/** A FrameWork whose frames run when the test says, with a clock each open advances by `openMs`. */
function harness(openMs: number, opts: { failOpen?: Set<string> } = {}) {
  const frames: (() => void)[] = [];
  const log: string[] = [];
  let clock = 0;
  const work = new FrameWork({
    schedule: (run) => frames.push(run),
    now: () => clock,
    measure: (id) => {
      log.push(`measure ${id}`);
      return id === 'none' ? undefined : { cols: 80, rows: 24 };
    },
    resize: (id) => log.push(`resize ${id}`),
    open: (id) => {
      clock += openMs;
      if (opts.failOpen?.has(id)) return false;
      log.push(`open ${id}`);
      return true;
    },
  });
  const frame = () => {
    const run = frames.shift();
    if (!run) throw new Error('no frame scheduled');
    run();
  };
  return { work, frames, log, frame };
}

describe('FrameWork', () => {
  it('opens terminals in the order asked, as many per frame as the budget allows, and at least one', () => {
    const { work, frames, log, frame } = harness(3);
    for (const id of ['a', 'b', 'c', 'd', 'e']) work.open(id);
    expect(frames).toHaveLength(1);
    frame();
    // 3 ms each: a, b, c fit in 8 ms (the check is before each open after the first).
    const perFrame = Math.ceil(OPEN_BUDGET_MS / 3);
    expect(log).toEqual(['open a', 'open b', 'open c'].slice(0, perFrame));
    expect(frames).toHaveLength(1);
    frame();
    expect(log).toEqual(['open a', 'open b', 'open c', 'open d', 'open e']);
    expect(frames).toHaveLength(0);
  });

  it('opens one per frame when a single open takes longer than the budget', () => {
    const { work, log, frame, frames } = harness(40);
    work.open('a');
    work.open('b');
    frame();
    expect(log).toEqual(['open a']);
    frame();
    expect(log).toEqual(['open a', 'open b']);
    expect(frames).toHaveLength(0);
  });

  it('measures every pane that asked before resizing any, then opens', () => {
    const { work, log, frame } = harness(1);
    work.open('c');
    work.fit('a');
    work.fit('b');
    work.fit('none');
    work.fit('a');
    frame();
    expect(log).toEqual(['measure a', 'measure b', 'measure none', 'resize a', 'resize b', 'open c']);
  });

  it('drops an open cancelled before its turn, and a failed open does not use up the frame', () => {
    const { work, log, frame } = harness(1, { failOpen: new Set(['gone']) });
    work.open('a');
    work.open('b');
    work.cancelOpen('a');
    work.open('gone');
    work.open('c');
    frame();
    expect(log).toEqual(['open b', 'open c']);
    expect(work.pendingOpens()).toEqual([]);
  });

  it('forgets a closed session, and schedules one frame however much is asked', () => {
    const { work, frames, log, frame } = harness(1);
    work.open('a');
    work.fit('a');
    work.open('b');
    work.forget('a');
    expect(frames).toHaveLength(1);
    frame();
    expect(log).toEqual(['open b']);
  });
});
