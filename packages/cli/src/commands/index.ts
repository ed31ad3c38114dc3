import type { CliCommand } from './command.js';
import { buildCommand } from './build.js';
import { diffCommand } from './diff.js';
import { fmtCommand } from './fmt.js';
import { newCommand } from './new.js';
import { validateCommand } from './validate.js';

/** Every subcommand of `engagements`, in the order `--help` lists them. One line per command. */
export const commands: readonly CliCommand[] = [
  validateCommand,
  buildCommand,
  newCommand,
  fmtCommand,
  diffCommand,
];

export type { CliCommand, CommandContext } from './command.js';
