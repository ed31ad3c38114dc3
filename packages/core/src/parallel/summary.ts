import { recordId, type AnyRecord } from '../dataset.js';
import type { Diagnostic } from '../diagnostics.js';
import type { LoadedSummary } from './protocol.js';

/** What the other threads learn of a loaded file: its diagnostics, the record's id and validity, and the data of a person or organization. */
export function summarize(index: number, record: AnyRecord, diagnostics: Diagnostic[]): LoadedSummary {
  return { index, diagnostics, record: { kind: record.kind, id: recordId(record) ?? null, valid: record.valid, ...(record.kind === 'engagement' ? {} : { data: record.data }) } };
}
