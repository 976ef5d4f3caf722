/**
 * controller.writeup: unsaved text survives a reload (page storage keyed by incident, section and
 * base), saves carry the version they were edited from, a refused save becomes a conflict with both
 * texts that the user resolves. The Node side is stood in for at the contract boundary by a journal
 * of real event shapes folded with the shared fold, and the same base check the journal lock runs.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { EventName, EventPayload, RequestInput, RequestName, RequestOutput, WarroomApi } from '../../../shared/contract';
import type { Incident, JournalEvent } from '../../../shared/model/incident';
import { DEFAULT_TEMPLATE } from '../../../shared/model/writeup';
import { currentVersion, writeupSections } from '../../../shared/writeup/document';
import { Controller } from '../../../renderer/app/controller';
import { createWarroomStore } from '../../../renderer/store';
import type { DraftStorage } from '../../../renderer/panels/writeup/localDrafts';

const HASH = 'a'.repeat(64);
const INCIDENT: Incident = { id: 'inc-1', title: 'Queue backlog', severity: 'SEV2', status: 'investigating', commander: 'ann', startedAt: '2026-11-25T10:00:00.000Z', eventCount: 1 };

function memoryStorage(): DraftStorage & { map: Map<string, string> } {
  const map = new Map<string, string>();
  return { map, getItem: (k) => map.get(k) ?? null, setItem: (k, v) => void map.set(k, v), removeItem: (k) => void map.delete(k), get length() { return map.size; }, key: (i) => [...map.keys()][i] ?? null };
}

function nodeSide() {
  const events: JournalEvent[] = [{ seq: 1, ts: INCIDENT.startedAt, type: 'incident.declared', actor: 'ann', data: { id: 'inc-1', title: 'Queue backlog', severity: 'SEV2', commander: 'ann' }, prev: HASH, hash: HASH }];
  const saves: Array<RequestInput<'writeup.save'>> = [];
  const saveAs = (actor: string, section: 'summary' | 'impact', text: string, base: number | null) => {
    const e: JournalEvent = { seq: events.length + 1, ts: '2026-11-25T10:05:00.000Z', type: 'writeup.saved', actor, data: { section, text, base, origin: 'person' }, prev: HASH, hash: HASH };
    events.push(e);
    return e;
  };
  const replies: Partial<{ [K in RequestName]: (input: RequestInput<K>) => RequestOutput<K> }> = {
    'incident.details': () => ({ details: null }),
    'writeup.get': () => ({ sections: writeupSections(events, DEFAULT_TEMPLATE) }),
    'writeup.save': (input) => {
      saves.push(input);
      const current = currentVersion(events, input.section);
      if ((current?.seq ?? null) !== input.base) {
        return { result: 'conflict', conflict: { section: input.section, theirs: { seq: current?.seq ?? null, text: current?.text ?? '', actor: current?.actor ?? '', ts: current?.ts ?? '' }, yours: { base: input.base, text: input.text } } };
      }
      const event = saveAs('ann', input.section as 'summary', input.text, input.base);
      const section = writeupSections(events, DEFAULT_TEMPLATE).find((s) => s.id === input.section);
      if (!section) throw new Error('no section');
      return { result: 'saved', event, section };
    },
  };
  const api: WarroomApi = {
    async request<K extends RequestName>(name: K, input: RequestInput<K>): Promise<RequestOutput<K>> {
      const reply = replies[name] as ((i: RequestInput<K>) => RequestOutput<K>) | undefined;
      if (!reply) throw new Error(`${name} refused`);
      return reply(input);
    },
    on<E extends EventName>(_name: E, _listener: (payload: EventPayload<E>) => void) {
      return () => undefined;
    },
  };
  return { api, events, saves, saveAs };
}

describe('controller.writeup', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  async function window(node: ReturnType<typeof nodeSide>, storage: DraftStorage) {
    const store = createWarroomStore();
    const controller = new Controller(node.api, store, storage);
    controller.start(() => () => undefined);
    store.getState().setLink({ kind: 'open' });
    store.getState().setIncident(INCIDENT, [...node.events]);
    await vi.runAllTimersAsync();
    return { store, controller };
  }

  it('keeps typed text across a reload, then saves it with the version it was edited from', async () => {
    const node = nodeSide();
    const storage = memoryStorage();
    const first = await window(node, storage);
    first.controller.writeup.edit('summary', 'Consumers stalled for 20 minutes.');
    first.controller.stop();

    const reloaded = await window(node, storage);
    expect(reloaded.store.getState().writeupUnsaved.summary).toBe('Consumers stalled for 20 minutes.');
    expect(await reloaded.controller.writeup.save('summary')).toBe('saved');
    expect(node.saves).toEqual([{ section: 'summary', text: 'Consumers stalled for 20 minutes.', base: null }]);
    expect(storage.map.size).toBe(0);
    expect(reloaded.store.getState().writeup?.sections[0]).toMatchObject({ id: 'summary', state: 'person', version: 2 });
    reloaded.controller.stop();
  });

  it('a save someone else beat is a conflict with both texts; nothing typed is lost; a merge saves over theirs', async () => {
    const node = nodeSide();
    const storage = memoryStorage();
    node.saveAs('tom', 'summary', 'v1', null);
    const w = await window(node, storage);
    w.controller.writeup.edit('summary', 'mine');
    const theirs = node.saveAs('tom', 'summary', 'from the terminal', 2);

    expect(await w.controller.writeup.save('summary')).toBe('conflict');
    expect(w.store.getState().writeupConflicts.summary).toMatchObject({ theirs: { seq: theirs.seq, text: 'from the terminal' }, yours: { base: 2, text: 'mine' } });
    expect([...storage.map.values()]).toEqual(['mine']);

    expect(await w.controller.writeup.resolve('summary', 'from the terminal\nmine')).toBe('saved');
    expect(node.saves.at(-1)).toEqual({ section: 'summary', text: 'from the terminal\nmine', base: theirs.seq });
    expect(w.store.getState().writeupConflicts.summary).toBeUndefined();
    expect(storage.map.size).toBe(0);
    w.controller.stop();
  });

  it('after a reload, text typed on a version someone has since replaced comes back as a conflict, not applied', async () => {
    const node = nodeSide();
    const storage = memoryStorage();
    const w = await window(node, storage);
    w.controller.writeup.edit('impact', 'typed before the reload');
    w.controller.stop();
    node.saveAs('tom', 'impact', 'saved from a terminal meanwhile', null);

    const again = await window(node, storage);
    expect(again.store.getState().writeupUnsaved.impact).toBeUndefined();
    expect(again.store.getState().writeupConflicts.impact).toMatchObject({ theirs: { text: 'saved from a terminal meanwhile' }, yours: { base: null, text: 'typed before the reload' } });
    again.controller.writeup.keepTheirs('impact');
    expect(storage.map.size).toBe(0);
    again.controller.stop();
  });
});
