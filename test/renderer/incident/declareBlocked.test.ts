import { describe, expect, it } from 'vitest';
import { declareBlocked } from '../../../renderer/panels/IncidentPanel';

describe('declaring while an incident is active', () => {
  it('is blocked while the active incident is being worked, and says why', () => {
    for (const status of ['investigating', 'identified', 'monitoring'] as const) {
      expect(declareBlocked({ title: 'Disk full', status })).toBe(`"Disk full" is ${status}: resolve it before declaring another incident`);
    }
  });

  it('is open with no active incident, or once it is resolved or closed', () => {
    expect(declareBlocked(null)).toBeNull();
    expect(declareBlocked({ title: 'Disk full', status: 'resolved' })).toBeNull();
    expect(declareBlocked({ title: 'Disk full', status: 'closed' })).toBeNull();
  });
});
