// Where each record's rows are in the CSV tables, as RFC 7111 fragment identifiers
// (`engagements.csv#row=12-14`; the header is row 1). Found by walking the same row
// contexts the CSV exporter writes, so the numbers match the files byte for byte.
import type { PublishedDataset } from '@engagements/core';
import { rowContexts, tables } from '@engagements/export-csv';

export interface RowRange {
  /** The table's file name inside the CSV folder. */
  file: string;
  table: string;
  first: number;
  last: number;
}

export type RecordKind = 'engagement' | 'person' | 'organization';

/** For each kind and record id, the row ranges of every table that has rows for it, in table order. */
export function csvRowRanges(dataset: PublishedDataset): Map<string, RowRange[]> {
  const ranges = new Map<string, RowRange[]>();
  for (const table of tables) {
    if (!table.record) continue;
    let row = 1; // the header
    for (const context of rowContexts(table, dataset)) {
      row++;
      const id = (context.record as { id: string }).id;
      const key = `${table.record}:${id}`;
      let list = ranges.get(key);
      if (!list) ranges.set(key, (list = []));
      const lastRange = list[list.length - 1];
      if (lastRange && lastRange.file === table.file && lastRange.last === row - 1) lastRange.last = row;
      else list.push({ file: table.file, table: table.name, first: row, last: row });
    }
  }
  return ranges;
}

/** The RFC 7111 fragment of a range: `row=5` or `row=5-7`. */
export function rowFragment(range: RowRange): string {
  return range.first === range.last ? `row=${range.first}` : `row=${range.first}-${range.last}`;
}
