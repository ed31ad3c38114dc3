import { readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import type { PublishedDataset } from '@engagements/core';
import { buildDatabase, databaseChunks, loadSqlite, metadataRows, SqliteBuildError } from '@engagements/export-sqlite';
import { describe, expect, it } from 'vitest';
import { concatBytes, FOUNDING_RECORDS, loadPublished, REAL_RECORDS } from './helpers.js';

// The database is built in a file on disk (packages/export-sqlite/src/fileVfs.ts), so that
// the WebAssembly heap holds only SQLite's caches. These tests hold it to the bytes an
// in-memory build gives, and to leaving no temporary file behind.

const facts = (dataset: PublishedDataset) => ({ metadata: metadataRows(dataset, '9.9.9', 'sha256:x') });
const leftovers = () => readdirSync(tmpdir()).filter((name) => name.startsWith('engagements-sqlite-') && !/-(namibia|real)-/.test(name));

describe('the database built in a file', () => {
  it('has exactly the bytes of the same database built in memory (header fields of the commits zero)', async () => {
    const sqlite3 = await loadSqlite();
    const dataset = await loadPublished(REAL_RECORDS);
    const before = leftovers();
    const fromFile = concatBytes([...databaseChunks(sqlite3, dataset, facts(dataset))]);
    const db = buildDatabase(sqlite3, dataset, facts(dataset));
    const inMemory = sqlite3.capi.sqlite3_js_db_export(db);
    db.close();
    expect(fromFile.length).toBe(inMemory.length);
    expect(fromFile.length % 4096).toBe(0);
    expect(Buffer.from(fromFile).equals(Buffer.from(inMemory))).toBe(true);
    expect(Buffer.from(fromFile.subarray(0, 16)).toString('latin1')).toBe('SQLite format 3\0');
    expect(leftovers()).toEqual(before);
  });

  it('removes its temporary folder when the build fails', async () => {
    const sqlite3 = await loadSqlite();
    const founding = await loadPublished(FOUNDING_RECORDS);
    const broken: PublishedDataset = { ...founding, engagements: founding.engagements.map((e) => ({ ...e, participants: e.participants.map((p, i) => (i === 1 ? { ...p, person: 'no-such-person' } : p)) })) };
    const before = leftovers();
    expect(() => [...databaseChunks(sqlite3, broken, facts(broken))]).toThrow(SqliteBuildError);
    expect(leftovers()).toEqual(before);
  });

  it('removes its temporary folder when the reader stops early (a later file of the build failed)', async () => {
    const sqlite3 = await loadSqlite();
    const dataset = await loadPublished(REAL_RECORDS);
    const before = leftovers();
    for (const chunk of databaseChunks(sqlite3, dataset, facts(dataset))) {
      expect(chunk.length).toBeGreaterThan(0);
      break;
    }
    expect(leftovers()).toEqual(before);
  });
});
