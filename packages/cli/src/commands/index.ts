import type { CliCommand } from './command.js';

/**
 * Every subcommand of `engagements`, in the order `--help` lists them, each loaded only
 * when it runs: a command's module (and what it imports, such as the parsers or the
 * exporters) is not read when another command runs. One line per command.
 */
export const commands: ReadonlyArray<{ name: string; load: () => Promise<CliCommand> }> = [
  { name: 'validate', load: async () => (await import('./validate.js')).validateCommand },
  { name: 'build', load: async () => (await import('./build.js')).buildCommand },
  { name: 'new', load: async () => (await import('./new.js')).newCommand },
  { name: 'fmt', load: async () => (await import('./fmt.js')).fmtCommand },
  { name: 'diff', load: async () => (await import('./diff.js')).diffCommand },
];

/**
 * The commands a command line needs: the one it names, none for `--version` (commander
 * prints it before looking at commands), or all of them (for help or a mistake).
 */
export async function loadCommands(argv: readonly string[]): Promise<CliCommand[]> {
  if (argv[0] === '-V' || argv[0] === '--version') return [];
  const named = commands.find((c) => c.name === argv[0]);
  return Promise.all((named ? [named] : commands).map((c) => c.load()));
}

export type { CliCommand, CommandContext } from './command.js';
