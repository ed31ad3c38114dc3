// A worker thread of checkInWorkers: fast-loads the files it is sent and runs the
// record-scoped rules on each record as soon as every person and organization is known,
// against a dataset whose engagements are not known yet. A record whose rules looked
// engagements up (a related engagement, a hint listing ids of every kind) is kept and
// checked again once the whole dataset is known; every other record is dropped at once,
// so that the worker's heap stays small. Only diagnostics and ids go back: the records
// never cross to the main thread. A file the fast path declines goes back as it was read:
// the main thread loads it with the full loader (see DeclinedFile).
import { readFileSync } from 'node:fs';
import { parentPort } from 'node:worker_threads';
import { createDataset, recordId, type AnyRecord, type Dataset } from '../dataset.js';
import type { Diagnostic } from '../diagnostics.js';
import { fastLoad } from '../load/fastParse.js';
import { hashOf } from '../load/fastLoadBatch.js';
import { IncrementalRules } from '../cache/incremental.js';
import { createLazyLocator } from '../load/lazyLocator.js';
import { pathNames, type PathNames } from '../load/loadMany.js';
import { loadedElsewhere } from './loadedElsewhere.js';
import { readWithinLimit } from '../load/readRegular.js';
import { recordKindOf } from '../load/recordKind.js';
import { rules } from '../rules/index.js';
import { runRules } from '../rules/runRules.js';
import { summarize } from './summary.js';
import { mark } from '../timeline.js';
import type { CachedRecords, FromWorker, LoadedSummary, LookupRecord, RuleResults, ToWorker, ValidEngagements, WorkerSetup } from './protocol.js';

let setup: WorkerSetup;
let paths: PathNames;
const recordRules = rules.filter((rule) => rule.scope === 'record');
/** Records loaded before the people and organizations were known, then those that looked engagements up. */
let waiting = new Map<string, AnyRecord>();
/** The dataset without engagements, once known, and whether a rule has looked for an engagement since `touched` was reset. */
let partial: Dataset | undefined;
let touched = false;
/**
 * With a record cache to fill (setup.cache): the memo that notes the lookups each
 * record's rules make (the main thread's IncrementalRules, here over the dataset the rules
 * run against), the indexes of the records kept waiting, and the findings to send.
 */
let memo: IncrementalRules | undefined;
const indexOf = new Map<string, number>();
let ruleResults: RuleResults = { indexes: [], results: [] };

/** A memo noting lookups over `dataset`, keeping nothing from earlier runs. */
function noting(dataset: Dataset): IncrementalRules {
  return new IncrementalRules(dataset, () => '', () => undefined, []);
}

/** Notes a record's findings for the main thread (cache only), and forgets the record here. */
function noteResult(record: AnyRecord): void {
  if (!memo) return;
  const index = indexOf.get(record.absolutePath);
  if (index === undefined) return;
  indexOf.delete(record.absolutePath);
  ruleResults.indexes.push(index);
  ruleResults.results.push(memo.take(record) ?? null);
}

mark('worker: modules evaluated');
let chunks = 0;
parentPort!.on('message', (message: ToWorker) => {
  if (message.type === 'setup') {
    mark('worker: setup');
    setup = message.setup;
    paths = pathNames(setup);
    return;
  }
  if (message.type === 'load') {
    if (chunks++ === 0) mark('worker: first chunk');
    loadAll(message.files, message.indexes);
    return mark(`worker: chunk ${chunks} of ${message.files.length} done`);
  }
  mark(`worker: ${message.type}`);
  const dataset = createDataset(setup.recordsDir, message.records.map(lookupRecord), message.unreadableIds);
  const records = [...waiting.values()];
  waiting = new Map();
  if (message.type === 'people') {
    partial = withoutEngagements(dataset);
    if (setup.cache) memo = noting(partial);
    post('people', [], [], records.flatMap(checkNow));
  } else {
    if (setup.cache) memo = noting(dataset);
    const findings = runRules(recordRules, { dataset, today: setup.today }, memo, records);
    for (const record of records) noteResult(record);
    post('all', [], [], findings);
  }
});

