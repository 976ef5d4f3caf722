/**
 * Who the practice hosts are: names, roles and loopback addresses, derived from the count alone so
 * the same N always gives the same fleet (and the same persisted host keys).
 */

export type PracticeRole = 'web' | 'db' | 'cache' | 'lb';

export interface PracticeHostSpec {
  alias: string;
  role: PracticeRole;
  /** Loopback address the host's server listens on, e.g. 127.0.0.2. */
  address: string;
  /** 1-based position within its role, e.g. 2 for web-02. */
  ordinal: number;
}

/** The design target is 500 idle sessions; `warroom web --practice` accepts up to 1000. */
export const MAX_PRACTICE_HOSTS = 1000;
export const DEFAULT_PRACTICE_HOSTS = 8;

/** The proportions of the default 8 (4 web, 2 db, 1 cache, 1 lb), kept as the fleet grows. */
function roleCounts(count: number): Record<PracticeRole, number> {
  const lb = count >= 8 ? Math.floor(count / 8) : count >= 4 ? 1 : 0;
  const cache = count >= 8 ? Math.floor(count / 8) : count >= 5 ? 1 : 0;
  const db = count >= 3 ? Math.max(1, Math.floor(count / 4)) : 0;
  return { web: count - lb - cache - db, db, cache, lb };
}

/**
 * The n-th loopback address from 127.0.0.first. Past .254 it moves on to 127.0.1.1 and so on: the
 * whole 127/8 reaches `lo` on Linux, and skipping .0 and .255 keeps the addresses unsurprising.
 */
export function loopbackAddress(first: number, n: number): string {
  const index = first - 1 + n; // 0-based over the 254 usable last octets per /24
  const third = Math.floor(index / 254);
  const fourth = (index % 254) + 1;
  if (third > 255) throw new Error(`practice fleet: no loopback address left for host ${n + 1}`);
  return `127.0.${third}.${fourth}`;
}

export function practiceLayout(count: number, firstAddress: number): PracticeHostSpec[] {
  if (!Number.isInteger(count) || count < 1 || count > MAX_PRACTICE_HOSTS) {
    throw new Error(`practice fleet: host count must be a whole number from 1 to ${MAX_PRACTICE_HOSTS}, got ${count}`);
  }
  if (!Number.isInteger(firstAddress) || firstAddress < 1 || firstAddress > 254) {
    throw new Error(`practice fleet: firstAddress must be 1..254 (the last octet of 127.0.0.N), got ${firstAddress}`);
  }
  const counts = roleCounts(count);
  const width = Math.max(2, String(Math.max(...Object.values(counts))).length);
  const hosts: PracticeHostSpec[] = [];
  for (const role of ['web', 'db', 'cache', 'lb'] as const) {
    for (let ordinal = 1; ordinal <= counts[role]; ordinal += 1) {
      hosts.push({
        alias: `${role}-${String(ordinal).padStart(width, '0')}`,
        role,
        address: loopbackAddress(firstAddress, hosts.length),
        ordinal,
      });
    }
  }
  return hosts;
}

/** The host that carries the scripted fault: web-02, or the last web host in a fleet too small for it. */
export function faultyHost(hosts: readonly PracticeHostSpec[]): PracticeHostSpec | undefined {
  const web = hosts.filter((h) => h.role === 'web');
  return web.find((h) => h.ordinal === 2) ?? web[web.length - 1];
}
