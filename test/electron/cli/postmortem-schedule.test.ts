/** `warroom postmortem schedule` on a real incident folder, the invite read back by a calendar parser (ical.js). */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import ICAL from 'ical.js';
import { IncidentStore } from '../../../electron/incident/store';
import { eventData } from '../../../shared/model/incident';
import { tempDir } from '../journal/helpers';
import { runInProcess, expectOk } from './cli';

let dir: string;
let cleanup: () => void;
let home: string;
const env = () => ({ WARROOM_HOME: home, WARROOM_ACTOR: 'ops' });
const ok = async (...args: string[]) => expectOk(await runInProcess(args, env()), args);
/** A whole minute some days ahead, as people schedule meetings. */
const inDays = (days: number) => new Date(Math.ceil((Date.now() + days * 86_400_000) / 60_000) * 60_000).toISOString();

beforeAll(() => {
  ({ dir, cleanup } = tempDir('warroom-postmortem-cli-'));
  home = path.join(dir, 'home');
});
afterAll(() => cleanup());

describe('warroom postmortem schedule', () => {
  it('refuses a bad time, a time in the past and a bad attendee by name, writing nothing', async () => {
    const id = (await ok('incident', 'new', '--title', 'Checkout 502s', '--severity', 'SEV2')).trim();
    const store = new IncidentStore(home);
    const journal = readFileSync(store.journalFile(id));
    for (const [args, why] of [
      [['--at', 'next tuesday', '--attendees', 'a@example.com'], /--at "next tuesday": not an ISO 8601 time with a zone/],
      [['--at', '2026-12-01T15:00:00', '--attendees', 'a@example.com'], /--at "2026-12-01T15:00:00": not an ISO 8601 time with a zone/],
      [['--at', '2020-01-01T10:00:00Z', '--attendees', 'a@example.com'], /--at "2020-01-01T10:00:00Z": that is in the past/],
      [['--at', inDays(1), '--attendees', 'Alice <alice@example.com>,bob,Carol <carol>'], /--attendees: "bob", "Carol <carol>" are not Name <email> or an email address/],
      [['--at', inDays(1)], /no --attendees given, and no role holder is an email address \(commander ops\)/],
    ] as const) {
      const r = await runInProcess(['postmortem', 'schedule', ...args], env());
      expect(r.stderr).toMatch(why);
      expect(r.code).toBe(1);
    }
    expect(readFileSync(store.journalFile(id)).equals(journal)).toBe(true);
    expect(existsSync(path.join(store.dir(id), 'exports'))).toBe(false);
  });

  it('writes an invite a calendar parser reads, the pre-read, and the event; attendees come from the roles when not given', async () => {
    const store = new IncidentStore(home);
    const id = (await store.activeId())!;
    await ok('incident', 'role', 'scribe', 'Alice Liddell <alice@example.com>');
    const at = inDays(2);
    const r = await runInProcess(['postmortem', 'schedule', '--at', at], env());
    expect(r.stderr).toBe('warning: not invited, as their role names no email address: commander ops\n');
    expect(r.code).toBe(0);
    const out = r.stdout.split('\n');
    const [seq, invite, html, pdf] = out;
    expect(out[4]).toBe('invited: Alice Liddell <alice@example.com>');
    expect(invite).toBe(path.join(store.dir(id), 'exports', `${id}.postmortem.ics`));
    for (const f of [invite!, html!, pdf!]) expect(statSync(f).mode & 0o777, f).toBe(0o600);
    expect(readFileSync(pdf!).subarray(0, 5).toString()).toBe('%PDF-');
    expect(readFileSync(html!, 'utf8')).toContain('Checkout 502s');

    const vevent = new ICAL.Component(ICAL.parse(readFileSync(invite!, 'utf8'))).getFirstSubcomponent('vevent');
    if (!vevent) throw new Error('no VEVENT');
    const event = new ICAL.Event(vevent);
    expect(event.startDate.toJSDate().toISOString()).toBe(at);
    expect(event.endDate.toJSDate().getTime() - Date.parse(at)).toBe(3_600_000);
    expect(event.summary).toBe(`Post-mortem: ${id} Checkout 502s`);
    expect(event.uid).toBe(`${id}-postmortem@warroom.invalid`);
    expect(event.attendees.map((a) => [a.getParameter('cn'), String(a.getFirstValue()).toLowerCase()])).toEqual([['Alice Liddell', 'mailto:alice@example.com']]);
    expect(event.description).toContain(pdf);

    const { events } = await store.read(id);
    expect(events.at(-1)?.seq).toBe(Number(seq));
    expect(eventData(events.at(-1)!, 'postmortem.scheduled')).toEqual({ at, attendees: ['Alice Liddell <alice@example.com>'], durationMinutes: 60, invite: `exports/${id}.postmortem.ics` });
    const meeting = JSON.parse(await ok('checklist', 'show', '--json')) as { checklists: Array<{ id: string; items: Array<{ id: string; done: boolean }> }> };
    expect(meeting.checklists.find((l) => l.id === 'postmortem')?.items.find((i) => i.id === 'meeting')?.done).toBe(true);
  });

  it('warns when the meeting is later than the severity allows, and writes --out where asked', async () => {
    const id = (await ok('incident', 'new', '--title', 'Payments down', '--severity', 'SEV1')).trim();
    await ok('incident', 'status', 'resolved');
    const out = path.join(dir, 'invites', 'pm.ics');
    const r = await runInProcess(['postmortem', 'schedule', id, '--at', inDays(9), '--attendees', '"Ops, Carol" <carol@example.com>, dan@example.com', '--out', out, '--duration', '45'], env());
    expect(r.code).toBe(0);
    expect(r.stderr).toMatch(/^warning: SEV1 post-mortems meet within 3 days of resolution \(by .*Z\); this one is at .*Z\n$/);
    const event = new ICAL.Event(new ICAL.Component(ICAL.parse(readFileSync(out, 'utf8'))).getFirstSubcomponent('vevent')!);
    expect(event.attendees.map((a) => String(a.getFirstValue()).toLowerCase())).toEqual(['mailto:carol@example.com', 'mailto:dan@example.com']);
    expect(event.duration.toSeconds()).toBe(45 * 60);
    expect(readdirSync(path.join(new IncidentStore(home).dir(id), 'exports')).sort()).toEqual([`${id}.pre-read.html`, `${id}.pre-read.pdf`]);
  });
});
