/**
 * Becoming root and back: `sudo -i`, `sudo -s`, `sudo su [-]` open a root shell (the practice user
 * needs no password), and `exit` in it returns to sre instead of ending the login.
 */
import type { Outcome, ShellEnv } from './types';

const SRE_HOME = '/home/sre';
const ROOT_HOME = '/root';

export function enterRoot(env: ShellEnv, login: boolean): Outcome {
  if (!env.root) {
    env.root = { cwd: env.cwd };
    env.vars.set('USER', 'root');
    env.vars.set('LOGNAME', 'root');
    env.vars.set('HOME', ROOT_HOME);
    if (login) env.cwd = ROOT_HOME;
  }
  return { out: '', err: '', code: 0 };
}

/** Leaves the root shell if in one; returns false when there was none (so exit ends the login). */
export function leaveRoot(env: ShellEnv): boolean {
  if (!env.root) return false;
  env.cwd = env.root.cwd;
  env.root = undefined;
  env.vars.set('USER', 'sre');
  env.vars.set('LOGNAME', 'sre');
  env.vars.set('HOME', SRE_HOME);
  return true;
}

/** Whether `sudo ARGS` (flags already split off) asks for a shell rather than a command. */
export function wantsRootShell(flags: readonly string[], args: readonly string[]): { login: boolean } | null {
  if (args.length === 0 && flags.some((f) => /^-[a-zA-Z]*[is]/.test(f) || f === '--login' || f === '--shell')) {
    return { login: flags.some((f) => /^-[a-zA-Z]*i/.test(f) || f === '--login') };
  }
  if (args[0] === 'su' && args.slice(1).every((a) => ['-', '-l', '--login', 'root'].includes(a))) {
    return { login: args.slice(1).some((a) => a !== 'root') };
  }
  if ((args[0] === 'bash' || args[0] === 'sh') && args.length === 1) return { login: false };
  return null;
}

/** The prompt bash shows for the current user: `sre@web-01:~$ ` or `root@web-01:/var/log# `. */
export function promptFor(env: ShellEnv, hostname: string): string {
  const home = env.root ? ROOT_HOME : SRE_HOME;
  const cwd = env.cwd;
  const shown = cwd === home ? '~' : cwd.startsWith(`${home}/`) ? `~${cwd.slice(home.length)}` : cwd;
  return `${env.root ? 'root' : 'sre'}@${hostname}:${shown}${env.root ? '#' : '$'} `;
}
