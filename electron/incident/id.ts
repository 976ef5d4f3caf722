import { randomBytes } from 'node:crypto';

/**
 * A new incident id: the UTC date and time plus a short slug of the title and a random suffix, so
 * ids sort by start, read well in a folder listing and do not collide when two are declared in
 * the same second.
 */
export function newIncidentId(title: string, now: Date = new Date(), random: string = randomBytes(2).toString('hex')): string {
  const stamp = now.toISOString().replace(/[-:]/g, '').replace('T', '-').slice(0, 15); // YYYYMMDD-HHMMSS
  const slug = title
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 40)
    .replace(/-+$/g, '');
  return slug ? `${stamp}-${slug}-${random}` : `${stamp}-${random}`;
}
