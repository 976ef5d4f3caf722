/** Time formats the simulated tools print, all in UTC like a typical server, and a seeded random source. */

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const DAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const p2 = (n: number): string => String(n).padStart(2, '0');

/** `Nov 25 09:48:03`: syslog and journalctl's short format. */
export function syslogTime(ms: number): string {
  const d = new Date(ms);
  return `${MONTHS[d.getUTCMonth()]} ${p2(d.getUTCDate())} ${clockTime(ms)}`;
}

/** `09:48:03` */
export function clockTime(ms: number): string {
  const d = new Date(ms);
  return `${p2(d.getUTCHours())}:${p2(d.getUTCMinutes())}:${p2(d.getUTCSeconds())}`;
}

/** `2026/11/25 09:48:03`: nginx's error log. */
export function nginxTime(ms: number): string {
  const d = new Date(ms);
  return `${d.getUTCFullYear()}/${p2(d.getUTCMonth() + 1)}/${p2(d.getUTCDate())} ${clockTime(ms)}`;
}

/** `Wed 2026-11-25 09:48:03 UTC`: systemctl status. */
export function systemdTime(ms: number): string {
  const d = new Date(ms);
  return `${DAYS[d.getUTCDay()]} ${d.getUTCFullYear()}-${p2(d.getUTCMonth() + 1)}-${p2(d.getUTCDate())} ${clockTime(ms)} UTC`;
}

/** `Wed Nov 25 09:48:03 UTC 2026`: date(1). */
export function dateTime(ms: number): string {
  const d = new Date(ms);
  return `${DAYS[d.getUTCDay()]} ${MONTHS[d.getUTCMonth()]} ${p2(d.getUTCDate())} ${clockTime(ms)} UTC ${d.getUTCFullYear()}`;
}

/** `Nov 25 09:48`: ls -l for this year. */
export function lsTime(ms: number): string {
  const d = new Date(ms);
  return `${MONTHS[d.getUTCMonth()]} ${String(d.getUTCDate()).padStart(2, ' ')} ${p2(d.getUTCHours())}:${p2(d.getUTCMinutes())}`;
}

/** systemd's "2h 3min ago" / "41 days ago" style. */
export function systemdAgo(ms: number, now: number): string {
  let s = Math.max(0, Math.floor((now - ms) / 1000));
  const days = Math.floor(s / 86400);
  s -= days * 86400;
  const h = Math.floor(s / 3600);
  s -= h * 3600;
  const min = Math.floor(s / 60);
  s -= min * 60;
  if (days > 0) return `${days} day${days === 1 ? '' : 's'} ago`;
  if (h > 0) return `${h}h ${min}min ago`;
  if (min > 0) return `${min}min ${s}s ago`;
  return `${s}s ago`;
}

/** uptime(1)'s "41 days,  3:02" / "3:02" / "17 min". */
export function uptimeSpan(seconds: number): string {
  const days = Math.floor(seconds / 86400);
  const h = Math.floor((seconds % 86400) / 3600);
  const min = Math.floor((seconds % 3600) / 60);
  const clock = h > 0 ? `${String(h).padStart(2, ' ')}:${p2(min)}` : `${min} min`;
  return days > 0 ? `${days} day${days === 1 ? '' : 's'}, ${clock}` : clock;
}

/** mulberry32: small, fast, and the same sequence for the same seed everywhere. */
export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** mulberry32 seeded from a string (FNV-1a), so each host looks the same every run. */
export function seededRandom(seed: string): () => number {
  let h = 2166136261;
  for (let i = 0; i < seed.length; i += 1) h = Math.imul(h ^ seed.charCodeAt(i), 16777619);
  return mulberry32(h);
}
