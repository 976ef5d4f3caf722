/** Machine-wide views: uptime, free, ps. */
import { clockTime, uptimeSpan } from '../../host/clock';
import { fail, human, ok, type Command } from '../types';

const uptime: Command = ({ host, now, args }) => {
  const seconds = Math.floor((now - host.bootAt) / 1000);
  if (args.includes('-p')) return ok(`up ${uptimeSpan(seconds).replace(/,\s+(\d+):(\d+)/, (_m, h: string, m: string) => `, ${Number(h)} hours, ${Number(m)} minutes`)}\n`);
  if (args.includes('-s')) return ok(`${new Date(host.bootAt).toISOString().replace('T', ' ').slice(0, 19)}\n`);
  const [a, b, c] = host.load.map((n) => n.toFixed(2));
  return ok(` ${clockTime(now)} up ${uptimeSpan(seconds)},  1 user,  load average: ${a}, ${b}, ${c}\n`);
};

const free: Command = ({ host, args }) => {
  const m = host.memory;
  const freeMiB = m.totalMiB - m.usedMiB - m.cacheMiB;
  const avail = m.totalMiB - m.usedMiB;
  const humanMode = args.some((a) => a === '-h' || a === '--human');
  const giga = args.includes('-g');
  const fmt = (mib: number): string => {
    if (humanMode) return mib === 0 ? '0B' : mib >= 1024 ? `${(mib / 1024).toFixed(1)}Gi` : `${mib}Mi`;
    if (giga) return String(Math.floor(mib / 1024));
    if (args.includes('-m')) return String(mib);
    return String(mib * 1024);
  };
  const row = (label: string, cols: number[]): string => `${label.padEnd(7)}${cols.map((c) => fmt(c).padStart(12)).join('')}`;
  return ok([
    '               total        used        free      shared  buff/cache   available',
    row('Mem:', [m.totalMiB, m.usedMiB, freeMiB, m.sharedMiB, m.cacheMiB, avail]),
    row('Swap:', [m.swapMiB, 0, m.swapMiB]),
  ].join('\n') + '\n');
};

const ps: Command = ({ host }) => {
  const rows = ['USER         PID %CPU %MEM    VSZ   RSS TTY      STAT START   TIME COMMAND',
    'root           1  0.0  0.3 167740 12164 ?        Ss   Oct05   1:12 /sbin/init'];
  for (const s of host.services.values()) {
    if (s.status !== 'active') continue;
    s.processes.forEach((p, i) => {
      const user = s.name === 'postgresql' ? 'postgres' : s.name === 'redis-server' ? 'redis' : i > 0 && s.name === 'nginx' ? 'www-data' : s.name === 'checkout-api' ? 'checkout' : 'root';
      rows.push(`${user.padEnd(8)} ${String(s.pid + i).padStart(7)}  0.${i}  0.${(i * 3) % 10} ${String(20000 + i * 311).padStart(6)} ${String(5000 + i * 97).padStart(5)} ?        S${i === 0 ? 's' : ' '}   Oct05   0:0${i} ${p.replace(/^"|"$/g, '')}`);
    });
  }
  rows.push(`sre        ${host.pid()}  0.0  0.1  11084  4608 pts/0    R+   ${clockTime(Date.now()).slice(0, 5)}   0:00 ps aux`);
  return ok(`${rows.join('\n')}\n`);
};

const top: Command = ({ name }) => fail(`${name}: this practice shell has no full-screen tools; try 'uptime', 'free -m' or 'ps aux'\n`);
const editor: Command = ({ name }) => fail(`${name}: this practice shell has no editors; read with cat, tail or grep, and empty a file with 'truncate -s 0 FILE'\n`);

export const systemCommands: Record<string, Command> = {
  uptime,
  free,
  ps,
  top,
  htop: top,
  watch: top,
  vi: editor,
  vim: editor,
  nano: editor,
  emacs: editor,
  w: ({ host, now }) => {
    const seconds = Math.floor((now - host.bootAt) / 1000);
    const [a, b, c] = host.load.map((n) => n.toFixed(2));
    return ok(` ${clockTime(now)} up ${uptimeSpan(seconds)},  1 user,  load average: ${a}, ${b}, ${c}\nUSER     TTY      FROM             LOGIN@   IDLE   JCPU   PCPU WHAT\nsre      pts/0    10.0.9.4         ${clockTime(now).slice(0, 5)}    0.00s  0.01s  0.00s w\n`);
  },
  nproc: () => ok('2\n'),
  lsblk: ({ host }) => ok(`NAME    MAJ:MIN RM  SIZE RO TYPE MOUNTPOINTS\nvda     254:0    0   ${human(host.diskBytes)}  0 disk\n├─vda1  254:1    0 ${human(host.diskBytes - 128 * 1024 ** 2)}  0 part /\n└─vda15 254:15   0  124M  0 part /boot/efi\n`),
};
