import { LICENSE } from './manifest.js';

export interface ReadmeInputs {
  version: string;
  previousVersion: string | null;
  counts: { engagements: number; people: number; organizations: number; redirects: number };
  vocabularies: readonly { id: string; label: string; type: string }[];
  /** An example engagement (the first in date order), for the usage examples. */
  example: { id: string };
}

/** The README.md of @engagements/sdk, for its consumers. */
export function readme(inputs: ReadmeInputs): string {
  const { counts, example } = inputs;
  return `# @engagements/sdk

Typed, dependency-free access to an open dataset of defence-diplomacy engagements:
meetings, calls, visits, dialogues, exercises and signings between the defence and
security officials of different states, each with its participants, topics, outcomes
and sources.

Version ${inputs.version} holds ${counts.engagements} engagements, ${counts.people} people and ${counts.organizations} organizations.
The version number describes the data: see [Versioning](#versioning) and \`CHANGELOG.md\`.

## Install

\`\`\`sh
npm install @engagements/sdk
\`\`\`

No dependencies, no install scripts. Works with \`import\` and \`require\` on Node 20 and
later, and with bundlers, for browsers too (the code uses no Node API). The data is
embedded in the package: nothing is fetched at run time.

\`import\` and \`require\` load one implementation: an app whose dependencies use both
ways holds one copy of the data, and gets the very same records and functions from both
(\`getEngagement(id)\` from one is \`===\` to the other's). The ES module entry is a thin
wrapper over the CommonJS one, as Node's documentation recommends for dual packages.

## Use

\`\`\`ts
import { findEngagements, getEngagement, getPerson, vocabularies, type Engagement } from '@engagements/sdk';

// Engagements with Pakistan or Japan, on one day (dates inclusive), sorted by date and id.
const found: Engagement[] = findEngagements({ country: ['PK', 'JP'], from: '2020-08-06', to: '2020-08-06' });

for (const engagement of found) {
  const people = engagement.participants.flatMap((p) => (p.person ? [getPerson(p.person)?.name] : []));
  console.log(engagement.date, engagement.title, people);
}

// Lookups return undefined for an unknown id and follow redirects of renamed ids.
getEngagement(${JSON.stringify(example.id)});

// Labels and definitions for a user interface.
const media = vocabularies.medium.terms.map((t) => t.label);
\`\`\`

CommonJS:

\`\`\`js
const { engagements, findEngagements } = require('@engagements/sdk');
\`\`\`

Vocabulary values are literal types, so a misspelt value does not compile:

\`\`\`ts
findEngagements({ type: 'call', medium: ['video', 'telephone'] }); // fine
findEngagements({ type: 'phone-call' }); // error: not an EngagementType
\`\`\`

## API

| export | what it is |
|---|---|
| \`engagements\`, \`people\`, \`organizations\` | every record, sorted by id; deeply frozen, typed \`readonly\`; parsed on first use (see [Loading](#loading)) |
| \`getEngagement(id)\`, \`getPerson(id)\`, \`getOrganization(id)\` | one record by id, or \`undefined\`; an id that was renamed or merged is followed to its record |
| \`findEngagements(filter?)\` | engagements matching the filter, sorted by date then id; see below |
| \`isEngagement(value)\`, \`isPerson(value)\`, \`isOrganization(value)\` | type guards that validate a value against the schema (precompiled validators, no schema compilation at run time) |
| \`vocabularies\`, \`getTerm(vocabulary, id)\` | the controlled vocabularies with a label and a definition for every term |
| \`schemas\` | the JSON Schemas (draft 2020-12), keyed by file name |
| \`redirects\` | ids that were published and later renamed or merged (\`{ kind, from, to, reason? }\`) |
| \`version\` | this package's version |

Types: \`Engagement\`, \`Person\`, \`Organization\` and the types of their parts
(\`Participant\`, \`Source\`, \`Outcome\`, ...), the vocabularies as literal unions
(${inputs.vocabularies.map((v) => `\`${v.type}\``).join(', ')}, \`CountryCode\`), \`EngagementFilter\`,
\`Vocabulary\`, \`VocabularyTerm\`, \`Redirect\`, \`JsonSchema\`, \`SchemaFile\`. They are generated
from the JSON Schemas, read-only, and shared by the ES module and CommonJS entry points.

### findEngagements(filter)

| key | matches an engagement when |
|---|---|
| \`country\` | a participant represents one of these countries (\`CountryCode\`) |
| \`person\` | one of these people (ids) is a participant |
| \`organization\` | a participant represents one of these organizations (ids) |
| \`type\`, \`medium\` | its type or medium is one of these |
| \`topic\` | it has one of these topics |
| \`from\`, \`to\` | its days (\`date\` to \`end_date\`) overlap \`from\`..\`to\`, both inclusive, written \`YYYY-MM-DD\` |

Each key takes a value or an array of values, any of which may match (OR); every key
given must match (AND). A key left out does not filter; an empty array matches nothing.
The first call builds indexes once; later calls never scan every record.

### Schemas

The schemas are also files of the package:

\`\`\`ts
import engagementSchema from '@engagements/sdk/schemas/engagement.schema.json' with { type: 'json' };
\`\`\`

They reference each other by relative \`$ref\` (\`defs.schema.json\`, \`vocabularies/*.schema.json\`);
load them all into your validator, or use \`isEngagement\` and friends.

### Dates of offices

A person's \`positions\` give each office's \`start\` (always present) and \`end\` (absent while
the person holds it or when no source gives it) as ISO dates, each only as precise as its
sources:

- \`start_precision\` / \`end_precision\`: \`month\` or \`year\` when the source gives only the
  month or the year; the date is then the first day of that month or year. Absent means
  \`day\`.
- \`start_qualifier: 'in-post-by'\`: no source gives the first day in office; \`start\` is the
  earliest day a source shows the person already in post, so the office began on or before
  it. Many starts are of this kind: read them as "in post by", not as the
  day they took office.
- \`start_sources\` / \`end_sources\`: the local ids of the person's \`sources\` that give the
  date.

\`\`\`ts
for (const p of getPerson('qamar-javed-bajwa')!.positions) {
  const from = p.start_qualifier === 'in-post-by' ? \`in post by \${p.start}\` : \`from \${p.start}\`;
  console.log(p.title, from, p.end ? \`to \${p.end}\` : '');
}
\`\`\`

## Loading

Importing the package does not parse its records: the parse cost moves to their first use,
the first touch of \`engagements\`, \`people\` or \`organizations\` or the first call of a
lookup or of \`findEngagements\`, which parses all of them at once (about 30 ms per 1,000
engagements on the project's benchmark machine). \`version\`, \`redirects\`, \`schemas\`,
\`vocabularies\`, \`getTerm\` and the validators never load the records. To choose when the
parse happens, touch a list at start-up: \`engagements.length\`.

\`engagements\`, \`people\` and \`organizations\` are frozen arrays seen through a \`Proxy\`
that loads them: indexing, \`length\`, \`for...of\`, spread, the array methods,
\`JSON.stringify\`, \`Array.isArray\` and \`Object.isFrozen\` work as on any frozen array, and
writes throw in strict mode. What differs:

- \`structuredClone\` and \`postMessage\` refuse a Proxy: clone a copy, \`structuredClone([...engagements])\`;
- in Node, \`console.log(engagements)\` shows \`[]\` until the first use;
- reading elements through the Proxy is slower than through a plain array: for a hot loop, copy once (\`const list = [...engagements]\`).

## Versioning

The package follows the dataset's versioning policy (VERSIONING.md in the repository):

- **major**: an id is removed without a redirect, or the schema narrows (data that was valid is not);
- **minor**: records are added, an id moves with a redirect (lookups of the old id keep working), or the schema widens (new optional fields, new vocabulary terms);
- **patch**: corrections to the values of existing records, or schema documentation.

Each version ships \`changes.json\` (import \`@engagements/sdk/changes.json\`): the ids
added, removed and moved since ${inputs.previousVersion ?? 'the start'}, and for each modified record every
changed field as a JSON pointer with its old and new value. \`CHANGELOG.md\` says the same
for people.

Because new vocabulary terms arrive in minor versions, a \`switch\` over a vocabulary
type should keep a \`default\` branch.

## License

The data (records, vocabularies, schemas' texts, changes) is licensed under
[CC BY 4.0](https://creativecommons.org/licenses/by/4.0/): you may share and adapt it,
also commercially, if you credit "The engagements project contributors" and link to the
dataset. The package's code is MIT-licensed. \`package.json\` says both:
\`${LICENSE}\`; \`LICENSE\` has the texts.
`;
}
