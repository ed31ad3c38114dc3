/** A mistake in how the command was called (bad option value, missing folder): exit code 2, no stack trace. */
export class UsageError extends Error {
  override name = 'UsageError';
}

/** Exit codes of every command. */
export const EXIT = {
  /** No errors (warnings allowed). */
  ok: 0,
  /** The data has errors. */
  dataErrors: 1,
  /** Usage error or internal error. */
  usage: 2,
} as const;

/**
 * The message shown for an exception that reached the top: one line, without a stack
 * trace unless ENGAGEMENTS_DEBUG=1.
 */
export function describeError(error: unknown, env: Readonly<Record<string, string | undefined>>): string {
  const debug = env.ENGAGEMENTS_DEBUG === '1';
  if (error instanceof UsageError) return `error: ${firstLine(error.message)}\n`;
  const message = error instanceof Error ? firstLine(error.message) || error.name : firstLine(String(error));
  if (debug) return `internal error: ${message}\n${error instanceof Error && error.stack ? error.stack : String(error)}\n`;
  return `internal error: ${message} (set ENGAGEMENTS_DEBUG=1 to see the stack trace)\n`;
}

function firstLine(text: string): string {
  return text.split(/\r?\n/)[0]!.trim();
}
