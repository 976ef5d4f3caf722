import { describe, expect, it } from 'vitest';
import { BEHIND_SHOWN_CHARS, FlowNotes } from '../../../renderer/terminals/flowNotes';
import { sizeText as amount } from '../../../shared/model/size';

function harness() {
  const scheduled: (() => void)[] = [];
  const notes = new FlowNotes((run) => scheduled.push(run));
  let calls = 0;
  notes.subscribe(() => calls++);
  return { notes, scheduled, calls: () => calls };
}

describe('FlowNotes: what a pane header says about its flow', () => {
  it('says how far behind a pane is once that is worth saying, and nothing once it caught up', () => {
    const { notes } = harness();
    notes.received('s', BEHIND_SHOWN_CHARS - 1);
    expect(notes.text('s')).toBe('');
    notes.received('s', 120 * 1024 - BEHIND_SHOWN_CHARS + 1);
    expect(notes.text('s')).toBe('behind 120 KB');
    notes.parsed('s', 120 * 1024);
    expect(notes.text('s')).toBe('');
  });

  it('adds up what was skipped, and a repaint clears what was behind', () => {
    const { notes } = harness();
    notes.received('s', 200_000);
    notes.skipped('s', 12_400_000);
    expect(notes.text('s')).toBe('skipped 11.8 MB, behind 195 KB');
    notes.caughtUp('s');
    expect(notes.text('s')).toBe('skipped 11.8 MB');
    notes.forget('s');
    expect(notes.text('s')).toBe('');
  });

  it('tells listeners once per scheduled frame, however many writes came', () => {
    const { notes, scheduled, calls } = harness();
    for (let i = 0; i < 100; i++) notes.received('s', 10);
    expect(scheduled).toHaveLength(1);
    expect(calls()).toBe(0);
    scheduled[0]!();
    expect(calls()).toBe(1);
    notes.parsed('s', 10);
    expect(scheduled).toHaveLength(2);
  });

  it('sizes read as bytes, KB and MB', () => {
    expect(amount(900)).toBe('900 B');
    expect(amount(8192)).toBe('8 KB');
    expect(amount(3 * 1024 * 1024)).toBe('3.0 MB');
  });
});
