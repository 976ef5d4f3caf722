import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { commandOutput, promptOf, promptShows, ScreenWatch, type LineRef } from '../../../../electron/app/screens/screen-watch';
import { PromptScan } from '../../../../electron/app/screens/prompt-scan';
import { screenLines } from '../../../../electron/app/screens/screen-text';
import { verdictText, type ScreenGroups } from '../../../../shared/model/screens';

describe('the output of a command between its echo and the next prompt', () => {
  it('reads the prompt the line was typed at, with or without the echo of what was typed so far', () => {
    expect(promptOf('motd\r\nsre@web-01:~$ ', 'uptime')).toBe('sre@web-01:~$');
    expect(promptOf('sre@web-01:~$ upti', 'uptime')).toBe('sre@web-01:~$');
    // A line cleared with Ctrl-U before the command was typed: bash redraws "\rPROMPT ESC[K", the
    // practice shell "\r ESC[K PROMPT", readline's backspaces then ESC[K; the longer old text is gone.
    expect(promptOf('sre@web-01:~$ systemctl restart nginx\rsre@web-01:~$ \x1b[Kls', 'ls')).toBe('sre@web-01:~$');
    expect(promptOf('sre@web-01:~$ systemctl restart nginx\r\x1b[Ksre@web-01:~$ ls', 'ls')).toBe('sre@web-01:~$');
    expect(promptOf(`sre@web-01:~$ abcdefgh${'\b'.repeat(8)}\x1b[Kls`, 'ls')).toBe('sre@web-01:~$');
    // The same with the whole line erased (ESC[2K) and redrawn.
    expect(promptOf('sre@web-01:~$ abcdefgh\x1b[2K\rsre@web-01:~$ ls', 'ls')).toBe('sre@web-01:~$');
    // Ctrl-U, the line and Enter in one input: what was typed before is echoed, not yet erased.
    expect(promptOf('sre@web-01:~$ df', 'ls', 'df')).toBe('sre@web-01:~$');
    expect(promptOf('sre@web-01:~$ d', 'ls', 'df')).toBe('sre@web-01:~$ d');
    expect(commandOutput('me\r\n up 3 days\r\nsre@web-01:~$ ', 'sre@web-01:~$')).toEqual({ output: ' up 3 days', promptSeen: true });
    expect(commandOutput('\r\nactive\r\n', 'sre@web-01:~$')).toEqual({ output: 'active', promptSeen: false });
    // The echoed command line itself starts with the prompt: it is not the next one.
    expect(promptShows('sre@web-01:~$ ls', 'sre@web-01:~$')).toBe(false);
    expect(promptShows('ls\r\nsre@web-01:~$ ', 'sre@web-01:~$')).toBe(true);
    // After a long output only its end is read, and a line cut by that window is not taken for a prompt.
    const long = `ls\r\n${'x'.repeat(5000)}sre@web-01:~$ \r\n${'y\r\n'.repeat(10)}`;
    expect(promptShows(long, 'sre@web-01:~$')).toBe(false);
    expect(promptShows(`${long}sre@web-01:~$ `, 'sre@web-01:~$')).toBe(true);
  });
});

describe('looking for the next prompt chunk by chunk', () => {
  const prompt = 'sre@web-01:~$';
  // Pieces of shell output: prompts, output lines, echoes redrawn with \r and \b, escapes, long lines.
  const piece = fc.constantFrom('sre@web-01:~$ ', 'sre@web-01:~', '$ ', 'ls', '\r\n', '\n', '\r', '\b', 'x', 'total 4', '\x1b[K', '\x1b[32m', 'y'.repeat(3000));
  it('sees the prompt after the same chunk as a look at all the output so far does', () => {
    fc.assert(
      fc.property(fc.array(fc.array(piece, { minLength: 1, maxLength: 6 }), { minLength: 1, maxLength: 12 }), (chunks) => {
        let raw = '';
        const scan = new PromptScan();
        for (const chunk of chunks) {
          raw += chunk.join('');
          scan.push(chunk.join(''));
          const seen = scan.check(prompt, screenLines);
          expect(seen).toBe(promptShows(raw, prompt));
          // Once seen, a watch settles: nothing after it is looked at.
          if (seen) break;
        }
      }),
      { numRuns: 500 },
    );
  });
});

