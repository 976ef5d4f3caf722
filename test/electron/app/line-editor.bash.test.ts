/**
 * The shared line editor against the one it models: a real bash (readline, UTF-8 locale) over real
 * OpenSSH. Keys go through the app's fleet.input; bash hands each line it accepted to its history,
 * which a PROMPT_COMMAND prints (base64, between \x1e and \x1f) at every prompt; the lines the app
 * put on the timeline must be exactly those. A DEBUG trap with extdebug skips every command
 * typed, so random lines are never run.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import path from 'node:path';
import type { SshdFleet } from '../../fixtures/sshd-fleet';
import { PASTE_END, PASTE_START } from '../../../shared/input/lineEditor';
import { startAppOnFleet, type AppDriver, type AppOnFleet } from './driver';

// Upper case only: bash's reserved words (if, for, {, ...) would open a continuation prompt.
// No quotes, $, \, !, ^, ;: nothing that bash would expand or read on for.
const CHARS = [...'ABCDEFGHJKLMNPQRSTUVWXYZ0123456789  -_.,:/+@', 'é', 'E\u0301', '中', '😀', '✓', 'ß'];
const text = fc.array(fc.constantFrom(...CHARS), { minLength: 1, maxLength: 8 }).map((a) => a.join(''));
const key = fc.oneof(
  { weight: 4, arbitrary: text },
  { weight: 4, arbitrary: fc.constantFrom('\x7f', '\x7f\x7f', '\b', '\x15', '\x17', '\x03', '\r') },
  { weight: 1, arbitrary: fc.array(text, { minLength: 1, maxLength: 3 }).map((lines) => `${PASTE_START}${lines.join('\r')}${PASTE_END}`) },
);

const FIXED: string[][] = [
  ['ECHO A', '\x7f', 'B', '\r'],
  ['ECHO Aé中😀', '\x7f\x7f', 'B', '\r'],
  ['ECHO AE\u0301', '\x7f', 'B', '\r'],
  ['REBOOT NOW', '\x15', 'UPTIME', '\r'],
  ['DROP IT', '\x03', 'KEPT', '\r'],
  ['SYSTEMCTL RESTART WEB  ', '\x17', 'STATUS WEB', '\r'],
  [`${PASTE_START}ONE\rTWO\r${PASTE_END}`, '\r'],
  ['PRE ', `${PASTE_START}PASTED${PASTE_END}`, ' POST', '\r'],
  ['\x7f\x7fEMPTY START', '\r', '\r', '   ', '\r'],
];

/** Splits keys into the requests to send: one per Enter or Ctrl-C (outside a paste), each answered by a prompt. */
function requests(keys: readonly string[]): Array<{ data: string; prompts: number }> {
  const out: Array<{ data: string; prompts: number }> = [];
  let data = '';
  for (const k of keys) {
    data += k;
    if (!k.startsWith(PASTE_START) && (k.endsWith('\r') || k.endsWith('\x03'))) {
      out.push({ data, prompts: 1 });
      data = '';
    }
  }
  if (data) out.push({ data: `${data}\r`, prompts: 1 });
  return out;
}

describe('the line editor agrees with bash', () => {
  let env: AppOnFleet;
  let fleet: SshdFleet;
  let driver: AppDriver;
  let id: string;

  const printed = () => driver.output.get(id) ?? '';
  const frames = () => [...printed().matchAll(/\x1e([A-Za-z0-9+/=]*)\x1f/g)].map((m) => m[1]!);
  const send = async (data: string, prompts: number) => {
    const before = frames().length;
    await driver.call('fleet.input', { sessionIds: [id], data });
    await expect.poll(() => frames().length, { timeout: 15_000 }).toBeGreaterThanOrEqual(before + prompts);
  };

  beforeAll(async () => {
    env = await startAppOnFleet({ count: 1, hostnames: ['readline'], firstAddress: 116 });
    ({ fleet, driver } = env);
  });
  afterAll(async () => {
    await env?.stop();
  });

  it('records exactly the lines bash accepted, for chosen and random keys', async () => {
    await driver.call('incident.declare', { title: 'Readline oracle', severity: 'SEV4' });
    const { sessions } = await driver.call('fleet.connect', { aliases: [fleet.hosts[0]!.alias], cols: 200, rows: 40 });
    id = sessions[0]!.sessionId;
    await expect.poll(() => driver.states.get(id)?.state, { timeout: 30_000 }).toBe('ready');

    const history = path.join(fleet.home, 'bash_history');
    await driver.call('fleet.input', { sessionIds: [id], data: `exec env -i TERM=xterm-256color LANG=C.UTF-8 PS1='wr$ ' HISTFILE=${history} bash --norc --noprofile -i\r` });
    await expect.poll(printed, { timeout: 15_000 }).toMatch(/wr\$ $/);
    await driver.call('fleet.input', {
      sessionIds: [id],
      data: `HISTCONTROL=; HISTIGNORE=; unset HISTTIMEFORMAT; : > "$HISTFILE"; wr_frame() { history -a; printf '\\036%s\\037' "$(base64 -w0 < "$HISTFILE")"; : > "$HISTFILE"; }\r`,
    });
    await send(`PROMPT_COMMAND=wr_frame; shopt -s extdebug; trap '[[ $BASH_COMMAND == wr_frame || " \${FUNCNAME[*]-} " == *" wr_frame "* ]]' DEBUG\r`, 1);
    await send(': CASES-START\r', 1);

    const random = fc.sample(fc.array(key, { minLength: 1, maxLength: 12 }), { numRuns: 25, seed: 7 });
    for (const keys of [...FIXED, ...random]) for (const r of requests(keys)) await send(r.data, r.prompts);
    await send(': CASES-END\r', 1);

    const ran = frames()
      .flatMap((f) => Buffer.from(f, 'base64').toString('utf8').split('\n'))
      // A line of spaces goes into bash's history but runs nothing; the timeline leaves it out.
      .filter((l) => l.trim() !== '' && !/^#\d+$/.test(l));
    const between = (lines: string[]) => lines.slice(lines.indexOf(': CASES-START') + 1, lines.indexOf(': CASES-END'));
    const recorded = async () =>
      (await driver.call('incident.active', {})).events
        .filter((e) => e.type === 'command.broadcast')
        .map((e) => (e.data as { line: string }).line);
    await expect.poll(async () => (await recorded()).includes(': CASES-END'), { timeout: 30_000 }).toBe(true);
    expect(between(ran).length).toBeGreaterThan(FIXED.length);
    // Also the secret judge's reading of readline's echo: none of these lines may be withheld.
    expect(between(await recorded())).toEqual(between(ran));
  });
});
