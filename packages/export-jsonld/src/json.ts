/** JSON with 2-space indentation and a trailing newline; key order is the construction order. */
export function stableJson(value: unknown): string {
  return `${JSON.stringify(value, null, 2)}\n`;
}

// `JSON.stringify([[item]], null, 2)` is `[\n  [\n    <item indented by 4>\n  ]\n]`: the
// item exactly as it is written as an element of an array that is a value of a top-level
// key, with no extra pass over its text to indent it.
const ITEM_HEAD = '[\n  [\n    '.length;
const ITEM_TAIL = '\n  ]\n]'.length;

/**
 * The chunks of `stableJson({ ...head, [key]: [...items] })`, byte for byte, with the
 * array's items serialized one at a time as the iterable produces them: neither the array
 * nor the whole text is ever held. `key` must not be a key of `head` (it is written last).
 */
export function* stableJsonChunks(head: Readonly<Record<string, unknown>>, key: string, items: Iterable<unknown>): Generator<string> {
  if (Object.hasOwn(head, key)) throw new Error(`stableJsonChunks: the head already has ${key}`);
  // The head with an empty array, which ends in `[]\n}`: everything before the `[]` is ours.
  const empty = JSON.stringify({ ...head, [key]: [] }, null, 2);
  yield empty.slice(0, -'[]\n}'.length);
  let first = true;
  for (const item of items) {
    const text = JSON.stringify([[item]], null, 2);
    yield `${first ? '[\n    ' : ',\n    '}${text.slice(ITEM_HEAD, -ITEM_TAIL)}`;
    first = false;
  }
  yield first ? '[]\n}\n' : '\n  ]\n}\n';
}
