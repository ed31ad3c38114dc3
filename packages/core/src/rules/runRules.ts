import type { Diagnostic } from '../diagnostics.js';
import { toPointer } from '../diagnostics.js';
import type { AnyRecord } from '../dataset.js';
import type { Report, Rule, RuleContext, RecordRule } from './rule.js';

/**
 * Runs every rule over the dataset's valid records and turns their reports into located
 * diagnostics. Rules report a record and a path; positions come from the loader.
 */
export function runRules(rules: readonly Rule[], context: RuleContext): Diagnostic[] {
  const diagnostics: Diagnostic[] = [];
  const { dataset } = context;
  const all: AnyRecord[] = [...dataset.engagements, ...dataset.people, ...dataset.organizations];
  for (const rule of rules) {
    const report: Report = (at, message, hint) => {
      const span = at.record.source.locate(at.path, at.target ?? 'value');
      diagnostics.push({
        file: at.record.file,
        ...span,
        severity: rule.severity,
        code: rule.code,
        message,
        ...(hint ? { hint } : {}),
        path: toPointer(at.path),
      });
    };
    if (rule.scope === 'dataset') {
      rule.check(context, report);
      continue;
    }
    const recordRule = rule as RecordRule;
    for (const record of all) {
      if (!record.valid || !recordRule.kinds.includes(record.kind)) continue;
      recordRule.check(record, context, report);
    }
  }
  return diagnostics;
}
