/**
 * electron/ names its files in kebab-case (ssh-link.ts, line-recorder.ts); the window keeps React's
 * camelCase. One style per side, so a file is found by guessing its name.
 */
import { describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import path from 'node:path';

const root = path.resolve(__dirname, '../..');
const tracked = (dir: string) => execFileSync('git', ['ls-files', dir], { cwd: root, encoding: 'utf8' }).split('\n').filter(Boolean);
const KEBAB = /^[a-z0-9]+(?:-[a-z0-9]+)*(?:\.[a-z0-9]+)*$/;

describe('file names', () => {
  it('electron/ and its tests are kebab-case', () => {
    const files = [...tracked('electron'), ...tracked('test/electron')].filter((f) => f.endsWith('.ts'));
    expect(files.length).toBeGreaterThan(50);
    expect(files.filter((f) => !KEBAB.test(path.basename(f)))).toEqual([]);
  });
  it('the check refuses a camelCase name', () => {
    expect(KEBAB.test('lineRecorder.ts')).toBe(false);
    expect(KEBAB.test('line-recorder.test.ts')).toBe(true);
  });
});
