import { lstatSync } from 'node:fs';

/**
 * What `lstat` says of many files, as numbers: for file i, `values[4i..4i+3]` are its
 * size, modification time, change time (milliseconds, as `Stats.mtimeMs` and `ctimeMs`)
 * and inode; `types[i]` is REGULAR, OTHER (a link, folder, device...) or MISSING (gone or
 * not readable; its values are -1). No object per file: an incremental run compares these
 * numbers with the cache's and hashes them for the report's signature.
 */
export interface FileStamps {
  readonly values: Float64Array;
  readonly types: Uint8Array;
}

export const MISSING = 0;
export const REGULAR = 1;
export const OTHER = 2;

const S_IFMT = 0o170000;
const S_IFREG = 0o100000;

/** Node's own layout of a stat result (src/node_file.h): the slots read here. */
const SLOT = { mode: 1, ino: 7, size: 8, mtimeSec: 12, mtimeNsec: 13, ctimeSec: 14, ctimeNsec: 15 } as const;

type RawLstat = (path: string, bigint: false, request: undefined, throwIfNoEntry: false) => Float64Array | undefined;

let raw: RawLstat | null | undefined;

/**
 * Node 20's `fs.lstatSync` builds a `Stats` object with four `Date` objects per call:
 * at 10,000 files, more time in building and collecting them than in the system calls
 * (about 135 ms against 60 ms, measured). Node's own binding fills one shared array of
 * numbers instead; it is used on Node 20 only (Node 22 made the dates lazy), and only
 * after it gave the same numbers as `lstatSync` for a file of this run; anything
 * unexpected (another layout, a throw) and `lstatSync` is used for every file.
 */
function rawLstat(probe: string): RawLstat | null {
  if (raw !== undefined) return raw;
  let expected;
  try {
    expected = lstatSync(probe, { throwIfNoEntry: false });
  } catch {
    expected = undefined;
  }
  if (!expected) return null; // nothing to compare with: ask again with the next call's first file
  raw = null;
  const flags = `${process.execArgv.join(' ')} ${process.env.NODE_OPTIONS ?? ''}`;
  // process.binding is a pending deprecation: never make it print a warning.
  if (!process.versions.node.startsWith('20.') || /--(pending|throw)-deprecation/.test(flags)) return raw;
  try {
    const binding = (process as unknown as { binding(name: string): { lstat?: unknown } }).binding('fs');
    if (typeof binding.lstat !== 'function') return raw;
    const candidate = binding.lstat.bind(binding) as RawLstat;
    const got = candidate(probe, false, undefined, false);
    if (!(got instanceof Float64Array) || got.length < 16) return raw;
    const [size, mtimeMs, ctimeMs, ino] = numbers(got);
    if (size === expected.size && mtimeMs === expected.mtimeMs && ctimeMs === expected.ctimeMs && ino === expected.ino && isRegular(got[SLOT.mode]!) === expected.isFile()) raw = candidate;
  } catch {
    raw = null;
  }
  return raw;
}

/** Size, mtimeMs, ctimeMs, ino from a stat array, computed as Node computes Stats' (msFromTimeSpec). */
function numbers(s: Float64Array): [number, number, number, number] {
  return [s[SLOT.size]!, s[SLOT.mtimeSec]! * 1e3 + s[SLOT.mtimeNsec]! / 1e6, s[SLOT.ctimeSec]! * 1e3 + s[SLOT.ctimeNsec]! / 1e6, s[SLOT.ino]!];
}

function isRegular(mode: number): boolean {
  return (mode & S_IFMT) === S_IFREG;
}

/** `lstat` of every file, in order, as numbers (see FileStamps). Never throws. */
export function stampFiles(files: readonly string[]): FileStamps {
  const values = new Float64Array(files.length * 4).fill(-1);
  const types = new Uint8Array(files.length);
  const fast = files.length > 0 ? rawLstat(files[0]!) : null;
  for (let i = 0; i < files.length; i++) {
    try {
      if (fast) {
        const s = fast(files[i]!, false, undefined, false);
        if (!s) continue;
        values[4 * i] = s[SLOT.size]!;
        values[4 * i + 1] = s[SLOT.mtimeSec]! * 1e3 + s[SLOT.mtimeNsec]! / 1e6;
        values[4 * i + 2] = s[SLOT.ctimeSec]! * 1e3 + s[SLOT.ctimeNsec]! / 1e6;
        values[4 * i + 3] = s[SLOT.ino]!;
        types[i] = isRegular(s[SLOT.mode]!) ? REGULAR : OTHER;
        continue;
      }
      const info = lstatSync(files[i]!, { throwIfNoEntry: false });
      if (!info) continue;
      values[4 * i] = info.size;
      values[4 * i + 1] = info.mtimeMs;
      values[4 * i + 2] = info.ctimeMs;
      values[4 * i + 3] = info.ino;
      types[i] = info.isFile() ? REGULAR : OTHER;
    } catch {
      // an unreadable folder and the like: MISSING, the loader says why
    }
  }
  return { values, types };
}

/** The stamps of some of the files (in the order of `indexes`). */
export function pickStamps(stamps: FileStamps, indexes: readonly number[]): FileStamps {
  const values = new Float64Array(indexes.length * 4);
  const types = new Uint8Array(indexes.length);
  indexes.forEach((from, to) => {
    values.set(stamps.values.subarray(4 * from, 4 * from + 4), 4 * to);
    types[to] = stamps.types[from]!;
  });
  return { values, types };
}
