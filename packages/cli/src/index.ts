// The programmatic face of the CLI, for tests and tools: run a command line against
// given streams, or render diagnostics in one of the output formats.
export { run, createProgram } from './cli.js';
export type { Io, OutputStream } from './io.js';
export { processIo, useColor } from './io.js';
export { UsageError, EXIT, describeError } from './errors.js';
export { commands, type CliCommand, type CommandContext } from './commands/index.js';
export { formats, FORMAT_NAMES, renderPretty, renderJson, renderGithub, type FormatName, type Renderer, type RenderOptions } from './format/index.js';
export { escapeData, escapeProperty } from './format/github.js';
export { summaryLine } from './format/summary.js';
export { writeReport, readSources } from './report.js';
