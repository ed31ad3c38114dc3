// Character codes the canonical YAML reader (canonicalYaml.ts) and its locator
// (canonicalLocator.ts) compare text against with charCodeAt: one list, so that both
// read the same grammar.
export const LF = 10;
export const SPACE = 32;
export const DOUBLE_QUOTE = 34;
export const HASH = 35;
export const SINGLE_QUOTE = 39;
export const PLUS = 43;
export const COMMA = 44;
export const DASH = 45;
export const COLON = 58;
export const GREATER = 62;
export const QUESTION = 63;
export const OPEN_BRACKET = 91;
export const BACKSLASH = 92;
export const CLOSE_BRACKET = 93;
export const BAR = 124;
