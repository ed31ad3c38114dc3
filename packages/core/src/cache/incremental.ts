import { createHash } from 'node:crypto';
import type { Diagnostic } from '../diagnostics.js';
import type { AnyRecord, Dataset } from '../dataset.js';
import type { RuleContext } from '../rules/rule.js';
import type { RuleMemo } from '../rules/runRules.js';
import type { KeptRules, RecordCache, RuleResult } from './recordCache.js';

function isFresh(rules: RuleResult | KeptRules): rules is RuleResult {
  return Array.isArray((rules as RuleResult).lookups);
}

type Kind = 'engagement' | 'person' | 'organization';
const LETTER: Record<Kind, string> = { engagement: 'e', person: 'p', organization: 'o' };

/**
 * Incremental record-scoped rules. A record rule sees its own record and looks others up
 * by id (`dataset.personById.get(id)`, `has`, `unreadableIds[kind].has(id)`); the rules
 * run against a view of the dataset that notes every such lookup as a key (`p:kono-taro`),
 * a walk over all the ids of a kind as `*p`, and any use of the record lists as "cannot
 * be reused". A record's findings are reused when its content (hash) is the one they were
 * computed on and every key it looked up has the value it had then: the content hash and
 * validity of the first record with that id, "unreadable" or "none" (`lookupValue`).
 * The keys whose value changed are found once per run from the cache's lookups table, and
 * a record's kept findings are tested against those numbers only. The dataset-scoped
 * rules (unique ids, aliases) run over every record each time, reading ids and names that
 * the cache keeps in its index rather than the records' data.
 */
export class IncrementalRules implements RuleMemo {
  private noted: Set<string> | undefined;
  private blind = false;
  private readonly values = new Map<string, string>();
  private readonly view: Dataset;
  private readonly results = new Map<AnyRecord, RuleResult | KeptRules>();
  private changedNumbers: number[] | undefined;

  constructor(
    private readonly dataset: Dataset,
    /** The SHA-1 of a record's file as the cache knows it (undefined: not cached). */
    private readonly hashOf: (record: AnyRecord) => string | undefined,
    /** The cached findings of a record (undefined: none, or its content changed). */
    private readonly cached: (record: AnyRecord) => RuleResult | KeptRules | undefined,
    /** The lookups table of the cache: the keys kept findings depend on and the values they had, by number. */
    private readonly table: readonly (readonly [string, string])[],
  ) {
    const note = (key: string) => this.noted?.add(key);
    const blind = () => {
      this.blind = true;
    };
    // The collections are asked for when first used: a dataset read from the cache's
    // index builds a kind's records only when a rule looks one up.
    const track = <M extends Map<string, unknown> | Set<string>>(empty: M, collection: () => M, kind: Kind): M =>
      new Proxy(empty, {
        get(_, property) {
          const target = collection();
          if (property === 'get' || property === 'has') {
            return (id: string) => {
              note(`${LETTER[kind]}:${id}`);
              return (target as Map<string, unknown>)[property](id);
            };
          }
          note(`*${LETTER[kind]}`); // keys(), size, iteration: depends on every id of the kind
          const value = Reflect.get(target, property, target) as unknown;
          return typeof value === 'function' ? (value as (...args: unknown[]) => unknown).bind(target) : value;
        },
      });
    const d = dataset;
    this.view = {
      recordsDir: d.recordsDir,
      get engagements() {
        blind();
        return d.engagements;
      },
      get people() {
        blind();
        return d.people;
      },
      get organizations() {
        blind();
        return d.organizations;
      },
      engagementById: track(new Map(), () => d.engagementById, 'engagement'),
      personById: track(new Map(), () => d.personById, 'person'),
      organizationById: track(new Map(), () => d.organizationById, 'organization'),
      unreadableIds: { engagement: track(new Set(), () => d.unreadableIds.engagement, 'engagement'), person: track(new Set(), () => d.unreadableIds.person, 'person'), organization: track(new Set(), () => d.unreadableIds.organization, 'organization') },
    };
  }

