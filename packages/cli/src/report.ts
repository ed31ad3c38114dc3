import { open } from 'node:fs/promises';
import path from 'node:path';
import type { CheckSummary, Diagnostic } from '@engagements/core';
import { LIMITS } from '@engagements/core/quick';
import { formats, type FormatName } from './format/index.js';
import type { CommandContext } from './commands/command.js';

/**
 * Renders diagnostics in the chosen format and writes them to stdout. For the pretty
 * format it first reads each file that a diagnostic points into, once, for the code frames;
 * the github format also needs the repository root and writes the step summary (github.ts).
 */
export async function writeReport(diagnostics: readonly Diagnostic[], summary: CheckSummary, format: FormatName, context: CommandContext): Promise<void> {
  if (format === 'github') {
    const { writeGithubReport } = await import('./github.js');
    return writeGithubReport(diagnostics, summary, context);
  }
  const color = format === 'pretty' && context.color.stdout;
  const sources = format === 'pretty' ? await readSources(diagnostics, context.io.cwd) : undefined;
  context.io.stdout.write(formats[format](diagnostics, summary, { color, ...(sources ? { sources } : {}) }));
}

/** The text of every file diagnostics point into, by displayed name; files that cannot be read (or are too large) are left out. */
export async function readSources(diagnostics: readonly Diagnostic[], cwd: string): Promise<Map<string, string>> {
  const sources = new Map<string, string>();
  const decoder = new TextDecoder('utf-8'); // not fatal: a file that is not UTF-8 still gets a frame
  for (const file of new Set(diagnostics.map((d) => d.file))) {
    try {
      const handle = await open(path.resolve(cwd, file), 'r');
      try {
        const stat = await handle.stat();
        if (!stat.isFile() || stat.size > LIMITS.maxFileBytes) continue;
        sources.set(file, decoder.decode(await handle.readFile()));
      } finally {
        await handle.close();
      }
    } catch {
      // No frame for a file that cannot be read; its diagnostic already says why.
    }
  }
  return sources;
}
