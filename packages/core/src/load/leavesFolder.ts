import path from 'node:path';

/**
 * Whether a path made relative to a folder (`path.relative`, either separator) leaves it:
 * `..` itself, a path starting `../`, or another drive's absolute path. A name that merely
 * begins with two dots (`..records/people/x.yaml`) stays inside; testing
 * `startsWith('..')` took such a folder for an outside one.
 */
export function leavesFolder(relative: string): boolean {
  return relative === '..' || relative.startsWith('../') || relative.startsWith(`..${path.sep}`) || path.isAbsolute(relative);
}