/**
 * Loads the files one after the other, each checked (or kept) before the next is read: a
 * record is garbage by the time the next one is parsed, so that the young generation's
 * collections find little alive to copy.
 */
function loadAll(files: string[], indexes: number[]): void {
  const summaries: LoadedSummary[] = [];
  const engagements: ValidEngagements = { indexes: [], ids: [] };
  const declined: number[] = [];
  const findings: Diagnostic[] = [];
  const cached: CachedRecords | undefined = setup.cache ? { indexes: [], hashes: [], texts: [] } : undefined;
  for (let k = 0; k < files.length; k++) {
    const file = files[k]!;
    const index = indexes[k]!;
    const kind = recordKindOf(file);
    const bytes = kind ? readWithinLimit(file) : undefined;
    const data = kind && bytes ? fastLoad(bytes, kind) : undefined;
    if (!data) {
      declined.push(index);
      continue;
    }
    const record = { kind, file: paths.display(file), absolutePath: file, relativePath: paths.relative(file), data, valid: true, source: createLazyLocator(() => readFileSync(file, 'utf8')) } as unknown as AnyRecord;
    if (cached) {
      // The hash of the bytes parsed (the cache pairs them), and the data as the cache's data file holds it.
      cached.indexes.push(index);
      cached.hashes.push(hashOf(bytes!));
      cached.texts.push(JSON.stringify(data));
      indexOf.set(file, index);
    }
    if (kind === 'engagement') {
      engagements.indexes.push(index);
      engagements.ids.push(recordId(record) ?? null);
    } else summaries.push(summarize(index, record, []));
    if (partial) findings.push(...checkNow(record));
    else waiting.set(record.absolutePath, record);
  }
  post('load', summaries, declined, findings, engagements, cached);
}

function post(to: FromWorker['to'], files: LoadedSummary[], declined: number[], findings: Diagnostic[], engagements: ValidEngagements = { indexes: [], ids: [] }, cached?: CachedRecords) {
  const message: FromWorker = { type: 'done', to, files, engagements, declined, findings, waiting: waiting.size, ...(cached ? { cached } : {}), ...(setup.cache ? { rules: ruleResults } : {}) };
  ruleResults = { indexes: [], results: [] };
  parentPort!.postMessage(message);
}

/** The rules' findings on a record against the dataset without engagements; none, and the record kept for later, when a rule looked for an engagement. */
function checkNow(record: AnyRecord): Diagnostic[] {
  if (!record.valid) return [];
  touched = false;
  let found: Diagnostic[] = [];
  try {
    found = runRules(recordRules, { dataset: partial!, today: setup.today }, memo, [record]);
  } catch {
    touched = true; // a rule that failed on the partial dataset runs again on the whole one
  }
  if (!touched) {
    noteResult(record);
    return found;
  }
  memo?.take(record); // made without the engagements: made again on the whole dataset
  waiting.set(record.absolutePath, record);
  return [];
}

/** The dataset with its engagement lookups marked: reading one sets `touched`. */
function withoutEngagements(dataset: Dataset): Dataset {
  const { person, organization } = dataset.unreadableIds;
  const mark = <T>(value: T): T => ((touched = true), value);
  return {
    ...dataset,
    get engagements() {
      return mark([]);
    },
    get engagementById() {
      return mark(new Map());
    },
    unreadableIds: {
      person,
      organization,
      get engagement() {
        return mark(new Set<string>());
      },
    },
  };
}

/** A record of the dataset for lookups: one this worker keeps, or one whose data (people, organizations) came with it or is read when used. */
function lookupRecord(info: LookupRecord): AnyRecord {
  return waiting.get(info.absolutePath) ?? loadedElsewhere(info.absolutePath, info.kind, info, paths, info.data);
}
