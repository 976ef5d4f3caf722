import { describe, expect, it } from 'vitest';
import { EventListeners } from '../../../renderer/api/listeners';

describe('EventListeners', () => {
  it('keeps delivering to the other listeners when one throws, and reports it', () => {
    const bad: string[] = [];
    const listeners = new EventListeners((m) => bad.push(m));
    const got: string[] = [];
    listeners.on('hostkey.settled', () => {
      throw new Error('panel bug');
    });
    const off = listeners.on('hostkey.settled', (p) => got.push(p.promptId));
    listeners.dispatch('hostkey.settled', { promptId: 'a' });
    expect(got).toEqual(['a']);
    expect(bad).toEqual(['hostkey.settled listener failed: panel bug']);
    off();
    listeners.dispatch('hostkey.settled', { promptId: 'b' });
    expect(got).toEqual(['a']);
  });

  it('does not parse events nobody listens to, but still names unknown ones', () => {
    const bad: string[] = [];
    const listeners = new EventListeners((m) => bad.push(m));
    listeners.dispatch('term.data', { broken: true });
    listeners.dispatch('evil', {});
    expect(bad).toEqual(['unknown event evil']);
  });
});
