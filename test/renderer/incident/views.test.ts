import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import type { SearchHit } from '../../../shared/model/incidentList';
import { bytesToBase64 } from '../../../renderer/panels/incident/base64';
import { readableProblem } from '../../../renderer/panels/incident/problemText';
import { describeExitCodes, newestFirst } from '../../../renderer/panels/incident/searchView';

describe('attachment encoding', () => {
  it('matches Node’s base64 for any bytes, including sizes past one chunk', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 70_000 }), (bytes) => {
        expect(bytesToBase64(bytes)).toBe(Buffer.from(bytes).toString('base64'));
      }),
      { numRuns: 30 },
    );
  });
});

describe('search results', () => {
  const hit = (incidentId: string, seq: number, ts: string, exitCodes?: Record<string, number | null>): SearchHit => ({
    incidentId,
    incidentTitle: incidentId,
    seq,
    ts,
    actor: 'ops',
    kind: 'command',
    text: 'pg_ctl promote',
    hosts: ['db-01', 'db-02'],
    ...(exitCodes ? { exitCodes } : {}),
  });

  it('put the last one to run it first, across incidents', () => {
    const hits = [hit('a', 9, '2026-11-24T10:00:00.000Z'), hit('b', 2, '2026-11-25T01:00:00.000Z'), hit('b', 3, '2026-11-25T01:00:00.000Z')];
    expect(newestFirst(hits).map((h) => `${h.incidentId}#${h.seq}`)).toEqual(['b#3', 'b#2', 'a#9']);
    expect(hits[0]!.incidentId).toBe('a');
  });

  it('name each host’s exit code, and a missing one as such', () => {
    expect(describeExitCodes(hit('a', 1, '2026-11-25T01:00:00.000Z', { 'db-01': 0, 'db-02': null }))).toBe('db-01: exit 0, db-02: no exit code');
    expect(describeExitCodes(hit('a', 1, '2026-11-25T01:00:00.000Z'))).toBeUndefined();
  });
});

describe('milestone order problems', () => {
  it('show the Node side’s message with full UTC dates, past midnight too', () => {
    // The shape milestoneProblems() produces on the Node side.
    const problem = 'resolved (2026-11-25T23:55:00.000Z) is before detected (2026-11-26T00:05:00.000Z)';
    expect(readableProblem(problem)).toBe('resolved (2026-11-25 23:55:00 UTC) is before detected (2026-11-26 00:05:00 UTC)');
    expect(readableProblem('no times here')).toBe('no times here');
  });
});
