/** Every command the practice shell knows, by name. */
import type { Command } from '../types';
import { coreCommands } from './core';
import { fileCommands } from './files';
import { networkCommands } from './network';
import { serviceCommands } from './services';
import { systemCommands } from './system';
import { textCommands } from './text';

export const PRACTICE_COMMANDS: ReadonlyMap<string, Command> = new Map(Object.entries({
  ...coreCommands,
  ...systemCommands,
  ...fileCommands,
  ...textCommands,
  ...serviceCommands,
  ...networkCommands,
}));
