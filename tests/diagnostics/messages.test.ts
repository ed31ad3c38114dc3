// Messages that name the real fix (issue 11, section 3): indentation mistakes with the
// column expected, a flow collection's closer at its key's indentation, choices
// (oneOf) with their keys and forms, an unknown vocabulary term with where the terms
// live, and the small ones (URL, SCH002's hint). Each case: exact line, column, code
// and the words that matter.
import { describe, expect, it } from 'vitest';
import { after, checkEdited, FOUNDING, positionOf } from './helpers.js';

const PARTICIPANT = '    country: PK\n    role: principal\n    title_as_reported: Chief';

describe('indentation mistakes, named with the expected column', () => {
  it('a participant\'s `role:` indented by 6 spaces instead of 4', async () => {
    const { text, diagnostics } = await checkEdited(FOUNDING, (t) => t.replace(PARTICIPANT, '    country: PK\n      role: principal\n    title_as_reported: Chief'));
    const at = positionOf(text, '      role:');
    expect(diagnostics.map((d) => [d.code, d.line, d.column, d.endColumn])).toEqual([['YAML001', at.line, 7, 12]]);
    expect(diagnostics[0]!.message).toBe(`Indentation: \`role:\` is indented by 6 spaces (column 7), further than \`country:\` on line ${at.line - 1}, the key above it, which already has a value.`);
    expect(diagnostics[0]!.hint).toBe("Indent `role:` by 4 spaces (column 5), like `country:`: a key indented further than the one above it would belong to that key's value.");
    expect(diagnostics[0]!.message).not.toMatch(/compact mappings/);
  });

  it('`country:` at 3 spaces, between the item\'s keys and its `-`', async () => {
    const { text, diagnostics } = await checkEdited(FOUNDING, (t) => t.replace(PARTICIPANT, '   country: PK\n    role: principal\n    title_as_reported: Chief'));
    const at = positionOf(text, '   country:');
    expect(diagnostics.map((d) => [d.code, d.line, d.column])).toEqual([['YAML001', at.line, 4]]);
    expect(diagnostics[0]!.message).toBe(`Indentation: \`country:\` is indented by 3 spaces (column 4), which lines up with nothing above it: \`organization:\` on line ${at.line - 1} is indented by 4 spaces and the list item \`-\` on line ${at.line - 2} by 2 spaces.`);
    expect(diagnostics[0]!.hint).toBe(`Indent \`country:\` by 4 spaces (column 5), like \`organization:\` on line ${at.line - 1}.`);
    expect(diagnostics[0]!.hint).not.toMatch(/quote/);
  });

  it('a key at the indentation of the list\'s `-`', async () => {
    const { text, diagnostics } = await checkEdited(FOUNDING, (t) => t.replace(PARTICIPANT, '  country: PK\n    role: principal\n    title_as_reported: Chief'));
    const at = positionOf(text, '  country: PK');
    expect(diagnostics.map((d) => [d.code, d.line, d.column])).toEqual([['YAML001', at.line, 3]]);
    expect(diagnostics[0]!.message).toContain('is indented by 2 spaces (column 3), like the `-` of the list item');
    expect(diagnostics[0]!.hint).toMatch(/^Indent `country:` by 4 spaces \(column 5\), like `organization:` on line \d+, to keep it in the item above, or start a new item with `- `\.$/);
  });

  it('a top-level key indented by one space', async () => {
    const { text, diagnostics } = await checkEdited(FOUNDING, (t) => t.replace('\ntopics:', '\n topics:'));
    const at = positionOf(text, ' topics:');
    expect(diagnostics.map((d) => [d.code, d.line, d.column])).toEqual([['YAML001', at.line, 2]]);
    expect(diagnostics[0]!.hint).toBe("Start `topics:` at column 1, without indentation, like `initiator:`: a key indented further than the one above it would belong to that key's value.");
  });
});

