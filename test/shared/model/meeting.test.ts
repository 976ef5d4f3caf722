import { describe, expect, it } from 'vitest';
import { meetingDeadline, parseAttendee } from '../../../shared/model/meeting';

describe('post-mortem meeting rules', () => {
  it('accepts Name <email> or an email, and nothing else', () => {
    expect(parseAttendee('Alice Liddell <alice@example.com>')).toEqual({ name: 'Alice Liddell', email: 'alice@example.com' });
    expect(parseAttendee(' bob@example.org ')).toEqual({ email: 'bob@example.org' });
    expect(parseAttendee('"Ops, Carol" <carol@ops.example.com>')).toEqual({ name: 'Ops, Carol', email: 'carol@ops.example.com' });
    for (const bad of ['bob', 'bob@localhost', '<a@b.c>', 'Alice <alice>', 'a b@example.com', 'x@y.z\nBCC:evil@example.com']) expect(parseAttendee(bad), bad).toBeUndefined();
  });

  it('counts calendar days, or business days skipping weekends', () => {
    const friday = new Date('2026-11-27T15:00:00.000Z');
    expect(meetingDeadline(friday, '3d').toISOString()).toBe('2026-11-30T15:00:00.000Z');
    expect(meetingDeadline(friday, '1bd').toISOString()).toBe('2026-11-30T15:00:00.000Z');
    expect(meetingDeadline(friday, '5bd').toISOString()).toBe('2026-12-04T15:00:00.000Z');
    expect(meetingDeadline(new Date('2026-11-30T09:00:00.000Z'), '5bd').toISOString()).toBe('2026-12-07T09:00:00.000Z');
  });
});
