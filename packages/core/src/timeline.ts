// ENGAGEMENTS_TIMELINE=1: a line on stderr at each step of a run, in every thread
// (`timeline <ms since the process started> <thread> <step>`), to see what sits on the
// critical path of a cold check (PERFORMANCE.md). Off, a mark costs one comparison.
import { threadId } from 'node:worker_threads';

const setting = process.env.ENGAGEMENTS_TIMELINE;
/**
 * The main thread's time origin (epoch ms): the main thread writes it into the
 * environment, which the worker threads it starts inherit, so that every thread counts
 * from the process's start.
 */
const origin = setting === undefined || setting === '' || setting === '0' ? undefined : setting === '1' ? performance.timeOrigin : Number(setting);
if (origin !== undefined && threadId === 0) process.env.ENGAGEMENTS_TIMELINE = String(origin);

/** Writes `timeline <ms> <thread> <step>` on stderr when ENGAGEMENTS_TIMELINE is set; nothing otherwise. */
export function mark(step: string): void {
  if (origin === undefined) return;
  process.stderr.write(`timeline ${(performance.timeOrigin + performance.now() - origin).toFixed(1)} ${threadId} ${step}\n`);
}
