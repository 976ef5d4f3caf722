/** The one actor resolution: WARROOM_ACTOR first, then the OS user; the CLI and the app both use it. */
import os from 'node:os';
import { describe, expect, it } from 'vitest';
import { resolveActor } from '../../../electron/core/actor';

const osUser = os.userInfo().username;

describe('resolveActor', () => {
  it('takes WARROOM_ACTOR, trimmed', () => {
    expect(resolveActor({ WARROOM_ACTOR: '  dana ' })).toBe('dana');
  });

  it('falls back to the OS user when WARROOM_ACTOR is unset or blank', () => {
    expect(resolveActor({})).toBe(osUser);
    expect(resolveActor({ WARROOM_ACTOR: '   ' })).toBe(osUser);
  });

});
