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
  // One report function for the whole run, whichever rule is running (`rule`) and
  // wherever its findings go (`into`): rules report synchronously from `check`, and a
  // worker runs every rule on each record one at a time, so a closure per rule and
  // record would be garbage made thousands of times.
  let rule: Rule | undefined;
  let into = diagnostics;
  const report: Report = (at, message, hint) => {
    const span = at.record.source.locate(at.path, at.target ?? 'value', at.within);
    into.push({
      file: at.record.file,
      ...span,
      severity: rule!.severity,
      code: rule!.code,
      message,
      ...(hint ? { hint } : {}),
      path: toPointer(at.path),
    });
  };
  const recordRules: RecordRule[] = [];
  for (const r of rules) {
    if (r.scope === 'dataset') {
      rule = r;
      r.check(context, report);
    } else recordRules.push(r as RecordRule);
  }
  if (!memo) {
    for (const r of recordRules) {
      rule = r;
      for (const record of all) {
        if (!record.valid || !r.kinds.includes(record.kind)) continue;
        r.check(record, context, report);
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
      into = mine;
      try {
        for (const r of recordRules) {
          if (!r.kinds.includes(record.kind)) continue;
          rule = r;
          r.check(record, tracked, report);
        }
      } finally {
        into = diagnostics;
      }
      return mine;
    });
    diagnostics.push(...found);
  }
  return diagnostics;
}
