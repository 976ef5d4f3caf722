/**
 * The window's loader of a big journal (renderer/app/timelinePages.ts) with the window's store:
 * the newest page first, a cited old event at once, every event in the end with the live ones
 * that arrived meanwhile, and a switch to another incident ends the old loop. The Node side is
 * stood in for at the contract boundary: inputs and replies are checked against the contract and
 * the pages are cut from one journal as electron/incident/service.ts cuts them (the same requests
 * against the composed app: test/electron/app/timeline-pages.test.ts; in Chromium:
 * test/e2e/big-incident.test.ts).
 */
import { describe, expect, it } from 'vitest';
import { contract, type EventName, type EventPayload, type RequestInput, type RequestName, type RequestOutput, type WarroomApi } from '../../../shared/contract';
import type { Incident, JournalEvent } from '../../../shared/model/incident';
import { createWarroomStore } from '../../../renderer/store';
import { FIRST_PAGE, OLDER_PAGE, TimelinePages, has } from '../../../renderer/app/timelinePages';
import { BUILT_IN_CHECKLISTS } from '../../../shared/model/checklistBuiltins';
import { foldPanels } from '../../../shared/model/panelFolds';

const HASH = 'a'.repeat(64);
const incident = (id: string): Incident => ({ id, title: 'big', severity: 'SEV3', status: 'investigating', commander: 'ann', startedAt: '2026-11-25T10:00:00.000Z', eventCount: 1 });
const note = (seq: number): JournalEvent => ({ seq, ts: '2026-11-25T10:00:00.000Z', type: 'note', actor: 'ann', data: { text: `n${seq}` }, prev: HASH, hash: HASH });

function nodeSide(count: number) {
  let active = incident('INC-A');
  const journal = Array.from({ length: count }, (_, i) => note(i + 1));
  const asked: Array<{ name: string; input: unknown }> = [];
  const listeners = new Set<(e: JournalEvent) => void>();
  /** Replies wait here until released, so the test sees the window between pages. */
  let gate: Promise<void> = Promise.resolve();
  const handlers: Partial<{ [K in RequestName]: (input: RequestInput<K>) => RequestOutput<K> }> = {
    'incident.active': ({ tail }) => ({
      incident: active,
      events: tail === undefined ? [...journal] : journal.slice(-tail),
      integrity: null,
      total: journal.length,
      // As electron/incident/service.ts: the panels' folds with a partial reply.
      ...(tail !== undefined && tail < journal.length ? { folds: foldPanels(BUILT_IN_CHECKLISTS, journal, journal.length) } : {}),
    }),
    'timeline.page': ({ incident: id, before, limit }) => {
      if (id !== active.id) throw new Error(`incident ${id} is not the active incident any more`);
      const end = journal.findIndex((e) => e.seq >= before);
      const stop = end < 0 ? journal.length : end;
      return { events: journal.slice(Math.max(0, stop - limit), stop) };
    },
  };
  const api: WarroomApi = {
    async request<K extends RequestName>(name: K, input: RequestInput<K>): Promise<RequestOutput<K>> {
      asked.push({ name, input });
      const parsed = contract.requests[name].input.parse(input) as RequestInput<K>;
      await gate;
      const handler = handlers[name] as ((i: RequestInput<K>) => RequestOutput<K>) | undefined;
      if (!handler) throw new Error(`${name} refused`);
      return contract.requests[name].output.parse(handler(parsed)) as RequestOutput<K>;
    },
    on<E extends EventName>(name: E, listener: (payload: EventPayload<E>) => void) {
      if (name !== 'timeline.append') return () => undefined;
      const l = listener as (e: JournalEvent) => void;
      listeners.add(l);
      return () => listeners.delete(l);
    },
  };
  return {
    api,
    asked,
    journal,
    append() {
      const e = note(journal.length + 1);
      journal.push(e);
      for (const l of listeners) l(e);
      return e;
    },
    hold(): () => void {
      let release = () => undefined as void;
      gate = new Promise<void>((r) => (release = r));
      return release;
    },
    switchTo(id: string) {
      active = incident(id);
      journal.splice(0, journal.length, ...Array.from({ length: 30 }, (_, i) => note(i + 1)));
    },
  };
}

