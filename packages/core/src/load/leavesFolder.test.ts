import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { leavesFolder } from './leavesFolder.js';
import { displayPath } from './loadRecord.js';

describe('leavesFolder', () => {
  it('is true for .. and ../ paths and absolute ones, false for names that begin with two dots', () => {
    expect(['..', '../x.yaml', '../../a/b', '/tmp/x.yaml'].map(leavesFolder)).toEqual([true, true, true, true]);
    expect(['..records/people/x.yaml', '...', '..x', 'a/../b', ''].map(leavesFolder)).toEqual([false, false, false, false, false]);
  });

  it('lets displayPath show a file under a folder named ..records relative to the working directory', () => {
    const cwd = path.resolve('/work/project');
    expect(displayPath(path.join(cwd, '..records', 'people', 'x.yaml'), cwd)).toBe('..records/people/x.yaml');
    expect(displayPath(path.resolve(cwd, '../other/x.yaml'), cwd)).toBe(path.resolve(cwd, '../other/x.yaml').split(path.sep).join('/'));
  });
});
