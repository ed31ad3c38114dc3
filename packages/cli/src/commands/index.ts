import type { CliCommand } from './command.js';
import { buildCommand } from './build.js';
import { validateCommand } from './validate.js';

/** Every subcommand of `engagements`, in the order `--help` lists them. One line per command. */
export const commands: readonly CliCommand[] = [
  validateCommand,
  buildCommand,
];

export type { CliCommand, CommandContext } from './command.js';
