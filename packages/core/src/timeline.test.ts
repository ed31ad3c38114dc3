import { afterEach, describe, expect, it, vi } from 'vitest';

async function freshMark(setting: string | undefined) {
  vi.resetModules();
  if (setting === undefined) delete process.env.ENGAGEMENTS_TIMELINE;
  else process.env.ENGAGEMENTS_TIMELINE = setting;
  return (await import('./timeline.js')).mark;
}

describe('mark (ENGAGEMENTS_TIMELINE)', () => {
  const saved = process.env.ENGAGEMENTS_TIMELINE;
  afterEach(() => {
    vi.restoreAllMocks();
    if (saved === undefined) delete process.env.ENGAGEMENTS_TIMELINE;
    else process.env.ENGAGEMENTS_TIMELINE = saved;
  });

  it('writes nothing when the variable is unset or 0', async () => {
    const write = vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
    (await freshMark(undefined))('a step');
    (await freshMark('0'))('a step');
    expect(write).not.toHaveBeenCalled();
  });

  it('writes the milliseconds since the process started, the thread and the step, and hands the origin on to worker threads', async () => {
    const write = vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
    (await freshMark('1'))('validate: start');
    expect(write).toHaveBeenCalledTimes(1);
    const line = String(write.mock.calls[0]![0]);
    expect(line).toMatch(/^timeline \d+\.\d 0 validate: start\n$/);
    const ms = Number(line.split(' ')[1]);
    expect(ms).toBeGreaterThan(0);
    expect(ms).toBeLessThan(performance.now() + 1);
    // The environment the workers inherit holds the main thread's origin, as epoch milliseconds.
    expect(Number(process.env.ENGAGEMENTS_TIMELINE)).toBeCloseTo(performance.timeOrigin, 0);
  });
});
