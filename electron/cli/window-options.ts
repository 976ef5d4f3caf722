/**
 * The options that shape the window's world (hosts, practice fleet, screen reader), defined once
 * for `warroom web` and the desktop app (electron/main.ts), so both always take the same ones.
 * The desktop app parses them with the same commander definitions as the CLI.
 */
import { Command, InvalidArgumentError } from 'commander';
import type { WarroomOptions } from '../app/warroom';
import { DEFAULT_PRACTICE_HOSTS, MAX_PRACTICE_HOSTS } from '../practice/index';
import { collect } from './command';

export interface WindowFlags {
  practice?: number | true;
  sshConfig?: string;
  inventory: string[];
  screenReader?: boolean;
}

function hostCount(value: string | undefined): number {
  if (value === undefined) return DEFAULT_PRACTICE_HOSTS;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1 || n > MAX_PRACTICE_HOSTS) throw new InvalidArgumentError(`the practice fleet has 1 to ${MAX_PRACTICE_HOSTS} hosts`);
  return n;
}

export function addWindowOptions(command: Command): Command {
  return command
    .option('--practice [hosts]', `start the practice fleet (default ${DEFAULT_PRACTICE_HOSTS} hosts); without it, it starts only when no host is configured`, hostCount)
    .option('--ssh-config <file>', 'ssh config to read hosts from (default ~/.ssh/config)')
    .option('--inventory <file>', 'Ansible inventory (INI or YAML); repeatable', collect, [])
    .option('--screen-reader', "turn on xterm's screen-reader mode in every terminal");
}

export function windowOptions(flags: WindowFlags): Pick<WarroomOptions, 'sshConfigFile' | 'inventories' | 'practice' | 'screenReader'> {
  return {
    ...(flags.sshConfig !== undefined ? { sshConfigFile: flags.sshConfig } : {}),
    inventories: flags.inventory,
    practice: flags.practice === undefined ? 'auto' : flags.practice === true ? DEFAULT_PRACTICE_HOSTS : flags.practice,
    screenReader: flags.screenReader ?? false,
  };
}

/**
 * The desktop app's command line. Electron and Chromium take switches of their own, so unknown
 * options and operands are let through; a bad value for one of ours is an error, as in the CLI.
 */
export function desktopProgram(): Command {
  return addWindowOptions(new Command('warroom-desktop'))
    .allowUnknownOption()
    .allowExcessArguments()
    .exitOverride()
    .configureOutput({ writeOut: () => undefined, writeErr: () => undefined });
}

/** `args` are the user's arguments only (after the executable, and after the app path when unpackaged). */
export function parseDesktopArgs(args: readonly string[]): ReturnType<typeof windowOptions> {
  const program = desktopProgram();
  try {
    program.parse([...args], { from: 'user' });
  } catch (err) {
    throw new Error(`bad command line: ${err instanceof Error ? err.message : String(err)}`);
  }
  return windowOptions(program.opts<WindowFlags>());
}
