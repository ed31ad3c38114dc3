import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Exporter } from './exporter.js';
import { buildOutputs } from './build.js';
import { writeOutputsAtomically } from './writeOutputs.js';

const records = path.resolve(import.meta.dirname, '../../../../records');

function workspace(): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'engagements-build-'));
  cpSync(records, path.join(dir, 'records'), { recursive: true });
  return dir;
}

const listing: Exporter = {
  name: 'list',
  export: (data) => [
    { path: 'list/engagements.txt', content: data.engagements.map((e) => e.id).join('\n') + '\n' },
    { path: 'list/people.txt', content: data.people.map((p) => p.id).join('\n') + '\n' },
  ],
};

function snapshot(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  const walk = (d: string) => {
    for (const e of readdirSync(d, { withFileTypes: true })) {
      const full = path.join(d, e.name);
      if (e.isDirectory()) walk(full);
      else out[path.relative(dir, full)] = readFileSync(full, 'utf8');
    }
  };
  if (existsSync(dir)) walk(dir);
  return out;
}

describe('buildOutputs', () => {
  it('writes every exporter file into the output folder and nothing beside it', async () => {
    const dir = workspace();
    const result = await buildOutputs({ cwd: dir, exporters: [listing], today: '2026-01-01' });
    expect(result.built).toBe(true);
    expect(result.files).toEqual(['list/engagements.txt', 'list/people.txt']);
    expect(readFileSync(path.join(dir, 'dist/list/people.txt'), 'utf8')).toContain('kono-taro\n');
    expect(readdirSync(dir).sort()).toEqual(['dist', 'records']);
  });

  it('writes nothing when the records have errors', async () => {
    const dir = workspace();
    await buildOutputs({ cwd: dir, exporters: [listing], today: '2026-01-01' });
    const before = snapshot(path.join(dir, 'dist'));
    writeFileSync(path.join(dir, 'records/people/kono-taro.yaml'), 'id: kono-taro\nname: [unclosed\n');
    const result = await buildOutputs({ cwd: dir, exporters: [listing, { name: 'boom', export: () => { throw new Error('must not run'); } }], today: '2026-01-01' });
    expect(result.built).toBe(false);
    expect(result.check.summary.errors).toBeGreaterThan(0);
    expect(snapshot(path.join(dir, 'dist'))).toEqual(before);
  });

  it('leaves the previous outputs exactly as they were when an exporter fails half-way', async () => {
    const dir = workspace();
    await buildOutputs({ cwd: dir, exporters: [listing], today: '2026-01-01' });
    const before = snapshot(path.join(dir, 'dist'));
    const failing: Exporter = { name: 'failing', export: () => { throw new Error('exporter failed'); } };
    await expect(buildOutputs({ cwd: dir, exporters: [{ ...listing, export: () => [{ path: 'list/new.txt', content: 'x' }] }, failing], today: '2026-01-01' })).rejects.toThrow('exporter failed');
    expect(snapshot(path.join(dir, 'dist'))).toEqual(before);
    expect(readdirSync(dir).sort()).toEqual(['dist', 'records']);
  });
});

describe('writeOutputsAtomically', () => {
  it('refuses paths that escape the output folder or collide, leaving the previous outputs', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'engagements-write-'));
    const out = path.join(dir, 'dist');
    await writeOutputsAtomically(out, [{ path: 'a.txt', content: 'old' }]);
    await expect(writeOutputsAtomically(out, [{ path: '../evil.txt', content: 'x' }])).rejects.toThrow(/escapes/);
    await expect(writeOutputsAtomically(out, [{ path: 'b.txt', content: '1' }, { path: 'b.txt', content: '2' }])).rejects.toThrow(/same file/);
    expect(snapshot(out)).toEqual({ 'a.txt': 'old' });
    expect(existsSync(path.join(dir, 'evil.txt'))).toBe(false);
    expect(readdirSync(dir)).toEqual(['dist']);
  });

  it('puts the previous outputs back when a swap was interrupted between its two renames', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'engagements-write-'));
    const out = path.join(dir, 'dist');
    await writeOutputsAtomically(out, [{ path: 'a.txt', content: 'old' }]);
    renameSync(out, path.join(dir, '.dist.previous')); // the state a kill between the renames leaves
    await expect(writeOutputsAtomically(out, [{ path: 'x', content: '' }, { path: 'x', content: '' }])).rejects.toThrow();
    expect(snapshot(out)).toEqual({ 'a.txt': 'old' });
    await writeOutputsAtomically(out, [{ path: 'a.txt', content: 'new' }]);
    expect(snapshot(out)).toEqual({ 'a.txt': 'new' });
    expect(readdirSync(dir)).toEqual(['dist']);
  });
});

describe('streamed outputs', () => {
  it('are written chunk by chunk, byte for byte, and read back with outputText', async () => {
    const { outputText } = await import('./exporter.js');
    const dir = mkdtempSync(path.join(tmpdir(), 'engagements-stream-'));
    const out = path.join(dir, 'dist');
    const big = 'x'.repeat(3 << 20);
    const file = { path: 'big/file.txt', content: function* () { yield 'head\n'; yield big; yield new TextEncoder().encode('é\n'); yield 'tail\n'; } };
    await writeOutputsAtomically(out, [file]);
    const written = readFileSync(path.join(out, 'big/file.txt'), 'utf8');
    expect(written).toBe(`head\n${big}é\ntail\n`);
    expect(outputText(file)).toBe(written);
  });
});

describe('outputs handed on by a later exporter', () => {
  it('are seen by the later exporter and produced once, the second name a link or a copy of the same bytes', async () => {
    const dir = workspace();
    let calls = 0;
    const streamed: Exporter = { name: 'big', export: () => [{ path: 'big/data.txt', content: function* () { calls++; yield 'streamed\n'; } }] };
    const seen: string[] = [];
    const presenter: Exporter = {
      name: 'presenter',
      export: (_data, context) => {
        seen.push(...(context.outputs ?? []).map((f) => f.path));
        return (context.outputs ?? []).map((f) => ({ path: `presenter/downloads/${f.path}`, content: f.content }));
      },
    };
    const result = await buildOutputs({ cwd: dir, exporters: [streamed, presenter], today: '2026-01-01' });
    expect(seen).toEqual(['big/data.txt']);
    expect(result.files).toEqual(['big/data.txt', 'presenter/downloads/big/data.txt']);
    expect(readFileSync(path.join(dir, 'dist/presenter/downloads/big/data.txt'), 'utf8')).toBe('streamed\n');
    expect(readFileSync(path.join(dir, 'dist/big/data.txt'), 'utf8')).toBe('streamed\n');
    expect(calls).toBe(1);
  });
});
