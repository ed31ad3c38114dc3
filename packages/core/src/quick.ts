// A light entry point (`@engagements/core/quick`): what a rerun needs to find out that
// nothing changed and reuse the last report, without loading the parsers, the validators
// or the rules. Imports nothing heavy.
export { reportSignature, reusableReport, statFiles, type CheckReport, type ReportInputs } from './cache/resultCache.js';
export { findRecordFiles, todayUtc } from './load/findFiles.js';
export { startCheckWorkersEarly } from './parallel/checkWorkers.js';
export { LIMITS } from './load/limits.js';
export { looksLikeRecordFile } from './load/extension.js';
export { leavesFolder } from './load/leavesFolder.js';
export { showInvisible } from './load/invisible.js';
export { mark } from './timeline.js';
