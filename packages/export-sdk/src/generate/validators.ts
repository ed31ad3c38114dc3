/** The names of the validators the generated module exports, in the order the package uses them. */
export const VALIDATOR_NAMES = ['validateEngagement', 'validatePerson', 'validateOrganization'] as const;

/**
 * Turns the generated standalone validators (packages/schema/src/generated/validators.ts:
 * Ajv's standalone code bundled by esbuild into one dependency-free ES module) into an
 * expression that evaluates to `{ validateEngagement, validatePerson, validateOrganization }`,
 * so that the same text works inside both the ES module and the CommonJS file of the
 * package without leaking its top-level names. Throws when the module does not have the
 * expected shape (one `export { ... }` block at the end, no imports).
 */
export function validatorsExpression(source: string): string {
  const text = source.replace(/\r\n/g, '\n');
  const footer = /\nexport \{([^}]*)\};?\s*$/.exec(text);
  if (!footer) throw new Error('validatorsExpression: the generated validators do not end with an `export { ... }` block');
  const exported = footer[1]!.split(',').map((s) => s.trim()).filter(Boolean);
  for (const name of VALIDATOR_NAMES) {
    if (!exported.includes(name)) throw new Error(`validatorsExpression: the generated validators do not export ${name}`);
  }
  if (exported.some((e) => !/^[A-Za-z_$][\w$]*$/.test(e))) throw new Error('validatorsExpression: renamed exports are not expected');
  const body = text.slice(0, footer.index);
  if (/^\s*(import|export)\b/m.test(body)) throw new Error('validatorsExpression: the generated validators contain another import or export');
  if (/\bimport\.meta\b|\brequire\(["']/.test(body.replace(/\.code = '[^'\n]*'/g, ''))) throw new Error('validatorsExpression: the generated validators refer to modules or import.meta');
  // Drop the banner and the lint/type directives at the top.
  const code = body.split('\n').filter((_line, i, all) => !(i < 10 && all.slice(0, i + 1).every((l) => /^\s*(\/\/.*|\/\* eslint-disable \*\/)?$/.test(l)))).join('\n');
  return `/* @__PURE__ */ (function () {\n${code.trim()}\nreturn { ${VALIDATOR_NAMES.map((n) => `${n}: ${n}`).join(', ')} };\n})()`;
}
