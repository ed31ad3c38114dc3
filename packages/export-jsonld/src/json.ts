/** JSON with 2-space indentation and a trailing newline; key order is the construction order. */
export function stableJson(value: unknown): string {
  return `${JSON.stringify(value, null, 2)}\n`;
}
