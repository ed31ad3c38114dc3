// Test helper for the rule tests (not exported by the package): builds a records folder
// from YAML strings in a fresh temporary directory and checks it through the real loader,
// schema validation and rule runner, so that lines and columns are real.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { checkDataset } from '../check.js';
import type { Diagnostic } from '../diagnostics.js';
import type { Rule } from './rule.js';

/** Record files by path relative to the records folder, such as `people/kono-taro.yaml`. */
export type RecordFiles = Record<string, string>;

export const TODAY = '2026-01-01';

/**
 * Writes the files into `<tmp>/records/`, runs `checkDataset` with only the given rules
 * (schema validation always runs) and returns every diagnostic. File names in the
 * diagnostics are relative to the temporary directory: `records/people/x.yaml`.
 */
export async function datasetFromYaml(files: RecordFiles, rules: readonly Rule[], options: { today?: string } = {}): Promise<Diagnostic[]> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'engagements-rules-'));
  try {
    for (const [relative, text] of Object.entries(files)) {
      const file = path.join(dir, 'records', relative);
      fs.mkdirSync(path.dirname(file), { recursive: true });
      fs.writeFileSync(file, text);
    }
    const result = await checkDataset({ recordsDir: 'records', cwd: dir, today: options.today ?? TODAY, rules });
    return result.diagnostics;
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

/** Replaces exactly one occurrence of `from`; throws when it is missing or repeated, so tests cannot rot silently. */
export function edit(text: string, from: string, to: string): string {
  const at = text.indexOf(from);
  if (at === -1) throw new Error(`edit: ${JSON.stringify(from)} not found`);
  if (text.indexOf(from, at + 1) !== -1) throw new Error(`edit: ${JSON.stringify(from)} occurs more than once`);
  return text.slice(0, at) + to + text.slice(at + from.length);
}

/** 1-based line and column of the first occurrence of `needle` (after `after`, when given). */
export function positionOf(text: string, needle: string, after?: string): { line: number; column: number } {
  const from = after === undefined ? 0 : text.indexOf(after);
  if (from === -1) throw new Error(`positionOf: ${JSON.stringify(after)} not found`);
  const at = text.indexOf(needle, from);
  if (at === -1) throw new Error(`positionOf: ${JSON.stringify(needle)} not found`);
  const before = text.slice(0, at);
  return { line: before.split('\n').length, column: at - before.lastIndexOf('\n') };
}

export const ENGAGEMENT_ID = '2020-08-06-pk-jp-army-chief-defence-minister-video-call';
export const ENGAGEMENT_FILE = `engagements/2020/${ENGAGEMENT_ID}.yaml`;
/** The file name as diagnostics show it. */
export const ENGAGEMENT_SHOWN = `records/${ENGAGEMENT_FILE}`;

/** The founding engagement, trimmed to fewer sources and outcomes; valid and passing every rule. */
export const FOUNDING = `id: ${ENGAGEMENT_ID}
title: Pakistan's army chief and Japan's defence minister hold a video teleconference
date: 2020-08-06
date_precision: day
type: call
medium: video
participants:
  - person: qamar-javed-bajwa
    organization: pakistan-army
    country: PK
    role: principal
    title_as_reported: Chief of Army Staff (COAS)
  - person: kono-taro
    organization: japan-ministry-of-defense
    country: JP
    role: principal
    title_as_reported: Defence Minister of Japan
    name_as_reported: Kono Taro
initiator: unknown
topics:
  - bilateral-defence-cooperation
  - covid-19
  - locust-control
outcomes:
  - kind: agreement
    summary: Staff-level talks between the two sides are to resume once the COVID-19 situation allows.
    sources: [ispr-statement, the-news, the-nation]
  - kind: expression
    summary: The army chief thanked Japan for its offer of help against the locust threat.
    by: PK
    sources: [ispr-statement]
sources:
  - id: ispr-statement
    publisher: ispr
    kind: official-statement
    published: 2020-08-06
    language: en
  - id: mod-release
    publisher: japan-ministry-of-defense
    kind: official-statement
    published: 2020-08-06
    language: en
  - id: the-nation
    publisher: the-nation
    kind: news-report
    url: https://nation.com.pk/07-Aug-2020/japan-defence-minister-coas-seek-bilateral-military-cooperation
    published: 2020-08-07
    language: en
    reproduces: [ispr-statement, mod-release]
  - id: the-news
    publisher: the-news-international
    kind: news-report
    published: 2020-08-07
    reproduces: [ispr-statement]
  - id: tdm-news
    publisher: tdm-news
    kind: news-report
    language: en
disagreements:
  - field: other
    description: >-
      The Nation combines the ISPR statement and the Japanese text in one article and credits
      all of it to ISPR; the record attributes each claim to the side that made it.
    sources: [the-nation, ispr-statement, mod-release]
confidence:
  level: high
  reason: Pakistani reports and the Japanese Ministry of Defense text agree on the date, the format and the participants.
notes: |-
  The Pakistani reports, printed on Friday 2020-08-07, say the call took place on Thursday.
  The Japanese text states August 6, 2020.
`;

export const KONO = `id: kono-taro
name: Kono Taro
aliases:
  - Taro Kono
  - KONO
native_name: 河野太郎
wikidata: Q1161024
positions:
  - title: Minister of Defense
    organization: japan-ministry-of-defense
    country: JP
    start: 2019-09-11
    start_sources: [nation-kono]
    end: 2020-09-16
    end_sources: [nation-kono]
sources:
  - id: nation-kono
    publisher: the-nation
    kind: news-report
`;

export const BAJWA = `id: qamar-javed-bajwa
name: Qamar Javed Bajwa
aliases:
  - General Bajwa
positions:
  - title: Chief of Army Staff
    organization: pakistan-army
    country: PK
    start: 2016-11-29
    start_sources: [nation-bajwa]
    end: 2022-11-29
    end_sources: [nation-bajwa]
sources:
  - id: nation-bajwa
    publisher: the-nation
    kind: news-report
`;

const organization = (id: string, name: string, kind: string, country?: string, extra = ''): string =>
  `id: ${id}\nname: ${name}\n${extra}kind: ${kind}\n${country ? `country: ${country}\n` : ''}`;

/** A fresh copy of the valid base dataset; tests change it and check it. */
export function baseFiles(): RecordFiles {
  return {
    [ENGAGEMENT_FILE]: FOUNDING,
    'people/kono-taro.yaml': KONO,
    'people/qamar-javed-bajwa.yaml': BAJWA,
    'organizations/ispr.yaml': organization('ispr', 'Inter-Services Public Relations', 'media-wing', 'PK', 'aliases:\n  - ISPR\n'),
    'organizations/japan-ministry-of-defense.yaml': organization('japan-ministry-of-defense', 'Ministry of Defense', 'ministry', 'JP', 'aliases:\n  - Japan Ministry of Defense\n  - MOD\n'),
    'organizations/pakistan-army.yaml': organization('pakistan-army', 'Pakistan Army', 'armed-service', 'PK'),
    'organizations/the-nation.yaml': organization('the-nation', 'The Nation', 'news-outlet', 'PK'),
    'organizations/the-news-international.yaml': organization('the-news-international', 'The News International', 'news-outlet', 'PK', 'aliases:\n  - The News\n'),
    'organizations/tdm-news.yaml': organization('tdm-news', 'TDM News', 'news-outlet'),
  };
}

/** The base dataset with the founding engagement's text changed by `change`. */
export function withEngagement(change: (text: string) => string): RecordFiles {
  const files = baseFiles();
  files[ENGAGEMENT_FILE] = change(FOUNDING);
  return files;
}
