// The registry of rules beyond the schema: one rule per file, each with a stable code
// and a test beside it. Add new rules here in code order.
import type { Rule } from './rule.js';

export const rules: readonly Rule[] = [];

export type { Rule, RecordRule, DatasetRule, RuleContext, Report, RuleLocation } from './rule.js';
