// How GitHub's runner reads the workflow commands a step prints, written from the rules of
// actions/runner (src/Runner.Common/ActionCommand.cs `TryParseV2`, and
// src/Runner.Worker/ActionCommandManager.cs `IssueCommandExtension`) and GitHub's
// "Workflow commands" documentation, so that tests can check what a pull request would
// show rather than the text we print.
//
// - A command is a line that, after leading white space, starts with `::`; the command
//   name and its properties run to the next `::`, the data is everything after it.
// - Properties are separated by `,`, empty entries skipped; each is `key=value`, split at
//   the first `=`; keys are case-insensitive; an entry without a value is ignored.
// - Property values unescape `%0D`, `%0A`, `%3A`, `%2C`, then `%25`; data unescapes `%0D`,
//   `%0A`, then `%25`.
// - For `error`, `warning` and `notice`, the runner reads `file`, `line`, `endLine`, `col`,
//   `endColumn` and `title`. It drops the columns when `endLine` differs from `line`, the
//   lines when `endLine` < `line`, and the columns when `endColumn` < `col`.
// - Of one step it attaches at most 10 annotations of each type; GitHub adds a limit of 50
//   per job. A message longer than 4096 characters is cut there.

export interface Annotation {
  type: 'error' | 'warning' | 'notice';
  file?: string;
  line?: number;
  endLine?: number;
  col?: number;
  endColumn?: number;
  title?: string;
  message: string;
}

const ISSUE_COMMANDS = new Set(['error', 'warning', 'notice']);
export const MAX_PER_TYPE_PER_STEP = 10;
export const MAX_PER_JOB = 50;
export const MAX_MESSAGE_LENGTH = 4096;

function unescape(value: string, codes: ReadonlyArray<[string, string]>): string {
  let out = value;
  for (const [code, char] of codes) out = out.split(code).join(char);
  return out;
}
const PROPERTY_CODES: Array<[string, string]> = [['%0D', '\r'], ['%0A', '\n'], ['%3A', ':'], ['%2C', ','], ['%25', '%']];
const DATA_CODES: Array<[string, string]> = [['%0D', '\r'], ['%0A', '\n'], ['%25', '%']];

/** One line as the runner parses it: undefined when it is no command (it is then plain log). */
export function parseCommand(line: string): { command: string; properties: Map<string, string>; data: string } | undefined {
  const text = line.trimStart();
  if (!text.startsWith('::')) return undefined;
  const end = text.indexOf('::', 2);
  if (end < 0) return undefined;
  const info = text.slice(2, end);
  const space = info.indexOf(' ');
  const command = space < 0 ? info : info.slice(0, space);
  const properties = new Map<string, string>();
  if (space > 0) {
    for (const entry of info.slice(space + 1).trim().split(',').filter((e) => e !== '')) {
      const eq = entry.indexOf('=');
      if (eq <= 0 || eq === entry.length - 1) continue;
      properties.set(entry.slice(0, eq).toLowerCase(), unescape(entry.slice(eq + 1), PROPERTY_CODES));
    }
  }
  return { command, properties, data: unescape(text.slice(end + 2), DATA_CODES) };
}

/** An `error`, `warning` or `notice` command as the runner turns it into an annotation. */
export function toAnnotation(line: string): Annotation | undefined {
  const parsed = parseCommand(line);
  if (!parsed || !ISSUE_COMMANDS.has(parsed.command)) return undefined;
  const get = (key: string) => parsed.properties.get(key.toLowerCase());
  const int = (key: string) => {
    const v = get(key);
    return v !== undefined && /^-?\d+$/.test(v) ? Number(v) : undefined;
  };
  let line_ = int('line');
  let endLine = int('endLine');
  let col = int('col');
  let endColumn = int('endColumn');
  let lineText = get('line');
  if (endLine !== undefined && line_ === undefined) {
    line_ = endLine;
    lineText = get('endLine');
  }
  if (endColumn !== undefined && col === undefined) col = endColumn;
  if (line_ === undefined && (col !== undefined || endColumn !== undefined)) col = endColumn = undefined;
  if (endLine !== undefined && lineText !== get('endLine') && (col !== undefined || endColumn !== undefined)) col = endColumn = undefined;
  if (line_ !== undefined && endLine !== undefined && endLine < line_) line_ = endLine = undefined;
  if (col !== undefined && endColumn !== undefined && endColumn < col) col = endColumn = undefined;
  const file = get('file');
  const title = get('title');
  return {
    type: parsed.command as Annotation['type'],
    ...(file !== undefined ? { file } : {}),
    ...(line_ !== undefined ? { line: line_ } : {}),
    ...(endLine !== undefined ? { endLine } : {}),
    ...(col !== undefined ? { col } : {}),
    ...(endColumn !== undefined ? { endColumn } : {}),
    ...(title !== undefined ? { title } : {}),
    message: parsed.data.slice(0, MAX_MESSAGE_LENGTH),
  };
}

/** What one step's output attaches to the run: every annotation, then those the per-step caps keep. */
export function annotationsOfStep(output: string): { all: Annotation[]; attached: Annotation[] } {
  const all = output.split(/\r?\n/).map(toAnnotation).filter((a): a is Annotation => a !== undefined);
  const counts = new Map<string, number>();
  const attached = all.filter((a) => {
    const n = counts.get(a.type) ?? 0;
    counts.set(a.type, n + 1);
    return n < MAX_PER_TYPE_PER_STEP;
  });
  return { all, attached };
}
