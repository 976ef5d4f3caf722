import { describe, expect, it } from 'vitest';
import { createWarroomStore } from '../../../renderer/store';
import { MAX_ERRORS } from '../../../renderer/store/uiSlice';
import { filterHosts, groupMembers, groupNames } from '../../../renderer/store/hostsSlice';
import type { Host } from '../../../shared/model/host';

const info = (screenReader: boolean) => ({ version: '1', mode: 'web' as const, practice: true, dataDir: '/d', screenReader });

describe('ui slice', () => {
  it('folds a repeating error into one line with a count, and keeps a bounded list', () => {
    const store = createWarroomStore();
    store.getState().reportError('Connect: ECONNREFUSED', 1);
    store.getState().reportError('Connect: ECONNREFUSED', 2);
    expect(store.getState().errors).toHaveLength(1);
    expect(store.getState().errors[0]).toMatchObject({ count: 2, at: 2 });
    for (let i = 0; i < MAX_ERRORS + 5; i++) store.getState().reportError(`e${i}`);
    expect(store.getState().errors).toHaveLength(MAX_ERRORS);
    expect(store.getState().errors.at(-1)?.message).toBe(`e${MAX_ERRORS + 4}`);
    const id = store.getState().errors[0]!.id;
    store.getState().dismissError(id);
    expect(store.getState().errors.some((e) => e.id === id)).toBe(false);
  });

  it('turns screen-reader mode on from app.info until the user chooses', () => {
    const store = createWarroomStore();
    store.getState().setAppInfo(info(true));
    expect(store.getState().screenReader).toBe(true);
    store.getState().setScreenReader(false);
    // A reconnect re-reads app.info; the user's choice stands.
    store.getState().setAppInfo(info(true));
    expect(store.getState().screenReader).toBe(false);
  });

  it('keeps host key prompts unique and removes them when settled', () => {
    const store = createWarroomStore();
    const prompt = { promptId: 'p1', alias: 'web-1', host: '127.0.0.2', port: 22, keyType: 'ssh-ed25519', fingerprint: 'SHA256:x', knownHostsFile: '/k' };
    store.getState().addHostKeyPrompts([prompt, prompt]);
    store.getState().addHostKeyPrompts([prompt]);
    expect(store.getState().hostKeyPrompts).toHaveLength(1);
    store.getState().removeHostKeyPrompt('p1');
    expect(store.getState().hostKeyPrompts).toEqual([]);
  });
});

describe('hosts slice', () => {
  const host = (alias: string, groups: string[]): Host => ({
    alias,
    hostname: alias,
    port: 22,
    user: 'ops',
    groups,
    source: 'ssh-config',
    proxyJump: [],
    identityFiles: [],
  });
  const hosts = [host('web-1', ['web']), host('web-2', []), host('db-1', ['db'])];

  it('takes a group named like an Object.prototype member as a group with no members', () => {
    for (const name of ['constructor', 'toString', '__proto__', 'hasOwnProperty']) expect(groupMembers(hosts, { web: ['web-2'] }, name)).toEqual([]);
  });

  it('selects a group from either the groups file or the hosts own groups', () => {
    const groups = { web: ['web-2'] };
    expect(groupMembers(hosts, groups, 'web')).toEqual(['web-1', 'web-2']);
    expect(groupNames(hosts, groups)).toEqual(['db', 'web']);
    const store = createWarroomStore();
    store.getState().setHosts(hosts, groups, []);
    store.getState().selectGroup('db');
    expect(store.getState().selected).toEqual(['db-1']);
    store.getState().selectGroup(null);
    expect(store.getState().selected).toEqual(['web-1', 'web-2', 'db-1']);
    // A host that disappears from config is no longer selected.
    store.getState().setHosts(hosts.slice(0, 1), {}, []);
    expect(store.getState().selected).toEqual(['web-1']);
  });

  it('filters the picker by words and wildcards over alias, hostname, user and groups', () => {
    const many = [host('web-01', ['web', 'eu-west']), host('web-02', ['web']), host('db-01', ['db', 'eu-west']), host('webhook-1', [])];
    const aliases = (q: string) => filterHosts(many, q).map((h) => h.alias);
    expect(aliases('')).toEqual(['web-01', 'web-02', 'db-01', 'webhook-1']);
    expect(aliases('web-*')).toEqual(['web-01', 'web-02']);
    expect(aliases('WEB')).toEqual(['web-01', 'web-02', 'webhook-1']);
    expect(aliases('eu-west db')).toEqual(['db-01']);
    expect(aliases('*-0?')).toEqual([]);
    expect(aliases('(')).toEqual([]);
  });
});
