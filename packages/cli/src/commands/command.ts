import type { Command } from 'commander';
import type { Io } from '../io.js';

/** What every command gets: where to write, and the exit code to set. */
export interface CommandContext {
  io: Io;
  /** Whether each stream is to be coloured (NO_COLOR, FORCE_COLOR, terminal). */
  color: { stdout: boolean; stderr: boolean };
  /** The exit code of the run: 0 by default; a command's action sets it. */
  exitCode: number;
}

/**
 * One subcommand of `engagements`. To add a command, write `commands/<name>.ts`
 * exporting one of these and list it in `commands/index.ts`.
 *
 * `register` adds the subcommand to the program with commander (`program.command(...)`).
 * Its action sets `context.exitCode` (0 ok, 1 data errors) and throws `UsageError` for a
 * usage mistake (exit 2); anything else it throws is an internal error (exit 2).
 */
export interface CliCommand {
  name: string;
  register(program: Command, context: CommandContext): void;
}
