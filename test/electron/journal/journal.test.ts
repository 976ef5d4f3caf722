import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { readFileSync, writeFileSync, appendFileSync, readdirSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { hostname } from 'node:os';
import path from 'node:path';
import { Journal } from '../../../electron/journal/journal';
import { verifyJournal } from '../../../electron/journal/verify';
import { eventHash, eventLine } from '../../../electron/journal/canonical';
import { GENESIS_HASH, JournalEvent } from '../../../shared/model/incident';
import { note, tempDir } from './helpers';

let dir: string;
let cleanup: () => void;
let file: string;
beforeEach(() => {
  ({ dir, cleanup } = tempDir());
  file = path.join(dir, 'inc', 'journal.jsonl');
});
afterEach(() => cleanup());

function lines(): string[] {
  return readFileSync(file, 'utf8').split('\n').filter(Boolean);
}

describe('Journal', () => {
  it('writes a sha256 chain that a fresh open replays and verifies', async () => {
    const j = await Journal.open(file, { create: true });
    const first = await j.append(note('one'));
    const [second, third] = await j.appendMany([note('two'), { type: 'checklist.tick', actor: 'ic', data: { checklist: 'respond', itemId: 'scope', label: 'Scope', done: true } }]);
    await j.close();

    expect(first.seq).toBe(1);
    expect(first.prev).toBe(GENESIS_HASH);
    expect(second?.prev).toBe(first.hash);
    expect(third?.prev).toBe(second?.hash);
    expect(first.ts).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/);

    const stored = lines().map((l) => JournalEvent.parse(JSON.parse(l)));
    expect(stored.map((e) => e.seq)).toEqual([1, 2, 3]);
    // The stored hash is the documented formula, recomputed independently here.
    for (const e of stored) expect(eventHash(e.prev, e)).toBe(e.hash);
    expect(Object.keys(JSON.parse(lines()[0] as string))).toEqual(['seq', 'ts', 'type', 'actor', 'data', 'prev', 'hash']);

    const reopened = await Journal.open(file);
    expect(reopened.events.map((e) => e.hash)).toEqual(stored.map((e) => e.hash));
    const fourth = await reopened.append(note('four'));
    expect(fourth.seq).toBe(4);
    expect(fourth.prev).toBe(third?.hash);
    await reopened.close();
    expect(await verifyJournal(file)).toMatchObject({ ok: true, count: 4, head: fourth.hash });
  });

  it('serialises data keys in a fixed order whatever order the caller used', async () => {
    const j = await Journal.open(file, { create: true });
    await j.append({ type: 'command.broadcast', actor: 'a', data: { hosts: ['web-1'], line: 'uptime' } });
    await j.append({ type: 'command.broadcast', actor: 'a', data: { line: 'uptime', hosts: ['web-1'] } });
    await j.close();
    const [a, b] = lines();
    expect(a?.slice(a.indexOf('"data"'), a.indexOf('"prev"'))).toBe(b?.slice(b.indexOf('"data"'), b.indexOf('"prev"')));
    expect(a).toContain('"data":{"hosts":["web-1"],"line":"uptime"}');
  });

  it('rejects a draft that does not fit its type, and writes nothing', async () => {
    const j = await Journal.open(file, { create: true });
    await expect(j.append({ type: 'note', actor: 'a', data: { text: '' } })).rejects.toThrow(/invalid note event/);
    await expect(j.append({ type: 'note', actor: '', data: { text: 'x' } })).rejects.toThrow(/actor is empty/);
    await j.close();
    expect(readFileSync(file, 'utf8')).toBe('');
  });

  it('refuses to open a journal that does not exist unless asked to create it', async () => {
    await expect(Journal.open(file)).rejects.toThrow(`no journal at ${file}`);
    const { mkdirSync, existsSync } = await import('node:fs');
    mkdirSync(path.dirname(file), { recursive: true });
    await expect(Journal.open(file)).rejects.toThrow(`no journal at ${file}`);
    expect(existsSync(file)).toBe(false);
  });

  it('group-commits appends that arrive while a write is in flight, and keeps their order', async () => {
    const j = await Journal.open(file, { create: true });
    const all = await Promise.all(Array.from({ length: 500 }, (_, i) => j.append(note(`n${i}`))));
    await j.close();
    expect(all.map((e) => e.seq)).toEqual(Array.from({ length: 500 }, (_, i) => i + 1));
    expect(all.map((e) => (e.data as { text: string }).text)).toEqual(Array.from({ length: 500 }, (_, i) => `n${i}`));
    expect(await verifyJournal(file)).toMatchObject({ ok: true, count: 500 });
  });

  it('moves a torn last line (no newline) aside, keeping its bytes, and truncates to the last good event', async () => {
    const j = await Journal.open(file, { create: true });
    await j.appendMany([note('a'), note('b')]);
    await j.close();
    const good = readFileSync(file);
    const torn = '{"seq":3,"ts":"2026-11-25T10:00:00.000Z","type":"note","act';
    appendFileSync(file, torn);
    expect((await verifyJournal(file)).ok).toBe(false);

    const reopened = await Journal.open(file);
    expect(reopened.events).toHaveLength(2);
    expect(reopened.recovered?.bytes).toBe(Buffer.byteLength(torn));
    const side = reopened.recovered?.sideFile as string;
    expect(path.basename(side)).toMatch(/^journal\.jsonl\.torn-/);
    expect(readFileSync(side, 'utf8')).toBe(torn);
    expect(readFileSync(file)).toEqual(good);
    const next = await reopened.append(note('c'));
    expect(next.seq).toBe(3);
    await reopened.close();
    expect(await verifyJournal(file)).toMatchObject({ ok: true, count: 3 });
  });

  it('keeps events of a type a newer Warroom wrote, verifies them, and writes after them', async () => {
    const j = await Journal.open(file, { create: true });
    const first = await j.append(note('a'));
    await j.close();
    const fields = { seq: 2, ts: '2026-11-26T00:00:00.000Z', type: 'postmortem.linked', actor: 'newer', data: { url: 'https://example.invalid/pm/7' } };
    appendFileSync(file, `${eventLine({ ...fields, prev: first.hash, hash: eventHash(first.hash, fields) })}\n`);
    const before = readFileSync(file);
    const reopened = await Journal.open(file);
    expect(reopened.recovered).toBeUndefined();
    expect(reopened.events.map((e) => e.type)).toEqual(['note', 'postmortem.linked']);
    const next = await reopened.append(note('b'));
    expect(next.seq).toBe(3);
    expect(next.prev).toBe(reopened.events[1]?.hash);
    await reopened.close();
    expect(readFileSync(file).subarray(0, before.length)).toEqual(before);
    expect(await verifyJournal(file)).toMatchObject({ ok: true, count: 3 });
  });

  it('fails to verify an empty journal, naming the file: an incident without its declaration is broken', async () => {
    const j = await Journal.open(file, { create: true });
    await j.close();
    const r = await verifyJournal(file);
    expect(r.ok).toBe(false);
    expect(r.error).toContain(file);
    expect(r.error).toMatch(/empty/);
  });

  const corruptions: Array<[string, (ls: string[]) => string[], RegExp]> = [
    ['bad JSON mid-file', (ls) => [ls[0] as string, '{"seq":2,', ...ls.slice(2)], /:2: not valid JSON/],
    ['an altered event', (ls) => [ls[0] as string, (ls[1] as string).replace('"two"', '"TWO"'), ...ls.slice(2)], /:2: hash of seq 2 does not match/],
    ['a deleted event', (ls) => [ls[0] as string, ...ls.slice(2)], /:2: seq 3 follows seq 1/],
    // One bit of the closing brace: "}" (0x7d) becomes "|" (0x7c).
    ['a flipped bit on the last line', (ls) => [...ls.slice(0, 2), `${(ls[2] as string).slice(0, -1)}|`], /:3: not valid JSON/],
    ['a zero-filled last line ending in a newline', (ls) => [...ls, '\0'.repeat(40)], /:4: not valid JSON/],
    ['a broken chain on the last line', (ls) => [...ls.slice(0, 2), (ls[2] as string).replace(/"prev":"[0-9a-f]{64}"/, `"prev":"${'1'.repeat(64)}"`)], /:3: prev does not match/],
  ];
  for (const [name, damage, message] of corruptions) {
    it(`stops the open on ${name}, naming the file and line, and leaves the file byte-identical`, async () => {
      const j = await Journal.open(file, { create: true });
      await j.appendMany([note('one'), note('two'), note('three')]);
      await j.close();
      writeFileSync(file, damage(lines()).join('\n') + '\n');
      const before = readFileSync(file);
      const err = await Journal.open(file).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(Error);
      expect((err as Error).message).toContain(file);
      expect((err as Error).message).toMatch(message);
      expect(readFileSync(file)).toEqual(before);
      expect(readdirSync(path.dirname(file)).sort()).toEqual(['journal.jsonl']);
      expect((await verifyJournal(file)).ok).toBe(false);
    });
  }

  it('recovers, under the lock, from a writer killed mid-write while holding it', async () => {
    const app = await Journal.open(file, { create: true });
    await app.append(note('before'));
    // Another writer took the lock, wrote half a line, and died (kill -9 mid-write).
    const dead = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'], { encoding: 'utf8' });
    writeFileSync(`${file}.lock`, JSON.stringify({ pid: Number(dead.stdout), host: hostname(), token: 'dead', at: new Date().toISOString() }));
    appendFileSync(file, '{"seq":2,"ts":"2026-11-25T10:00:00.000Z","type":"no');
    const next = await app.append(note('after'));
    expect(next.seq).toBe(2);
    expect(next.prev).toBe(app.events[0]?.hash);
    await app.close();
    const names = readdirSync(path.dirname(file));
    const side = names.find((n) => n.startsWith('journal.jsonl.torn-'));
    expect(readFileSync(path.join(path.dirname(file), side as string), 'utf8')).toBe('{"seq":2,"ts":"2026-11-25T10:00:00.000Z","type":"no');
    expect(names).not.toContain('journal.jsonl.lock');
    expect(await verifyJournal(file)).toMatchObject({ ok: true, count: 2 });
  });

  it('refuses to write into a journal file that was removed or replaced while open', async () => {
    const j = await Journal.open(file, { create: true });
    await j.append(note('one'));
    const { renameSync } = await import('node:fs');
    renameSync(file, `${file}.moved`);
    writeFileSync(file, '');
    await expect(j.append(note('two'))).rejects.toThrow(/was removed or replaced while open/);
    await j.close();
    expect(readFileSync(file, 'utf8')).toBe('');
  });

  it('keeps one chain when several journals on the same file append at once', async () => {
    const first = await Journal.open(file, { create: true });
    const writers = [first, await Journal.open(file), await Journal.open(file)];
    const acked = await Promise.all(writers.map((j, w) => Promise.all(Array.from({ length: 150 }, (_, i) => j.append(note(`w${w}-${i}`))))));
    await Promise.all(writers.map((j) => j.close()));
    const check = await Journal.open(file);
    expect(check.events).toHaveLength(450);
    for (const e of acked.flat()) expect(check.events[e.seq - 1]?.hash).toBe(e.hash);
    await check.close();
    expect(await verifyJournal(file)).toMatchObject({ ok: true, count: 450 });
  });

  it('emits events other writers appended, in order, when refreshed or watched', async () => {
    const app = await Journal.open(file, { create: true, watch: true, pollMs: 20 });
    const cli = await Journal.open(file);
    const seen: number[] = [];
    app.subscribe((e) => seen.push(e.seq));
    await app.append(note('from app'));
    await cli.append(note('from cli 1'));
    await cli.append(note('from cli 2'));
    await expect.poll(() => seen, { timeout: 5000 }).toEqual([1, 2, 3]);
    const mine = await app.append(note('app again'));
    expect(mine.seq).toBe(4);
    expect(mine.prev).toBe(cli.events.at(-1)?.hash);
    await Promise.all([app.close(), cli.close()]);
    expect(await verifyJournal(file)).toMatchObject({ ok: true, count: 4 });
  });
});
