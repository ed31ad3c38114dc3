import { cpSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { checkDataset } from '@engagements/core';
import { it } from 'vitest';
import { FOUNDING, tempDir, TODAY, write } from './helpers.js';
const BASE = path.resolve(import.meta.dirname, '../fixtures/founding/records');
async function show(label: string, file: string, edit: (t: string) => string) {
  const dir = tempDir(); const records = path.join(dir, 'records');
  cpSync(BASE, records, { recursive: true });
  write(path.join(records, file), edit(readFileSync(path.join(BASE, file), 'utf8')));
  const { diagnostics } = await checkDataset({ recordsDir: records, cwd: dir, today: TODAY });
  console.log('### ' + label + '\n' + diagnostics.map((d) => `${d.line}:${d.column}-${d.endLine}:${d.endColumn} ${d.severity} ${d.code} ${d.message}\n   hint: ${d.hint}`).join('\n'));
}
it('x', async () => {
  await show('role 6 spaces', FOUNDING, (t) => t.replace('    role: principal\n    title_as_reported: Chief', '      role: principal\n    title_as_reported: Chief'));
  await show('country 3 spaces', FOUNDING, (t) => t.replace('    country: PK', '   country: PK'));
  await show('key 1 space less top', FOUNDING, (t) => t.replace('\ntopics:', '\n topics:'));
  await show('role 5', FOUNDING, (t) => t.replace('    role: principal\n    title_as_reported: Chief', '     role: principal\n    title_as_reported: Chief'));
  await show('flow closer at parent indent', FOUNDING, (t) => t.replace(/topics:\n(  - .*\n)+/, (m) => 'topics: [\n' + m.split('\n').slice(1, -1).map((l) => '    ' + l.slice(4) + ',').join('\n') + '\n]\n'));
  await show('flow not closed', FOUNDING, (t) => t.replace(/topics:\n(  - .*\n)+/, 'topics: [a, b\n'));
  await show('initiator source', FOUNDING, (t) => t.replace('initiator: unknown', 'initiator:\n  country: PK\n  source: [ispr]'));
  await show('initiator wrong form', FOUNDING, (t) => t.replace('initiator: unknown', 'initiator: PK'));
  await show('initiator list', FOUNDING, (t) => t.replace('initiator: unknown', 'initiator: [PK]'));
  await show('alias id', FOUNDING, (t) => t.replace('person: kono-taro', 'person: taro-kono'));
  await show('unknown topic', FOUNDING, (t) => t.replace(/topics:\n  - (.*)\n/, 'topics:\n  - space-weather-forecasting\n'));
  await show('url', FOUNDING, (t) => t.replace('url: https://nation.com.pk', 'url: nation.com.pk'));
  await show('missing confidence', FOUNDING, (t) => t.replace(/confidence:\n(  .*\n)+/, ''));
  await show('alias comma', 'organizations/pakistan-ministry-of-defence.yaml', (t) => t.replace(/aliases:\n(  - .*\n)+/, 'aliases: [Ministry of Defence, Pakistan]\n'));
});
