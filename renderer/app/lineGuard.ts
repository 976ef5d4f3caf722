/**
 * The line being typed into a broadcast, as far as the window can tell, so that a dangerous
 * command to many hosts can be held at Enter. The shell is the truth; this is a guard, not a record
 * (the Node side records what was sent).
 */
export class TypedLine {
  private text = '';
  private unsure = false;

  /** Feeds keys that are not Enter. */
  feed(data: string): void {
    for (let i = 0; i < data.length; i++) {
      const ch = data[i]!;
      if (ch === '\x1b') {
        // Cursor keys, history, Alt-combos: the shell's line may now differ from what we saw.
        this.unsure = true;
        const m = /^\x1b(\[[0-9;?]*[ -/]*[@-~]|O.|.)?/.exec(data.slice(i));
        i += (m?.[0].length ?? 1) - 1;
      } else if (ch === '\x7f' || ch === '\b') this.text = this.text.slice(0, -1);
      else if (ch === '\x15' || ch === '\x03') this.reset();
      else if (ch === '\x17') this.text = this.text.replace(/\S+\s*$/, '');
      else if (ch === '\t') this.unsure = true;
      else if (ch >= ' ') this.text += ch;
    }
  }

  get line(): string {
    return this.text;
  }

  get uncertain(): boolean {
    return this.unsure;
  }

  reset(): void {
    this.text = '';
    this.unsure = false;
  }
}

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
