// Drives a command through a pseudo-terminal, as a person at a keyboard would: the
// command runs under util-linux `script`, which gives it a terminal for stdin and stdout;
// the test waits for each question to appear before typing the answer.
import { spawn, spawnSync, type ChildProcessWithoutNullStreams } from 'node:child_process';

/** Whether `script` from util-linux is installed (it is on ubuntu-latest and in the dev container). */
export const HAVE_SCRIPT = spawnSync('script', ['--version'], { encoding: 'utf8' }).stdout?.includes('util-linux') === true;

export const KEY = {
  enter: '\r',
  up: '\u001b[A',
  down: '\u001b[B',
  space: ' ',
  backspace: '\u007f',
  ctrlC: '\u0003',
} as const;

/** Removes ANSI escape sequences (colours, cursor moves, erasing), keeping the text. */
export function stripAnsi(text: string): string {
  // eslint-disable-next-line no-control-regex
  return text.replace(/\u001b\[[0-9;?]*[ -/]*[@-~]|\u001b\][^\u0007]*\u0007|\u001b[()][A-Z0-9]|\u001b[=>78]/g, '');
}

const quote = (arg: string) => `'${arg.replace(/'/g, `'\\''`)}'`;

export class PtySession {
  private raw = '';
  /** Offset in the stripped output up to which `waitFor` has matched. */
  private seen = 0;
  private readonly child: ChildProcessWithoutNullStreams;
  readonly exit: Promise<number | null>;

  constructor(command: readonly string[], options: { cwd: string; env?: Record<string, string>; columns?: number }) {
    const columns = options.columns ?? 160;
    // A fixed terminal size, so that prompts are laid out the same everywhere.
    const shell = `stty cols ${columns} rows 50; exec ${command.map(quote).join(' ')}`;
    this.child = spawn('script', ['-qfec', shell, '/dev/null'], {
      cwd: options.cwd,
      env: { PATH: process.env.PATH ?? '', TZ: 'UTC', TERM: 'xterm-256color', NO_COLOR: '1', ...options.env },
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    this.child.stdout.on('data', (chunk: Buffer) => (this.raw += chunk.toString('utf8')));
    this.child.stderr.on('data', (chunk: Buffer) => (this.raw += chunk.toString('utf8')));
    this.exit = new Promise((resolve) => this.child.on('close', (code) => resolve(code)));
  }

  /** Everything the terminal showed so far, without escape sequences. */
  get output(): string {
    return stripAnsi(this.raw).replace(/\r/g, '');
  }

  /** Waits until `pattern` appears in the output after the previous match; fails after `timeout` ms with what was shown. */
  async waitFor(pattern: string | RegExp, timeout = 20_000): Promise<string> {
    const started = Date.now();
    for (;;) {
      const rest = this.output.slice(this.seen);
      const match = typeof pattern === 'string' ? (rest.includes(pattern) ? { index: rest.indexOf(pattern), 0: pattern } : null) : pattern.exec(rest);
      if (match) {
        this.seen += match.index + match[0].length;
        return match[0];
      }
      if (Date.now() - started > timeout || this.child.exitCode !== null) {
        await new Promise((r) => setTimeout(r, 50));
        throw new Error(`Timed out waiting for ${String(pattern)}; the terminal showed:\n${this.output}`);
      }
      await new Promise((r) => setTimeout(r, 20));
    }
  }

  /** Types keys (a short pause first, as the prompt finishes drawing). */
  async type(keys: string): Promise<void> {
    await new Promise((r) => setTimeout(r, 60));
    this.child.stdin.write(keys);
  }

  /** Waits for a question, then types the answer. */
  async answer(question: string | RegExp, keys: string): Promise<void> {
    await this.waitFor(question);
    await this.type(keys);
  }

  kill(): void {
    this.child.kill('SIGKILL');
  }
}
