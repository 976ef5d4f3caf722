import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { parseClientFrame } from '../../../electron/web/server';
import { ClientFrame } from '../../../shared/wire';

describe('parseClientFrame', () => {
  it('accepts exactly what the ClientFrame schema accepts', () => {
    const frames = fc.oneof(
      fc.json(),
      fc.record({
        t: fc.oneof(fc.constant('req'), fc.string()),
        id: fc.oneof(fc.integer({ min: -5, max: 1e9 }), fc.double(), fc.string()),
        name: fc.oneof(fc.string({ maxLength: 140 }), fc.integer()),
        input: fc.jsonValue(),
      }).map((v) => JSON.stringify(v)),
    );
    fc.assert(
      fc.property(frames, (text) => {
        const ours = parseClientFrame(text);
        let schema: unknown;
        try {
          schema = ClientFrame.parse(JSON.parse(text));
        } catch {
          schema = undefined;
        }
        expect(ours === undefined).toBe(schema === undefined);
        if (ours) expect(ours).toEqual(schema);
      }),
      { numRuns: 3000 },
    );
  });
});