describe('ScreenWatch', () => {
  const setup = (quietMs = 50, more: Partial<ConstructorParameters<typeof ScreenWatch>[0]> = {}) => {
    const verdicts: ScreenGroups[] = [];
    const tails: Record<string, string> = { a: 'sre@web-01:~$ ', b: 'sre@web-02:~$ ', c: 'sre@web-03:~$ ' };
    const names: Record<string, string> = { a: 'web-01', b: 'web-02', c: 'web-03' };
    const watch = new ScreenWatch({
      names: (id) => ({ host: names[id]!, names: [] }),
      lastLine: (id) => tails[id]!,
      settled: (v) => verdicts.push(v),
      quietMs,
      silentMs: 200,
      ...more,
    });
    return { verdicts, watch };
  };
  // Generous: the machine runs at load 10-25. A condition never met fails here, not later.
  const until = async (cond: () => boolean, ms = 30_000) => {
    const deadline = Date.now() + ms;
    while (!cond()) {
      if (Date.now() > deadline) throw new Error(`condition not met in ${ms} ms`);
      await new Promise((r) => setTimeout(r, 10));
    }
  };

  it('groups once every target shows its next prompt, and regroups loosely on request', async () => {
    const { verdicts, watch } = setup(60_000);
    const id = watch.watch(['a', 'b', 'c'], 'cat /proc/loadavg', Promise.resolve<LineRef>({ seq: 7, withheld: false }));
    watch.output('a', 'cat /proc/loadavg\r\n0.10 0.20 load on web-01\r\nsre@web-01:~$ ');
    watch.output('b', 'cat /proc/loadavg\r\n0.10 0.20 load on web-02\r\n');
    watch.output('c', 'cat /proc/loadavg\r\n0.90 0.20 load on web-03\r\nsre@web-03:~$ ');
    await new Promise((r) => setTimeout(r, 20));
    expect(verdicts).toEqual([]);
    watch.output('b', 'sre@web-02:~$ ');
    await until(() => verdicts.length > 0);
    expect(verdicts[0]).toMatchObject({ lineId: id, ref: 7, line: 'cat /proc/loadavg', loose: false });
    expect(verdicts[0]!.groups.map((g) => g.hosts)).toEqual([['web-01', 'web-02'], ['web-03']]);
    expect(watch.regroup(id, true)!.groups.map((g) => g.count)).toEqual([3]);
    watch.close();
  });

  it('settles each of many lines typed one after another on its next prompt, with erased text before each', async () => {
    const verdicts: ScreenGroups[] = [];
    const tails: Record<string, string> = { a: 'sre@web-01:~$ ', b: 'sre@web-02:~$ ' };
    // quietMs far away: only the prompt can settle a line here.
    const watch = new ScreenWatch({ names: (id) => ({ host: id, names: [] }), lastLine: (id) => tails[id]!, settled: (v) => verdicts.push(v), quietMs: 60_000, silentMs: 60_000 });
    const hosts = { a: 'sre@web-01:~$ ', b: 'sre@web-02:~$ ' };
    for (let i = 0; i < 30; i += 1) {
      // As a user typing a key, then Ctrl-U, `:` and Enter at once: the key's echo is in the tail.
      const key = String.fromCharCode(65 + (i % 26));
      for (const [id, prompt] of Object.entries(hosts)) tails[id] = `${prompt}${key}`;
      watch.watch(['a', 'b'], ':', Promise.resolve<LineRef>({ withheld: false }), () => 0, () => key);
      for (const [id, prompt] of Object.entries(hosts)) {
        watch.output(id, `\r${prompt}\x1b[K:\r\n`);
        watch.output(id, prompt);
      }
    }
    await until(() => verdicts.length === 30);
    expect(verdicts).toHaveLength(30);
    expect(verdicts.every((v) => v.groups.length === 1 && v.groups[0]!.count === 2 && v.groups[0]!.output === '')).toBe(true);
    watch.close();
  });

  it('recognises a prompt that arrives in pieces, after many chunks of output', async () => {
    const { verdicts, watch } = setup(60_000);
    watch.watch(['a', 'b'], 'seq 300', Promise.resolve<LineRef>({ withheld: false }));
    for (let i = 1; i <= 300; i += 1) {
      watch.output('a', `${i === 1 ? 'seq 300\r\n' : ''}${i}\r\n`);
      watch.output('b', `${i === 1 ? 'seq 300\r\n' : ''}${i}\r\n`);
    }
    watch.output('a', 'sre@web-01:~$ ');
    watch.output('b', 'sre@web');
    await new Promise((r) => setTimeout(r, 100));
    expect(verdicts).toEqual([]);
    watch.output('b', '-02:~$ ');
    await until(() => verdicts.length > 0);
    expect(verdicts[0]!.groups).toMatchObject([{ count: 2, output: Array.from({ length: 300 }, (_, i) => String(i + 1)).join('\n') }]);
    watch.close();
  });

  it('settles a target that went quiet without a recognisable prompt, and one that printed nothing', async () => {
    const { verdicts, watch } = setup();
    watch.watch(['a', 'b'], 'true', Promise.resolve<LineRef>({ withheld: false }));
    watch.output('a', 'true\r\n> ');
    await until(() => verdicts.length > 0);
    expect(verdicts[0]!.groups.map((g) => [g.hosts, g.output])).toEqual([[['web-01', 'web-02'], '']]);
    expect(verdicts[0]!.ref).toBeUndefined();
    watch.close();
  });

  it('keeps only the latest lines for regrouping', async () => {
    const { verdicts, watch } = setup(60_000);
    const ids: number[] = [];
    for (let i = 0; i < 33; i += 1) {
      ids.push(watch.watch(['a', 'b'], `echo ${i}`, Promise.resolve<LineRef>({ withheld: false })));
      watch.output('a', `echo ${i}\r\n${i}\r\nsre@web-01:~$ `);
      watch.output('b', `echo ${i}\r\n${i}\r\nsre@web-02:~$ `);
    }
    await until(() => verdicts.length === 33);
    expect(watch.regroup(ids[0]!, false)).toBeUndefined();
    expect(watch.regroup(ids[32]!, false)?.groups).toMatchObject([{ output: '32', count: 2 }]);
    watch.close();
  });

  it('gives each line of a paste its own output, past the prompts of the lines before it', async () => {
    const { verdicts, watch } = setup(60_000);
    watch.watch(['a', 'b'], 'echo 1', Promise.resolve<LineRef>({ withheld: false }));
    watch.watch(['a', 'b'], 'echo 2', Promise.resolve<LineRef>({ withheld: false }), () => 1);
    watch.output('a', 'echo 1\r\n1\r\nsre@web-01:~$ echo 2\r\n2\r\nsre@web-01:~$ ');
    watch.output('b', 'echo 1\r\n1\r\nsre@web-02:~$ echo 2\r\n');
    await until(() => verdicts.length === 1);
    expect(verdicts[0]!.groups).toMatchObject([{ output: '1', count: 2 }]);
    watch.output('b', 'two\r\nsre@web-02:~$ ');
    await until(() => verdicts.length === 2);
    expect(verdicts[1]!.groups.map((g) => [g.hosts, g.output])).toEqual([[['web-01'], '2'], [['web-02'], 'two']]);
    watch.close();
  });

  it('shows nothing about a line typed at a secret prompt', async () => {
    const { verdicts, watch } = setup();
    watch.watch(['a', 'b'], 'hunter2', Promise.resolve<LineRef>({ seq: 3, withheld: true }));
    watch.output('a', '\r\nsre@web-01:~$ ');
    watch.output('b', '\r\nsre@web-02:~$ ');
    await new Promise((r) => setTimeout(r, 100));
    expect(verdicts).toEqual([]);
    watch.close();
  });

  it('leaves hosts interrupted while the line ran out of the groups, and says so (a `yes` flood stopped by Ctrl-C)', async () => {
    const { verdicts, watch } = setup(60_000);
    watch.watch(['a', 'b', 'c'], 'yes', Promise.resolve<LineRef>({ seq: 9, withheld: false }));
    watch.output('a', `yes\r\n${'y\r\n'.repeat(500)}`);
    watch.output('b', `yes\r\n${'y\r\n'.repeat(800)}`);
    watch.output('c', `yes\r\n${'y\r\n'.repeat(300)}`);
    await new Promise((r) => setTimeout(r, 40));
    for (const id of ['a', 'b', 'c']) watch.interrupted(id);
    await until(() => verdicts.length > 0);
    // Each host's output is wherever the interrupt cut it: no verdict on it, not "1 identical · 2 differ".
    expect(verdicts[0]).toMatchObject({ groups: [], interrupted: ['web-01', 'web-02', 'web-03'] });
    expect(verdictText(verdicts[0]!.groups, ' · ', verdicts[0]!)).toBe('3 interrupted');
    watch.close();
  });

  it('groups the hosts that completed and lists the one interrupted apart', async () => {
    const { verdicts, watch } = setup(60_000);
    watch.watch(['a', 'b', 'c'], 'systemctl status nginx', Promise.resolve<LineRef>({ seq: 9, withheld: false }));
    watch.output('a', 'systemctl status nginx\r\nactive\r\nsre@web-01:~$ ');
    watch.output('c', 'systemctl status nginx\r\nactive\r\nsre@web-03:~$ ');
    watch.output('b', 'systemctl status nginx\r\nlines 1-20');
    await new Promise((r) => setTimeout(r, 40));
    expect(verdicts).toEqual([]);
    watch.interrupted('b');
    // An interrupt after a host's prompt showed changes nothing for it.
    watch.interrupted('a');
    await until(() => verdicts.length > 0);
    expect(verdicts[0]!.groups.map((g) => g.hosts)).toEqual([['web-01', 'web-03']]);
    expect(verdicts[0]!.interrupted).toEqual(['web-02']);
    expect(verdictText(verdicts[0]!.groups, ' · ', verdicts[0]!)).toBe('2 identical · 1 interrupted');
    watch.close();
  });

  it('gives no verdict for hosts still printing when the watch gives up, and groups a host that went quiet', async () => {
    const { verdicts, watch } = setup(1000, { silentMs: 1000, maxMs: 1500 });
    watch.watch(['a', 'b', 'c'], 'yes', Promise.resolve<LineRef>({ seq: 3, withheld: false }));
    // a and b flood until the cap; c printed once at the start and went quiet (settled by quietMs).
    watch.output('c', 'yes\r\ny\r\n');
    const flood = setInterval(() => {
      watch.output('a', 'y\r\n'.repeat(50));
      watch.output('b', 'y\r\n'.repeat(50));
    }, 10);
    await new Promise((r) => setTimeout(r, 5));
    try {
      await until(() => verdicts.length > 0);
    } finally {
      clearInterval(flood);
    }
    expect(verdicts[0]!.running).toEqual(['web-01', 'web-02']);
    expect(verdicts[0]!.groups.map((g) => g.hosts)).toEqual([['web-03']]);
    expect(verdictText(verdicts[0]!.groups, ' · ', verdicts[0]!)).toBe('1 identical · 2 still printing');
    watch.close();
  });

  it('a quiet spell while flow control holds the output back settles nothing: the flood is still running', async () => {
    const held = new Set(['a', 'b']);
    const { verdicts, watch } = setup(30, { held: (id) => held.has(id), silentMs: 30, maxMs: 600 });
    watch.watch(['a', 'b'], 'yes', Promise.resolve<LineRef>({ seq: 3, withheld: false }));
    // Both printed a different number of y lines, then were paused (the windows are behind).
    watch.output('a', `yes\r\n${'y\r\n'.repeat(300)}`);
    watch.output('b', `yes\r\n${'y\r\n'.repeat(700)}`);
    await new Promise((r) => setTimeout(r, 200));
    // Not "1 identical · 1 differ" after the first quiet spell.
    expect(verdicts).toEqual([]);
    await until(() => verdicts.length > 0);
    expect(verdicts[0]).toMatchObject({ groups: [], running: ['web-01', 'web-02'] });
    expect(verdictText(verdicts[0]!.groups, ' · ', verdicts[0]!)).toBe('2 still printing');
    watch.close();
  });

  it('a flood that pauses without flow control (a busy process) is not grouped by where it paused', async () => {
    // Each quiet spell asks whether flow control holds the session (here: never); counted, so the
    // test waits for the spells to pass instead of for a fixed time.
    const spells = new Map<string, number>();
    const held = (id: string) => {
      spells.set(id, (spells.get(id) ?? 0) + 1);
      return false;
    };
    // The cap must not come first on a slow machine.
    const { verdicts, watch } = setup(30, { silentMs: 30, maxMs: 60_000, held });
    watch.watch(['a', 'b', 'c'], 'yes', Promise.resolve<LineRef>({ seq: 3, withheld: false }));
    // More than the watch keeps (256 KiB), then a pause: the flood goes on after it.
    watch.output('a', `yes\r\n${'y\r\n'.repeat(100_000)}`);
    watch.output('b', `yes\r\n${'y\r\n'.repeat(100_000)}`);
    // A short answer that went quiet settles as before.
    watch.output('c', 'yes\r\nyes: command not found\r\n');
    // c settled at its quiet spell; the floods outlasted two spells each without settling.
    await until(() => (spells.get('c') ?? 0) >= 1 && (spells.get('a') ?? 0) >= 2 && (spells.get('b') ?? 0) >= 2);
    expect(verdicts).toEqual([]);
    // The interrupt settles the floods apart.
    watch.interrupted('a');
    watch.interrupted('b');
    await until(() => verdicts.length > 0);
    expect(verdictText(verdicts[0]!.groups, ' · ', verdicts[0]!)).toBe('1 identical · 2 interrupted');
    watch.close();
  });

  it('output that came before the silent spell ended is looked at, even when that timer is due first', async () => {
    const { verdicts, watch } = setup(30, { silentMs: 30, maxMs: 60_000 });
    watch.watch(['a', 'b'], 'uptime', Promise.resolve<LineRef>({ seq: 4, withheld: false }));
    // A process busy past silentMs between the send and the output (a loaded machine): the silent
    // timer is due before the check the output asks for. It settled both with "no output" here.
    const busy = Date.now();
    while (Date.now() - busy <= 60) {
      // Busy, as the event loop is under load.
    }
    watch.output('a', 'uptime\r\n up 3 days\r\nsre@web-01:~$ ');
    watch.output('b', 'uptime\r\n up 4 days\r\nsre@web-02:~$ ');
    await until(() => verdicts.length > 0);
    expect(verdicts[0]!.groups.map((g) => g.output).sort()).toEqual([' up 3 days', ' up 4 days']);
    watch.close();
  });
});
