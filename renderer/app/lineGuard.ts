/**
 * Dangerous command lines: what a broadcast holds at Enter until the user confirms it for the host
 * count, and what a fleet run asks about. The line itself is rebuilt by shared/input/lineEditor.
 */
const DANGERS: readonly [RegExp, string][] = [
  [/\brm\s+(-\S*[rRf]|--recursive|--force)/, 'rm deletes files recursively or without asking'],
  [/\b(reboot|shutdown|halt|poweroff)\b|\binit\s+[06]\b/, 'it stops or restarts the machine'],
  [/\bsystemctl\s+(\S+\s+)*(stop|restart|kill|disable|mask|isolate|reboot|poweroff)\b/, 'it stops or restarts a service'],
  [/\bservice\s+\S+\s+(stop|restart)\b/, 'it stops or restarts a service'],
  [/\b(kill|pkill|killall)\b/, 'it kills processes'],
  [/\bmkfs\b|\bdd\b.*\bof=|\bwipefs\b|\bfdisk\b|\bparted\b/, 'it writes to a disk'],
  [/\b(iptables|ip6tables)\s+(-F|--flush|-X)|\bnft\s+flush\b|\bufw\s+(disable|reset)\b/, 'it drops firewall rules'],
  [/\b(drop|truncate)\s+(table|database|schema)\b/i, 'it destroys data'],
  [/\btruncate\s+-s\s*0\b|>\s*\/dev\/sd|>\s*\/etc\//, 'it overwrites a file or device'],
  [/\b(apt|apt-get|yum|dnf|zypper)\s+(-\S+\s+)*(remove|purge|erase|autoremove)\b/, 'it removes packages'],
  [/\b(chmod|chown)\s+(-\S*R)/, 'it changes permissions recursively'],
  [/\bkubectl\s+(delete|drain|scale)\b|\bdocker\s+(rm|rmi|kill|stop|system\s+prune)\b/, 'it removes or stops workloads'],
  [/\bcrontab\s+-r\b/, 'it deletes the crontab'],
  [/:\(\)\s*\{.*\};\s*:/, 'it is a fork bomb'],
  [/\bmv\s+\S+\s+\/dev\/null\b/, 'it deletes a file'],
];

/** Why a line is dangerous to run on many hosts at once, or undefined when it looks harmless. */
export function dangerOf(line: string): string | undefined {
  for (const [pattern, reason] of DANGERS) if (pattern.test(line)) return reason;
  return undefined;
}

/** The fewest targets that make a dangerous line wait for the typed host count. */
export const DANGER_GUARD_MIN_TARGETS = 2;