describe('flow collections closed at the wrong indentation', () => {
  it('a `]` at the indentation of the list item, reported at the `]`, not "not closed" at the `[`', async () => {
    const { text, diagnostics } = await checkEdited(FOUNDING, (t) => t.replace('    kind: news-report\n', '    kind: news-report\n    reproduces: [\n      ispr-statement,\n  ]\n'));
    const closer = positionOf(text, '  ]');
    const opener = positionOf(text, 'reproduces: [');
    expect(diagnostics.map((d) => [d.code, d.line, d.column])).toEqual([['YAML001', closer.line, 3]]);
    expect(diagnostics[0]!.message).toBe(`YAML syntax error: the \`]\` that closes the list opened on line ${opener.line} is not indented further than \`reproduces:\` (column 5).`);
    expect(diagnostics[0]!.hint).toMatch(/^Move the `]` to the end of the last item's line, or indent it further than `reproduces:`/);
  });

  it('a `}` likewise', async () => {
    const { text, diagnostics } = await checkEdited(FOUNDING, (t) => t.replace('initiator: unknown', 'participants2:\n  - initiator: {\n      country: PK\n  }'));
    const closer = positionOf(text, '  }');
    expect(diagnostics.map((d) => [d.code, d.line, d.column])).toEqual([['YAML001', closer.line, 3]]);
    expect(diagnostics[0]!.message).toContain('the `}` that closes the mapping opened on line');
  });

  it('an item line of the list indented too little, at that line', async () => {
    const { text, diagnostics } = await checkEdited(FOUNDING, (t) => t.replace('    kind: news-report\n', '    kind: news-report\n    reproduces: [ispr-statement,\n  the-news]\n'));
    const item = positionOf(text, '  the-news]');
    expect(diagnostics.map((d) => [d.code, d.line, d.column])).toEqual([['YAML001', item.line, 3]]);
    expect(diagnostics[0]!.message).toMatch(/^YAML syntax error: this line continues the list opened on line \d+ but is not indented further than `reproduces:` \(column 5\)\.$/);
  });

  it('a list that is really not closed is still reported at its `[`', async () => {
    const { text, diagnostics } = await checkEdited(FOUNDING, (t) => t.replace('    kind: news-report\n', '    kind: news-report\n    reproduces: [ispr-statement, the-news\n'));
    const opener = after(text, 'reproduces: ');
    expect(diagnostics.map((d) => [d.code, d.line, d.column])).toEqual([['YAML001', opener.line, opener.column]]);
    expect(diagnostics[0]!.message).toBe('YAML syntax error: the list opened here with `[` is not closed with `]`.');
  });
});

describe('choices (oneOf): keys and forms from inside the alternatives', () => {
  it('`source:` under `initiator:` is a misspelt `sources`', async () => {
    const { text, diagnostics } = await checkEdited(FOUNDING, (t) => t.replace('initiator: unknown', 'initiator:\n  country: PK\n  source: [ispr-statement]'));
    const at = positionOf(text, 'source:');
    expect(diagnostics.map((d) => [d.code, d.line, d.column, d.endColumn, d.path])).toEqual([['SCH001', at.line, 3, 9, '/initiator/source']]);
    expect(diagnostics[0]!.message).toBe('Unknown property `source`: did you mean the required property `sources`?');
  });

  it('a retired key says what replaced it: in_post_by in a position', async () => {
    const { text, diagnostics } = await checkEdited('people/kono-taro.yaml', (t) => t.replace('    start: 2019-09-11\n', '    start: 2019-09-11\n    in_post_by: 2019-09-20\n'));
    const at = positionOf(text, 'in_post_by');
    expect(diagnostics.map((d) => [d.code, d.line, d.column, d.path])).toEqual([['SCH001', at.line, at.column, '/positions/0/in_post_by']]);
    expect(diagnostics[0]!.hint).toBe(
      '`in_post_by` was replaced before it was released: write the earliest date a source shows the person in post as `start`, with `start_qualifier: in-post-by` and that source in `start_sources`.',
    );
  });

  it('an unknown key with no near miss lists the keys of the mapping alternative', async () => {
    const { diagnostics } = await checkEdited(FOUNDING, (t) => t.replace('initiator: unknown', 'initiator:\n  country: PK\n  sources: [ispr-statement]\n  why: asked'));
    expect(diagnostics.map((d) => [d.code, d.path])).toEqual([['SCH001', '/initiator/why']]);
    expect(diagnostics[0]!.hint).toBe('Allowed here: country, sources, person.');
  });

  it('a value of the wrong form names every form the field accepts', async () => {
    const { text, diagnostics } = await checkEdited(FOUNDING, (t) => t.replace('initiator: unknown', 'initiator: PK'));
    const at = after(text, 'initiator: ');
    expect(diagnostics.map((d) => [d.code, d.line, d.column])).toEqual([['SCH003', at.line, at.column]]);
    expect(diagnostics[0]!.hint).toBe(
      '`initiator` takes one of these forms: the word `unknown` (No source says who initiated the engagement); or a mapping with `country` and `sources` (optionally `person`): the side that asked for the engagement, with the sources that say so.',
    );
    const list = await checkEdited(FOUNDING, (t) => t.replace('initiator: unknown', 'initiator: [PK]'));
    expect(list.diagnostics.map((d) => [d.code, d.message])).toEqual([['SCH004', '`initiator` must be the word `unknown` or a mapping, not a list.']]);
    expect(list.diagnostics[0]!.hint).toBe(diagnostics[0]!.hint);
  });
});

describe('vocabularies and small ones', () => {
  it('an unknown topic with no near miss says where the vocabulary lives and how to add a term', async () => {
    const { text, diagnostics } = await checkEdited(FOUNDING, (t) => t.replace(/topics:\n  - [a-z-]+\n/, 'topics:\n  - space-weather-forecasting\n'));
    const at = positionOf(text, 'space-weather-forecasting');
    expect(diagnostics.map((d) => [d.code, d.line, d.column])).toEqual([['SCH003', at.line, at.column]]);
    expect(diagnostics[0]!.hint).toContain('The terms and their definitions are in schemas/vocabularies/topic.schema.json; if none fits, add a term there');
    expect(diagnostics[0]!.hint).toContain('then run `npm run generate`');
  });

  it('a near miss still gets the did-you-mean, without the vocabulary text', async () => {
    const { diagnostics } = await checkEdited(FOUNDING, (t) => t.replace('medium: video', 'medium: vidoe'));
    expect(diagnostics.map((d) => d.code)).toEqual(['SCH003']);
    expect(diagnostics[0]!.hint).toMatch(/^Did you mean `video`\?/);
    expect(diagnostics[0]!.hint).not.toContain('schemas/vocabularies');
  });

  it('"URL", not "uRL"', async () => {
    const { diagnostics } = await checkEdited(FOUNDING, (t) => t.replace('url: https://nation.com.pk', 'url: nation.com.pk'));
    expect(diagnostics.map((d) => d.code)).toEqual(['SCH005']);
    expect(diagnostics[0]!.message).toMatch(/ is not a valid URL for `sources\[\d+\]\.url`\.$/);
  });

  it('SCH002\'s hint does not repeat the field name', async () => {
    const { diagnostics } = await checkEdited(FOUNDING, (t) => t.replace(/confidence:\n(  .*\n)+/, ''));
    expect(diagnostics.map((d) => [d.code, d.line, d.column])).toEqual([['SCH002', 2, 1]]);
    expect(diagnostics[0]!.hint).toBe('Add `confidence:`. How sure the curator is that the record is right, and why.');
  });
});

// A colon in the wrong place, the commonest slip in a hand-written record: named as that
// slip, at its line, rather than as what the parser made of the line ("Implicit keys need
// to be on a single line", "Nested mappings are not allowed in compact mappings").
describe('a colon in the wrong place', () => {
  it('no space after a top-level key\'s colon, at that key, not the parser\'s words', async () => {
    const { text, diagnostics } = await checkEdited(FOUNDING, (t) => t.replace('\nmedium: video\n', '\nmedium:video\n'));
    const at = positionOf(text, 'medium:video');
    expect(diagnostics.map((d) => [d.code, d.line, d.column, d.endLine, d.endColumn])).toEqual([['YAML001', at.line, 1, at.line, 8]]);
    expect(diagnostics[0]!.message).toBe('YAML syntax error: `medium:video` has no space after the colon, so YAML reads the line as text, not as the key `medium`.');
    expect(diagnostics[0]!.hint).toBe('Write a space after the colon: `medium: video`.');
  });

  it('no space after the colon of a list item\'s first key: that key, not the indentation of the next one', async () => {
    const { text, diagnostics } = await checkEdited(FOUNDING, (t) => t.replace('  - kind: agreement\n', '  - kind:agreement\n'));
    const at = positionOf(text, 'kind:agreement');
    expect(diagnostics.map((d) => [d.code, d.line, d.column, d.endColumn])).toEqual([['YAML001', at.line, 5, 10]]);
    expect(diagnostics[0]!.message).toBe('YAML syntax error: `kind:agreement` has no space after the colon, so YAML reads the line as text, not as the key `kind`.');
    expect(diagnostics[0]!.hint).toBe('Write a space after the colon: `kind: agreement`.');
  });

  it('no space after the colon of the last key of a mapping: no "closing quote" hint', async () => {
    const { text, diagnostics } = await checkEdited(FOUNDING, (t) => t.replace('\n  reason: Pakistani reports', '\n  reason:Pakistani reports'));
    const at = positionOf(text, 'reason:Pakistani');
    expect(diagnostics.map((d) => [d.code, d.line, d.column, d.endColumn])).toEqual([['YAML001', at.line, 3, 10]]);
    expect(diagnostics[0]!.message).toBe('YAML syntax error: `reason:Pakistani reports based…` has no space after the colon, so YAML reads the line as text, not as the key `reason`.');
    expect(diagnostics[0]!.hint).toBe('Write a space after the colon: `reason: Pakistani reports based on…`.');
  });

  it('a line of a mapping with no colon at all says a key needs `: `, not that a quote is missing', async () => {
    const { text, diagnostics } = await checkEdited(FOUNDING, (t) => t.replace('\n  reason: Pakistani reports', '\n  reason Pakistani reports'));
    const at = positionOf(text, '  reason Pakistani');
    expect(diagnostics.map((d) => [d.code, d.line, d.column])).toEqual([['YAML001', at.line, 3]]);
    expect(diagnostics[0]!.message).toBe('YAML syntax error: no `: ` follows `reason Pakistani reports based…`, so this line of a mapping is neither a key with its value nor part of the value above.');
    expect(diagnostics[0]!.hint).toBe('Write the line as `key: value`, with a colon and a space after the key; if it continues the text of the key above, indent it further than that key.');
    expect(diagnostics[0]!.hint).not.toMatch(/quote or bracket/);
  });

  it('`: ` inside a plain value, at the value, with the quotes that fix it', async () => {
    const { text, diagnostics } = await checkEdited(FOUNDING, (t) => t.replace("\ntitle: Pakistan's army chief", "\ntitle: Call: Pakistan's army chief"));
    const at = positionOf(text, 'title: Call:');
    expect(diagnostics.map((d) => [d.code, d.line, d.column, d.endColumn])).toEqual([['YAML001', at.line, 8, 8 + "Call: Pakistan's army chief and Japan's defence minister hold a video teleconference".length]]);
    expect(diagnostics[0]!.message).toBe('YAML syntax error: the value of `title` holds `: `, which YAML reads as the start of a key inside the value.');
    expect(diagnostics[0]!.hint).toBe('Put the whole value in double quotes (`title: "…"`), so that its colon is text; inside double quotes, write \\" for a quote.');
    expect(diagnostics[0]!.message).not.toMatch(/compact mappings/);
  });

  it('a mapping\'s only key with no space after its colon is text to YAML: SCH004 says which key lost its space', async () => {
    const { text, diagnostics } = await checkEdited(FOUNDING, (t) => t.replace(/\nconfidence:\n  level: high\n  reason: [^\n]*\n/, '\nconfidence:\n  level:high\n'));
    const at = positionOf(text, 'level:high');
    expect(diagnostics.map((d) => [d.code, d.line, d.column])).toEqual([['SCH004', at.line, 3]]);
    expect(diagnostics[0]!.message).toBe('`confidence` must be a mapping, not text.');
    expect(diagnostics[0]!.hint).toBe('`level:high` has no space after the colon, so YAML reads it as text, not as the key `level`: write `level: high`.');
  });

  it('likewise a list item that should be a mapping (`- person:kono-taro`)', async () => {
    const { text, diagnostics } = await checkEdited(FOUNDING, (t) => t.replace(/\n  - person: kono-taro\n(    [^\n]*\n)*/, '\n  - person:kono-taro\n'));
    const at = positionOf(text, 'person:kono-taro');
    expect(diagnostics.map((d) => [d.code, d.line, d.column])).toEqual([['SCH004', at.line, 5]]);
    expect(diagnostics[0]!.hint).toBe('`person:kono-taro` has no space after the colon, so YAML reads it as text, not as the key `person`: write `person: kono-taro`.');
  });

  it('`: ` inside a plain value of a list item\'s key', async () => {
    const { text, diagnostics } = await checkEdited(FOUNDING, (t) => t.replace('  - field: name\n', '  - field: name: spelling\n'));
    const at = after(text, '  - field: ');
    expect(diagnostics.map((d) => [d.code, d.line, d.column])).toEqual([['YAML001', at.line, at.column]]);
    expect(diagnostics[0]!.message).toBe('YAML syntax error: the value of `field` holds `: `, which YAML reads as the start of a key inside the value.');
  });
});
