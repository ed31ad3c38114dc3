import type { Engagement, Organization, Person } from '@engagements/schema';

/**
 * What the build gives a streamed file's content function when it writes the file (tests
 * and readers call it without).
 */
export interface WriteContext {
  /**
   * A folder for the temporary files a content function needs while it produces its chunks
   * (the SQLite database is built in a file there). It is beside the build's staging folder
   * and removed with it: when the build ends, fails, is stopped by SIGINT or SIGTERM, and, after
   * a SIGKILL, at the start of the next build into the same output folder.
   */
  tempDir: string;
  /**
   * True when the writer turns the event loop between chunks (so that a signal is handled
   * within a fraction of a second): a long computation may then yield empty chunks as the
   * points where it can be stopped. Readers without a context never get empty chunks.
   */
  pauses: boolean;
}

/** A file's content as a whole, or as chunks produced on demand. */
export type OutputContent = string | Uint8Array | ((context?: WriteContext) => Iterable<string | Uint8Array>);

/**
 * One file an exporter produces, with a path relative to the output folder (`/` separators).
 * Large files give their content as a function returning chunks (a generator): the build
 * writes each chunk as it is produced, so that no output is ever held whole in memory.
 * The function may be called more than once (tests read outputs again) and must give the
 * same chunks each time.
 */
export interface OutputFile {
  path: string;
  content: OutputContent;
}

const decoder = new TextDecoder();

/** The whole content of an output file as text (for tests and small files). */
export function outputText(file: OutputFile): string {
  const { content } = file;
  if (typeof content === 'string') return content;
  if (content instanceof Uint8Array) return decoder.decode(content);
  let text = '';
  for (const chunk of content()) text += typeof chunk === 'string' ? chunk : decoder.decode(chunk);
  return text;
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
  /**
   * The files of the exporters that ran before this one in the same build, in their order
   * (read-only): an exporter that presents the other outputs (the site's downloads) lists
   * what is actually being built. An exporter may hand on another's file under a new path
   * with the same `content` value; the build then writes it once and copies it.
   */
  outputs?: readonly OutputFile[];
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
