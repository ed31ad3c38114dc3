/** Where a command writes and what it may read of its environment: process streams in the binary, strings in tests. */
export interface OutputStream {
  write(chunk: string): unknown;
  isTTY?: boolean;
}

export interface Io {
  /** The directory relative paths are resolved against and displayed relative to. */
  cwd: string;
  env: Readonly<Record<string, string | undefined>>;
  stdout: OutputStream;
  stderr: OutputStream;
}

/** The real process: its streams, environment and current directory. */
export function processIo(): Io {
  return { cwd: process.cwd(), env: process.env, stdout: process.stdout, stderr: process.stderr };
}

/**
 * Whether to colour what goes to a stream: never when NO_COLOR is set to a non-empty
 * value (https://no-color.org); otherwise as FORCE_COLOR says when it is set (`0` or
 * `false` turn colour off, anything else on); otherwise only on a terminal that is not `dumb`.
 */
export function useColor(stream: OutputStream, env: Io['env']): boolean {
  if (env.NO_COLOR) return false;
  const force = env.FORCE_COLOR;
  if (force !== undefined) return force !== '0' && force !== 'false';
  return stream.isTTY === true && env.TERM !== 'dumb';
}