  recall(record: AnyRecord): Diagnostic[] | undefined {
    const earlier = this.cached(record);
    if (!earlier) return undefined;
    if (isFresh(earlier)) {
      for (const key of earlier.lookups) if (this.valueOf(key) !== this.table.find(([k]) => k === key)?.[1]) return undefined;
      this.results.set(record, earlier);
      return earlier.diagnostics;
    }
    // The keys whose value changed are found once, from the table; a record's findings
    // hold unless it looked one of them up (its lookups are not even parsed then).
    this.changedNumbers ??= this.table.flatMap(([key, value], n) => (this.valueOf(key) !== value ? [n] : []));
    if (earlier.lookedUpAny(this.changedNumbers)) return undefined;
    this.results.set(record, earlier);
    return earlier.findings();
  }

  observe(record: AnyRecord, context: RuleContext, run: (context: RuleContext) => Diagnostic[]): Diagnostic[] {
    this.noted = new Set();
    this.blind = false;
    let diagnostics: Diagnostic[];
    try {
      diagnostics = run({ ...context, dataset: this.view });
    } finally {
      const lookups = this.noted;
      this.noted = undefined;
      if (!this.blind && this.hashOf(record) !== undefined) this.results.set(record, { diagnostics: diagnostics!, lookups: [...lookups!] });
    }
    return diagnostics;
  }

  /**
   * Takes the findings of a record made elsewhere (a worker thread's memo: `take`;
   * undefined: none to keep), or moves those observed here to the end. Called for every
   * record in the order runRules visits them, the findings end in the order a check on one
   * thread keeps them, and the cache numbers its lookups the same (the same index file).
   */
  adopt(record: AnyRecord, result: RuleResult | undefined): void {
    const own = this.results.get(record);
    if (own) this.results.delete(record);
    if (own ?? result) this.results.set(record, (own ?? result)!);
  }

  /** The findings observed on a record, forgotten here (a worker sends them on and drops the record). */
  take(record: AnyRecord): RuleResult | undefined {
    const result = this.results.get(record);
    this.results.delete(record);
    return result && isFresh(result) ? result : undefined;
  }

  /** The findings to keep for a record (undefined when they cannot be reused). */
  resultOf(record: AnyRecord): RuleResult | KeptRules | undefined {
    return this.results.get(record);
  }

  /** The current value of every key of the cache's table and of every key some new finding depends on. */
  lookupValues(): Record<string, string> {
    const out: Record<string, string> = {};
    for (const [key] of this.table) out[key] = this.valueOf(key);
    for (const result of this.results.values()) if (isFresh(result)) for (const key of result.lookups) out[key] ??= this.valueOf(key);
    return out;
  }

  /** What a lookup key stands for now; see the class comment. */
  valueOf(key: string): string {
    let value = this.values.get(key);
    if (value !== undefined) return value;
    const kind = (Object.keys(LETTER) as Kind[]).find((k) => LETTER[k] === (key[0] === '*' ? key[1] : key[0]))!;
    const byId = kind === 'engagement' ? this.dataset.engagementById : kind === 'person' ? this.dataset.personById : this.dataset.organizationById;
    const unreadable = this.dataset.unreadableIds[kind];
    if (key[0] === '*') {
      const hash = createHash('sha1');
      for (const id of byId.keys()) hash.update(`${id}\n`);
      hash.update('--\n');
      for (const id of [...unreadable].sort()) hash.update(`${id}\n`);
      value = hash.digest('base64');
    } else {
      const id = key.slice(2);
      const record = byId.get(id) as AnyRecord | undefined;
      // A record without a known hash gets a value that never matches: its dependents rerun.
      value = record ? `${this.hashOf(record) ?? `?${Math.random()}`}${record.valid ? '+' : '-'}${record.relativePath}` : unreadable.has(id) ? 'unreadable' : 'none';
    }
    this.values.set(key, value);
    return value;
  }
}

export type { RecordCache };
