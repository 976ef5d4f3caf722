/** The replay player: seeking redraws the screen as it was (prelude, then every frame up to the time, resizes included); playing runs on to the end. */
import { describe, expect, it } from 'vitest';
import { ReplayPlayer, type ReplayScreen } from '../../../renderer/panels/meeting/replayPlayer';
import type { ReplayCast } from '../../../shared/model/replay';

const cast: ReplayCast = {
  alias: 'web-02',
  file: 'recordings/web-02.cast',
  width: 80,
  height: 24,
  startedAt: '2026-12-01T15:00:00.000Z',
  seal: 'sealed',
  prelude: 'sre@web-02:~$ ',
  frames: [
    [0, 'o', 'systemctl status nginx\r\n'],
    [40, 'o', 'Active: failed\r\n'],
    [40, 'r', '120x40'],
    [90, 'o', 'sre@web-02:~$ '],
  ],
  truncated: false,
};

function screen() {
  const log: string[] = [];
  const s: ReplayScreen = { write: (d) => log.push(d), reset: () => log.push('<reset>'), resize: (c, r) => log.push(`<${c}x${r}>`) };
  return { s, log };
}

describe('the replay player', () => {
  it('redraws the screen as it was at the position sought', () => {
    const { s, log } = screen();
    const p = new ReplayPlayer(cast, s, () => undefined);
    expect(log).toEqual(['<reset>', '<80x24>', 'sre@web-02:~$ ', 'systemctl status nginx\r\n']);
    log.length = 0;
    p.seek(40);
    expect(log).toEqual(['<reset>', '<80x24>', 'sre@web-02:~$ ', 'systemctl status nginx\r\n', 'Active: failed\r\n', '<120x40>']);
    expect(p.at).toBe(40);
    p.seek(10_000);
    expect(p.at).toBe(90);
    expect(log.at(-1)).toBe('sre@web-02:~$ ');
  });

  it('plays on to the end, then stops by itself', async () => {
    const { s, log } = screen();
    let ended!: () => void;
    const done = new Promise<void>((resolve) => (ended = resolve));
    const box: { p?: ReplayPlayer } = {};
    const p = new ReplayPlayer(cast, s, () => {
      if (box.p && !box.p.playing && box.p.at === 90) ended();
    });
    box.p = p;
    p.setSpeed(8);
    p.play();
    expect(p.playing).toBe(true);
    await done;
    expect(log.filter((l) => !l.startsWith('<')).join('')).toBe('sre@web-02:~$ systemctl status nginx\r\nActive: failed\r\nsre@web-02:~$ ');
    p.dispose();
  });
});
