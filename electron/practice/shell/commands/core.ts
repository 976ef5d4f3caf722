/** Shell basics: identity, echo, environment, terminal. */
import { dateTime } from '../../host/clock';
import { fail, ok, type Command } from '../types';

const hostname: Command = ({ args, host }) => {
  if (args.includes('-I') || args.includes('-i')) return ok(`${host.spec.address} \n`);
  if (args.includes('-f')) return ok(`${host.hostname}.example.internal\n`);
  if (args.length > 0 && !args[0]?.startsWith('-')) return fail('hostname: you must be root to change the host name\n');
  return ok(`${host.hostname}\n`);
};

const ESCAPES: Record<string, string> = { n: '\n', t: '\t', '\\': '\\', a: '\x07', e: '\x1b', r: '\r' };

const echo: Command = ({ args }) => {
  let newline = true;
  let escapes = false;
  let i = 0;
  for (; i < args.length && /^-[neE]+$/.test(args[i] as string); i += 1) {
    if (args[i]?.includes('n')) newline = false;
    if (args[i]?.includes('e')) escapes = true;
    if (args[i]?.includes('E')) escapes = false;
  }
  let text = args.slice(i).join(' ');
  if (escapes) text = text.replace(/\\([ntae\\r])/g, (_m, c: string) => ESCAPES[c] ?? c);
  return ok(newline ? `${text}\n` : text);
};

const printf: Command = ({ args }) => {
  if (args.length === 0) return fail('printf: usage: printf [-v var] format [arguments]\n', 2);
  const [format, ...rest] = args as [string, ...string[]];
  let n = 0;
  const body = format.replace(/%[sd%]/g, (m) => (m === '%%' ? '%' : (rest[n++] ?? '')));
  return ok(body.replace(/\\n/g, '\n').replace(/\\t/g, '\t'));
};

/** At most an hour: a practice session should not hold a timer for longer. */
const SLEEP_MAX_MS = 3_600_000;

const sleep: Command = ({ args }) => {
  if (args.length === 0) return fail("sleep: missing operand\nTry 'sleep --help' for more information.\n");
  let ms = 0;
  for (const a of args) {
    // GNU sleep takes `.5` and `5.` as well as `0.5`.
    const m = /^(\d+(?:\.\d*)?|\.\d+)([smhd]?)$/.exec(a);
    if (!m) return fail(`sleep: invalid time interval '${a}'\nTry 'sleep --help' for more information.\n`);
    ms += Number(m[1]) * { '': 1000, s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000 }[m[2] as '' | 's' | 'm' | 'h' | 'd'];
  }
  return { ...ok(), waitMs: Math.min(ms, SLEEP_MAX_MS) };
};

/** Endless output until interrupted: the flood source for flow-control practice. */
const yes: Command = ({ args }) => {
  const line = `${args.length ? args.join(' ') : 'y'}\n`;
  const piece = line.repeat(Math.max(1, Math.floor(16384 / Buffer.byteLength(line))));
  return { ...ok(), stream: { next: () => piece } };
};

const seq: Command = ({ args }) => {
  const nums = args.map(Number);
  if (nums.length === 0 || nums.length > 3 || nums.some((n) => !Number.isFinite(n))) {
    return fail(args.length ? `seq: invalid floating point argument: '${args.find((a) => !Number.isFinite(Number(a))) ?? args[3]}'\n` : "seq: missing operand\nTry 'seq --help' for more information.\n");
  }
  const [first, step, last] = nums.length === 1 ? [1, 1, nums[0] as number] : nums.length === 2 ? [nums[0] as number, 1, nums[1] as number] : (nums as [number, number, number]);
  if (step === 0) return fail("seq: invalid Zero increment value: '0'\nTry 'seq --help' for more information.\n");
  let at = first;
  const done = (): boolean => (step > 0 ? at > last : at < last);
  return {
    ...ok(),
    stream: {
      next: () => {
        if (done()) return null;
        let piece = '';
        for (let i = 0; i < 2000 && !done(); i += 1, at += step) piece += `${at}\n`;
        return piece;
      },
    },
  };
};

const HELP = `Warroom practice shell. These commands work here:
  hostname  echo  printf  pwd  cd  ls  cat  less  head  tail  grep  wc  sort
  uptime  date  uname  whoami  id  free  ps  df  du  rm  truncate  touch
  sleep  yes  seq  tail -f (Ctrl-C stops what runs)  curl localhost  ss -tlnp  sudo -i
  systemctl status|restart|start|stop|is-active|--failed   journalctl -u NAME -n N
  journalctl --vacuum-size=SIZE   stty size   clear   exit
Pipes (|), ;, &&, ||, > and >> work. Start with: cat ~/RUNBOOK.md
`;

export const coreCommands: Record<string, Command> = {
  hostname,
  echo,
  printf,
  true: () => ok(),
  false: () => fail('', 1),
  ':': () => ok(),
  pwd: ({ env }) => ok(`${env.cwd}\n`),
  whoami: ({ env }) => ok(env.root ? 'root\n' : 'sre\n'),
  id: ({ env }) => ok(env.root ? 'uid=0(root) gid=0(root) groups=0(root)\n' : 'uid=1000(sre) gid=1000(sre) groups=1000(sre),4(adm),27(sudo),100(users)\n'),
  groups: () => ok('sre adm sudo users\n'),
  date: ({ now, args }) => ok(args.includes('-u') || args.length === 0 ? `${dateTime(now)}\n` : `${new Date(now).toISOString()}\n`),
  uname: ({ args, host }) => {
    if (args.includes('-a')) return ok(`Linux ${host.hostname} 6.1.0-27-amd64 #1 SMP PREEMPT_DYNAMIC Debian 6.1.115-1 (2024-11-01) x86_64 GNU/Linux\n`);
    if (args.includes('-r')) return ok('6.1.0-27-amd64\n');
    if (args.includes('-n')) return ok(`${host.hostname}\n`);
    return ok('Linux\n');
  },
  help: () => ok(HELP),
  clear: () => ok('\x1b[H\x1b[2J\x1b[3J'),
  tty: ({ env }) => (env.interactive ? ok('/dev/pts/0\n') : fail('not a tty\n')),
  stty: ({ args, env }) => (args[0] === 'size' ? ok(`${env.rows} ${env.cols}\n`) : ok()),
  export: ({ args, env }) => {
    for (const a of args) {
      const eq = a.indexOf('=');
      if (eq > 0) env.vars.set(a.slice(0, eq), a.slice(eq + 1));
    }
    return ok();
  },
  unset: ({ args, env }) => {
    for (const a of args) env.vars.delete(a);
    return ok();
  },
  env: ({ env }) => ok([...env.vars].map(([k, v]) => `${k}=${v}\n`).join('') + `PWD=${env.cwd}\n`),
  sleep,
  yes,
  seq,
  which: ({ args }) => ok(args.map((a) => `/usr/bin/${a}\n`).join('')),
  history: ({ env }) => ok(env.history.map((l, i) => `${String(i + 1).padStart(5)}  ${l}\n`).join('')),
};
