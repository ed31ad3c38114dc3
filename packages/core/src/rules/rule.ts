import type { RecordKind } from '@engagements/schema';
import type { Severity } from '../diagnostics.js';
import type { AnyRecord, Dataset, LoadedRecord } from '../dataset.js';

/** Where a finding is: a record and the path of a node inside it. */
export interface RuleLocation {
  record: AnyRecord;
  path: readonly (string | number)[];
  /** Point at the key of a mapping pair instead of its value. */
  target?: 'key' | 'value';
  /** Point at the first place this text is written inside the node (a character inside a value), as YAML007 does. */
  within?: string;
}

/** How a rule reports a finding; the runner turns it into a located Diagnostic. */
export type Report = (at: RuleLocation, message: string, hint?: string) => void;

export interface RuleContext {
  dataset: Dataset;
  /** "Today" as YYYY-MM-DD; injectable so that date rules are testable. */
  today: string;
}

interface RuleBase {
  /** Stable code, never reused: RULE001, RULE002, ... */
  code: string;
  /** Short kebab-case name. */
  name: string;
  /** What the rule checks and why, for the docs. */
  description: string;
  severity: Severity;
}

/** A rule run once per valid record of the given kinds. */
export interface RecordRule<K extends RecordKind = RecordKind> extends RuleBase {
  scope: 'record';
  kinds: readonly K[];
  check(record: LoadedRecord<K>, context: RuleContext, report: Report): void;
}

/** A rule run once over the whole dataset. */
export interface DatasetRule extends RuleBase {
  scope: 'dataset';
  check(context: RuleContext, report: Report): void;
}

export type Rule = RecordRule<'engagement'> | RecordRule<'person'> | RecordRule<'organization'> | RecordRule | DatasetRule;
