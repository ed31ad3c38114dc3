import { lstatSync, mkdirSync, mkdtempSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { MISSING, OTHER, REGULAR, stampFiles } from './fileStamps.js';

describe('stampFiles', () => {
  it("gives lstat's size, times and inode as numbers, and says which files are regular, other or missing", () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'engagements-stamps-'));
    const a = path.join(dir, 'a.yaml');
    const b = path.join(dir, 'b.yaml');
    writeFileSync(a, 'id: a\n');
    writeFileSync(b, 'id: bb\nname: B\n');
    const link = path.join(dir, 'link.yaml');
    symlinkSync(a, link);
    const folder = path.join(dir, 'folder.yaml');
    mkdirSync(folder);
    const files = [a, b, link, folder, path.join(dir, 'gone.yaml'), path.join(a, 'below-a-file.yaml')];
    const { values, types } = stampFiles(files);
    expect([...types]).toEqual([REGULAR, REGULAR, OTHER, OTHER, MISSING, MISSING]);
    files.slice(0, 4).forEach((file, i) => {
      const info = lstatSync(file); // of the link itself, never its target
      expect([...values.subarray(4 * i, 4 * i + 4)]).toEqual([info.size, info.mtimeMs, info.ctimeMs, info.ino]);
    });
    expect([...values.subarray(16)]).toEqual([-1, -1, -1, -1, -1, -1, -1, -1]);
    expect(stampFiles([])).toEqual({ values: new Float64Array(0), types: new Uint8Array(0) });
  });
});
