// Dataset -> a static site (site/): a page per engagement, person, organization and country,
// the list with filters and search, a timeline, the downloads and schema.org markup.
export { buildSiteFiles, createSiteExporter, siteExporter, siteOptionsFromEnv, SITE_FOLDER, DEFAULT_REPOSITORY_URL, type SiteOptions } from './exporter.js';
export { buildModel, countryName, FACETS, type SiteModel, type EngagementView } from './model.js';
export { page, relativeLink } from './paths.js';
export { CONTENT_SECURITY_POLICY } from './render.js';
export { datasetNode, eventNode, jsonForScript, SCHEMA_CONTEXT, LICENSE_URL } from './structuredData.js';
export { downloadsFrom, type Download } from './downloads.js';
export { csvRowRanges, rowFragment, type RowRange, type RowRanges } from './csvRows.js';
export { searchDocuments, searchIndexJson, searchIndexJsonPieces, SEARCH_OPTIONS } from './searchIndex.js';
export { timelineChart, monthRange } from './charts/timeline.js';
export { countryChart, MAX_COUNTRIES } from './charts/countryLinks.js';
