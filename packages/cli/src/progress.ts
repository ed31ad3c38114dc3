import type { Io } from './io.js';

/** Runs shorter than this many files finish before a bar would be worth drawing. */
const MIN_FILES = 1000;

export interface Progress {
  update(done: number, total: number): void;
  /** Removes the bar, leaving the terminal as it was. */
  done(): void;
}

/**
 * A progress bar for long runs on a terminal (stderr), redrawn at most ten times a second.
 * Nothing at all when stderr is not a terminal, on CI, or with `NO_PROGRESS`.
 */
/** Whether progress may be drawn: on a terminal, not on CI, not with `NO_PROGRESS`. */
export function showsProgress(io: Io): boolean {
  return io.stderr.isTTY === true && !io.env.CI && !io.env.NO_PROGRESS;
}

export function progressBar(io: Io, label: string): Progress {
  const enabled = showsProgress(io);
  let drawn = false;
  let last = 0;
  return {
    update(done, total) {
      if (!enabled || total < MIN_FILES) return;
      const now = Date.now();
      if (now - last < 100 && done < total) return;
      last = now;
      const width = 30;
      const filled = Math.round((done / total) * width);
      io.stderr.write(`\r\u001b[2K${label} [${'#'.repeat(filled)}${'-'.repeat(width - filled)}] ${done}/${total}`);
      drawn = true;
    },
    done() {
      if (drawn) io.stderr.write('\r\u001b[2K');
      drawn = false;
    },
  };
}
