import { readFileSync } from 'node:fs';
import { Command, CommanderError } from 'commander';
import { loadCommands, type CliCommand } from './commands/index.js';
import type { CommandContext } from './commands/command.js';
import { describeError, EXIT } from './errors.js';
import { useColor, type Io } from './io.js';

/** Builds the `engagements` program with every command registered against the given context. */
export function createProgram(context: CommandContext, commands: readonly CliCommand[]): Command {
  const { io } = context;
  const program = new Command('engagements')
    .description('Validate and publish the engagements dataset.')
    .version(version(), '-V, --version', 'print the version')
    .helpOption('-h, --help', 'show help')
    .helpCommand(false)
    .showHelpAfterError('(add --help for usage)')
    .exitOverride()
    .configureOutput({
      writeOut: (s) => void io.stdout.write(s),
      writeErr: (s) => void io.stderr.write(s),
      getOutHasColors: () => context.color.stdout,
      getErrHasColors: () => context.color.stderr,
    });
  // Settings above are copied to each subcommand when it is created.
  for (const command of commands) command.register(program, context);
  return program;
}

/**
 * Runs the command line `argv` (without `node` and the script) and resolves to the exit
 * code: 0 ok, 1 the data has errors, 2 usage or internal error. Never throws; never
 * exits the process.
 */
export async function run(argv: readonly string[], io: Io): Promise<number> {
  const context: CommandContext = {
    io,
    color: { stdout: useColor(io.stdout, io.env), stderr: useColor(io.stderr, io.env) },
    exitCode: EXIT.ok,
  };
  try {
    await createProgram(context, await loadCommands(argv)).parseAsync([...argv], { from: 'user' });
    return context.exitCode;
  } catch (error) {
    if (error instanceof CommanderError) {
      // Commander has already printed its message (or the help or version).
      return error.exitCode === 0 ? EXIT.ok : EXIT.usage;
    }
    io.stderr.write(describeError(error, io.env));
    return EXIT.usage;
  }
}

/** The version in this package's package.json: one folder up from dist/, two from the bundle in dist/bundle/. */
function version(): string {
  for (const relative of ['../package.json', '../../package.json']) {
    try {
      const pkg = JSON.parse(readFileSync(new URL(relative, import.meta.url), 'utf8')) as { name?: string; version?: string };
      if (pkg.name === '@engagements/cli') return pkg.version ?? '0.0.0';
    } catch {
      // not there: try the next
    }
  }
  return '0.0.0';
}
