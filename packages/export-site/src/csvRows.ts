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

/** The row ranges of every record, looked up by `kind:id`; each list in table order. */
export interface RowRanges {
  get(key: string): RowRange[] | undefined;
}

/**
 * For each kind and record id, the row ranges of every table that has rows for it, in
 * table order. Kept compact (numbers per record id, the RowRange objects made when asked
 * for): a site of 100,000 engagements asks for each record's ranges once, when its page is
 * rendered, and an object per range and table held about 90 MiB meanwhile.
 */
export function csvRowRanges(dataset: PublishedDataset): RowRanges {
  const recordTables = tables.filter((t) => t.record);
  // kind -> id -> [table index, first row, last row, ...]
  const ranges = new Map<string, Map<string, number[]>>();
  recordTables.forEach((table, t) => {
    let byId = ranges.get(table.record!);
    if (!byId) ranges.set(table.record!, (byId = new Map()));
    let row = 1; // the header
    for (const context of rowContexts(table, dataset)) {
      row++;
      const id = (context.record as { id: string }).id;
      let list = byId.get(id);
      if (!list) byId.set(id, (list = []));
      const n = list.length;
      if (n > 0 && list[n - 3] === t && list[n - 1] === row - 1) list[n - 1] = row;
      else list.push(t, row, row);
    }
  });
  return {
    get(key) {
      const colon = key.indexOf(':');
      const list = ranges.get(key.slice(0, colon))?.get(key.slice(colon + 1));
      if (!list) return undefined;
      const out: RowRange[] = [];
      for (let i = 0; i < list.length; i += 3) {
        const table = recordTables[list[i]!]!;
        out.push({ file: table.file, table: table.name, first: list[i + 1]!, last: list[i + 2]! });
      }
      return out;
    },
  };
}

/** The RFC 7111 fragment of a range: `row=5` or `row=5-7`. */
export function rowFragment(range: RowRange): string {
  return range.first === range.last ? `row=${range.first}` : `row=${range.first}-${range.last}`;
}
