// Every exporter `engagements build` runs. Adding an output format: one exporter
// package, one line here.
import type { Exporter } from '@engagements/core';
import { codebookExporter } from '@engagements/export-codebook';
import { csvExporter } from '@engagements/export-csv';
import { jsonldExporter } from '@engagements/export-jsonld';
import { sdkExporter } from '@engagements/export-sdk';
import { sqliteExporter } from '@engagements/export-sqlite';
import { siteExporter } from '@engagements/export-site';

// The site comes last: it lists (and copies as downloads) the files of every exporter before it.
export const exporters: readonly Exporter[] = [csvExporter, jsonldExporter, sdkExporter, sqliteExporter, codebookExporter, siteExporter];
