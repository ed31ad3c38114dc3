import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { LIMITS } from './limits.js';
import { readRegularFile, readWithinLimit } from './readRegular.js';

const dir = mkdtempSync(path.join(tmpdir(), 'engagements-read-'));
const file = (name: string, content: string | Buffer) => {
  const full = path.join(dir, name);
  writeFileSync(full, content);
  return full;
};

describe('readWithinLimit (the checking workers\' read)', () => {
  it('gives the bytes of a file, in a buffer the next read reuses', () => {
    const first = readWithinLimit(file('a.yaml', 'id: a\n'))!;
    expect(first.toString('utf8')).toBe('id: a\n');
    const second = readWithinLimit(file('b.yaml', 'id: bb\n'))!;
    expect(second.toString('utf8')).toBe('id: bb\n');
    expect(first.buffer).toBe(second.buffer); // one buffer: copy what must be kept
    expect(readWithinLimit(file('empty.yaml', ''))!.length).toBe(0);
  });

  it('reads a file of exactly the limit, and refuses one byte more, as readRegularFile does', () => {
    const atLimit = file('limit.yaml', Buffer.alloc(LIMITS.maxFileBytes, 0x61));
    expect(readWithinLimit(atLimit)!.length).toBe(LIMITS.maxFileBytes);
    const over = file('over.yaml', Buffer.alloc(LIMITS.maxFileBytes + 1, 0x61));
    expect(readWithinLimit(over)).toBeUndefined();
    expect(readRegularFile(over)).toBeUndefined();
  });

  it('reads nothing through a symbolic link, from a folder or a missing file', () => {
    const target = file('target.yaml', 'id: target\n');
    const link = path.join(dir, 'link.yaml');
    symlinkSync(target, link);
    expect(readWithinLimit(link)).toBeUndefined();
    const folder = path.join(dir, 'folder.yaml');
    mkdirSync(folder);
    expect(readWithinLimit(folder)).toBeUndefined();
    expect(readWithinLimit(path.join(dir, 'missing.yaml'))).toBeUndefined();
  });

  it('does not wait on a FIFO without a writer (nothing read: the full loader says it is no regular file)', () => {
    const fifo = path.join(dir, 'fifo.yaml');
    expect(spawnSync('mkfifo', [fifo]).status).toBe(0);
    const read = readWithinLimit(fifo);
    expect(read === undefined || read.length === 0).toBe(true);
  });
});
