// Dataset -> the @engagements/sdk package (under `sdk/` of the output folder).
export { sdkExporter, createSdkExporter, buildSdkFiles, readSdkInputs, loadRedirects, planSdkRelease, typeName, type SdkInputs, type SdkExporterOptions } from './exporter.js';
export {
  planRelease,
  changesDocument,
  packageChanges,
  changelogSection,
  packageChangelog,
  prependRelease,
  snapshotText,
  parseSnapshot,
  FIRST_VERSION,
  EMPTY_DATASET,
  type ReleaseSnapshot,
  type ReleasePlan,
  type ChangesDocument,
} from './release.js';
export { prepareRelease, bumpBetween, type ReleaseOptions, type ReleaseOutcome } from './releaseCommand.js';
export { PACKAGE_NAME } from './generate/manifest.js';
export { RUNTIME_EXPORTS, DATA_LITERAL_SIZE, DATA_FILE } from './generate/runtime.js';
export { REPO_ROOT, INPUT_FILES } from './paths.js';