function window(node: ReturnType<typeof nodeSide>) {
  const store = createWarroomStore();
  const failures: string[] = [];
  const loader = new TimelinePages(node.api, store, (what, err) => failures.push(`${what}: ${String(err)}`));
  node.api.on('timeline.append', (e) => store.getState().addEvents([e]));
  return { store, loader, failures };
}

describe("the window's loader of a big journal", () => {
  it('shows the newest page first, then fetches the older pages until it holds the whole journal with the live events', async () => {
    const node = nodeSide(3 * OLDER_PAGE + 123);
    const { store, loader, failures } = window(node);
    const release = node.hold();
    const opened = loader.open();
    release();
    await opened;
    expect(node.asked[0]).toEqual({ name: 'incident.active', input: { tail: FIRST_PAGE } });
    expect(store.getState().events.map((e) => e.seq)).toEqual(node.journal.slice(-FIRST_PAGE).map((e) => e.seq));
    expect(store.getState().olderThan).toBe(node.journal.length - FIRST_PAGE + 1);
    // The panels read the Node side's folds of the whole journal meanwhile; not another incident's.
    const folds = foldPanels(BUILT_IN_CHECKLISTS, node.journal, node.journal.length);
    expect(store.getState().panelFolds).toEqual(folds);
    store.getState().setPanelFolds('INC-Z', { ...folds, head: 1 });
    expect(store.getState().panelFolds?.head).toBe(node.journal.length);
    // A live event while pages are still to come.
    const live = node.append();
    await expect.poll(() => store.getState().olderThan).toBeNull();
    // Every event here: the window folds its own, and late folds are not kept.
    expect(store.getState().panelFolds).toBeNull();
    store.getState().setPanelFolds('INC-A', folds);
    expect(store.getState().panelFolds).toBeNull();
    expect(store.getState().events).toEqual(node.journal);
    expect(has(store.getState().events, live.seq)).toBe(true);
    const pages = node.asked.filter((a) => a.name === 'timeline.page');
    expect(pages.length).toBe(Math.ceil((3 * OLDER_PAGE + 123 - FIRST_PAGE) / OLDER_PAGE));
    expect(pages.every((p) => (p.input as { limit: number }).limit === OLDER_PAGE)).toBe(true);
    expect(failures).toEqual([]);
  });

  it('fetches a cited event that is not loaded yet at once, with its neighbours', async () => {
    const node = nodeSide(3 * OLDER_PAGE);
    const { store, loader, failures } = window(node);
    await loader.open();
    // The background loop is one turn behind: the citation goes first.
    await loader.reveal(12);
    const seqs = store.getState().events.map((e) => e.seq);
    expect(seqs).toContain(12);
    expect(seqs).toContain(1);
    expect(seqs).toContain(62);
    expect(seqs).not.toContain(63);
    // Loaded events ask nothing.
    const before = node.asked.length;
    await loader.reveal(node.journal.length);
    await loader.reveal(12);
    expect(node.asked.slice(before).filter((a) => a.name === 'timeline.page' && (a.input as { limit: number }).limit !== OLDER_PAGE)).toEqual([]);
    await expect.poll(() => store.getState().olderThan).toBeNull();
    expect(store.getState().events).toEqual(node.journal);
    expect(failures).toEqual([]);
  });

  it('another incident made active ends the old loop without an error, and its journal is loaded whole', async () => {
    const node = nodeSide(5 * OLDER_PAGE);
    const { store, loader, failures } = window(node);
    await loader.open();
    expect(store.getState().panelFolds).not.toBeNull();
    node.switchTo('INC-B');
    await loader.open();
    expect(store.getState().incident?.id).toBe('INC-B');
    // INC-B came whole: no folds of INC-A stay behind.
    expect(store.getState().panelFolds).toBeNull();
    expect(store.getState().events.map((e) => e.seq)).toEqual(node.journal.map((e) => e.seq));
    expect(store.getState().olderThan).toBeNull();
    // Give the old loop turns to run: it must not bring INC-A's events into INC-B.
    await new Promise((r) => setTimeout(r, 0));
    await new Promise((r) => setTimeout(r, 0));
    expect(store.getState().events).toHaveLength(30);
    expect(failures).toEqual([]);
  });
});
