import type { Diagnostic } from '../diagnostics.js';
import { toPointer } from '../diagnostics.js';
import type { AnyRecord } from '../dataset.js';
import type { Report, Rule, RuleContext, RecordRule } from './rule.js';

/**
 * Remembers the findings of the record-scoped rules between runs (see
 * cache/incremental.ts): `recall` gives a record's findings when they still hold,
 * `observe` runs a record's rules with a context of its own and keeps what they found.
 */
export interface RuleMemo {
  recall(record: AnyRecord): Diagnostic[] | undefined;
  observe(record: AnyRecord, context: RuleContext, run: (context: RuleContext) => Diagnostic[]): Diagnostic[];
}

/**
 * Runs every rule over the dataset's valid records and turns their reports into located
 * diagnostics. Rules report a record and a path; positions come from the loader. With a
 * memo, the record-scoped rules run record by record and only where their findings may
 * have changed. With `records`, the record-scoped rules run on those records only (a
 * worker thread checks the records it loaded, against a dataset of every record).
 */
export function runRules(rules: readonly Rule[], context: RuleContext, memo?: RuleMemo, records?: readonly AnyRecord[]): Diagnostic[] {
  const diagnostics: Diagnostic[] = [];
  const { dataset } = context;
  const all: readonly AnyRecord[] = records ?? [...dataset.engagements, ...dataset.people, ...dataset.organizations];
  const reporter =
    (rule: Rule, into: Diagnostic[]): Report =>
    (at, message, hint) => {
      const span = at.record.source.locate(at.path, at.target ?? 'value', at.within);
      into.push({
        file: at.record.file,
        ...span,
        severity: rule.severity,
        code: rule.code,
        message,
        ...(hint ? { hint } : {}),
        path: toPointer(at.path),
      });
    };
  const recordRules: RecordRule[] = [];
  for (const rule of rules) {
    if (rule.scope === 'dataset') rule.check(context, reporter(rule, diagnostics));
    else recordRules.push(rule as RecordRule);
  }
  if (!memo) {
    for (const rule of recordRules) {
      const report = reporter(rule, diagnostics);
      for (const record of all) {
        if (!record.valid || !rule.kinds.includes(record.kind)) continue;
        rule.check(record, context, report);
      }
    }
    return diagnostics;
  }
  for (const record of all) {
    if (!record.valid) continue;
    const recalled = memo.recall(record);
    if (recalled) {
      diagnostics.push(...recalled);
      continue;
    }
    const found = memo.observe(record, context, (tracked) => {
      const mine: Diagnostic[] = [];
      for (const rule of recordRules) if (rule.kinds.includes(record.kind)) rule.check(record, tracked, reporter(rule, mine));
      return mine;
    });
    diagnostics.push(...found);
  }
  return diagnostics;
}
