// A record file whose ending is a near miss of `.yaml` (`.YAML`, `.Yaml`, `.yml`) is
// reported by `validate` and by `fmt` (LOAD009), never skipped while the run says success.
import { copyFileSync, renameSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { TODAY, Workspace, type JsonReport } from '../cli/helpers.js';

const KONO = 'records/people/kono-taro';

function misnamed(ending: string): Workspace {
  const ws = new Workspace();
  expect(ws.run(['fmt']).status).toBe(0); // canonical first, so fmt has nothing else to say
  renameSync(ws.path(`${KONO}.yaml`), ws.path(`${KONO}${ending}`));
  return ws;
}

describe('near-miss record file endings', () => {
  for (const ending of ['.YAML', '.Yaml', '.yml']) {
    it(`validate reports ${ending} at the file, and the record is still checked (its references resolve)`, () => {
      const ws = misnamed(ending);
      const r = ws.run(['validate', '--format', 'json', '--today', TODAY]);
      expect(r.status).toBe(1);
      const report = JSON.parse(r.stdout) as JsonReport;
      expect(report.diagnostics.map((d) => [d.file, d.line, d.column, d.code])).toEqual([[`${KONO}${ending}`, 1, 1, 'LOAD009']]);
      expect(report.diagnostics[0]!.message).toContain(`ends in "${ending}", but record files end in ".yaml"`);
      expect(report.diagnostics[0]!.hint).toContain('Rename the file to kono-taro.yaml');
      expect(report.summary.errors).toBe(1);
    });

    it(`fmt reports ${ending} and exits 1, with and without --check, and leaves the file alone`, () => {
      const ws = misnamed(ending);
      const before = ws.read(`${KONO}${ending}`);
      for (const args of [['fmt'], ['fmt', '--check'], ['fmt', 'records/people']]) {
        const r = ws.run(args);
        expect(r.status, args.join(' ')).toBe(1);
        expect(r.stdout).toContain(`${KONO}${ending}:1:1  error  LOAD009  The file name ends in "${ending}"`);
        expect(r.stdout).toMatch(/✖ 1 file could not be formatted \(left alone\)\n$/);
      }
      expect(ws.read(`${KONO}${ending}`)).toBe(before);
    });
  }

  it('a near-miss copy beside the correctly named file: RULE001 lands on the copy, and LOAD009 says remove one', () => {
    const ws = new Workspace();
    expect(ws.run(['fmt']).status).toBe(0);
    copyFileSync(ws.path(`${KONO}.yaml`), ws.path(`${KONO}.YAML`));
    const r = ws.run(['validate', '--format', 'json', '--today', TODAY]);
    expect(r.status).toBe(1);
    const report = JSON.parse(r.stdout) as JsonReport;
    expect(report.diagnostics.map((d) => [d.file, d.line, d.column, d.code])).toEqual([
      [`${KONO}.YAML`, 1, 1, 'LOAD009'],
      [`${KONO}.YAML`, 2, 5, 'RULE001'],
    ]);
    const [load, duplicate] = report.diagnostics;
    expect(load!.hint).toBe('kono-taro.yaml exists beside it: the two files are duplicates of one record. Keep one (merge anything only this file has into kono-taro.yaml) and remove this one.');
    expect(duplicate!.message).toBe(`The person id "kono-taro" is already used by ${KONO}.yaml.`);
  });

  it('validate with a folder argument lists near misses too', () => {
    const ws = misnamed('.YAML');
    const r = ws.run(['validate', 'records/people', '--format', 'json', '--today', TODAY]);
    expect(r.status).toBe(1);
    expect((JSON.parse(r.stdout) as JsonReport).diagnostics.map((d) => [d.file, d.code])).toEqual([[`${KONO}.YAML`, 'LOAD009']]);
  });
});
