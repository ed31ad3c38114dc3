'use strict';
// The length of a string in code points, as JSON Schema's maxLength and minLength count
// it: a surrogate pair is one. Bundled into the generated validators in place of Ajv's
// runtime helper of the same name, which reads the string a code unit at a time; here a
// string without a high surrogate (almost every string: any text in the Basic
// Multilingual Plane) is answered with one scan by the regular expression engine.
// Same results (tests/schema/firstErrorValidators.test.ts compares them).
Object.defineProperty(exports, '__esModule', { value: true });
const HIGH = /[\uD800-\uDBFF]/;
const PAIRS = /[\uD800-\uDBFF][\uDC00-\uDFFF]/g;
function ucs2length(str) {
  if (!HIGH.test(str)) return str.length;
  const pairs = str.match(PAIRS);
  return str.length - (pairs ? pairs.length : 0);
}
exports.default = ucs2length;
