import type { Engagement, Organization, Person } from '@engagements/schema';

/** One file an exporter produces, with a path relative to the output folder (`/` separators). */
export interface OutputFile {
  path: string;
  content: string | Uint8Array;
}

/** The validated dataset as plain data, each list sorted by id: what exporters publish. */
export interface PublishedDataset {
  engagements: readonly Engagement[];
  people: readonly Person[];
  organizations: readonly Organization[];
}

export interface ExportContext {
  /** The output folder of the previous build, if any (read-only), e.g. to compare with the last release. */
  previousOutDir?: string;
}

/**
 * The one contract for every exporter: a pure function from the validated dataset to
 * files. Exporters never touch the file system for writing: the build stages every
 * exporter's files and swaps them into place, so atomicity and determinism live in one place.
 */
export interface Exporter {
  /** Short name, also the exporter's folder under the output folder (csv, jsonld, sdk). */
  name: string;
  export(dataset: PublishedDataset, context: ExportContext): OutputFile[] | Promise<OutputFile[]>;
}
