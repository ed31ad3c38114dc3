/**
 * Limits that keep hostile or runaway input from exhausting memory or the stack.
 * Real records are a few kilobytes; these are generous by orders of magnitude.
 */
export const LIMITS = {
  /** Largest record file, in bytes. */
  maxFileBytes: 1024 * 1024,
  /** Deepest nesting of collections in a record. */
  maxDepth: 64,
  /** Most alias nodes in one file (each alias is expanded when read). */
  maxAliases: 100,
  /** Most record files in one dataset. */
  maxRecords: 1_000_000,
} as const;
