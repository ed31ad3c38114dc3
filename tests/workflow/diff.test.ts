// `engagements diff BASE [HEAD]` between commits of a temporary git repository.
import { cpSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { GitWorkspace, ROOT, Workspace } from './helpers.js';

const KONO = 'records/people/kono-taro.yaml';
const TDM = 'records/organizations/tdm-news.yaml';
const AGENCY = 'records/organizations/new-agency.yaml';
const CALL = 'records/engagements/2020/2020-08-06-pk-jp-army-chief-defence-minister-video-call.yaml';

/**
 * A repository with the schemas and the redirects file, where the second commit adds an
 * organization, removes one and renames a person: a major change (an id removed without
 * a redirect).
 */
function twoCommits(): { ws: GitWorkspace; base: string; head: string } {
  const ws = new GitWorkspace({ commit: false });
  cpSync(path.join(ROOT, 'schemas'), ws.path('schemas'), { recursive: true });
  ws.write('releases/redirects.yaml', 'engagements:\npeople:\norganizations:\n');
  const base = ws.commit('base');
  ws.write(AGENCY, 'id: new-agency\nname: New Agency\nkind: news-agency\ncountry: PK\n');
  ws.remove(TDM);
  ws.replace(KONO, 'name: Kono Taro', 'name: KONO Taro');
  ws.replace(KONO, '  - Tara Kono\n', '');
  const head = ws.commit('change');
  return { ws, base, head };
}

describe('engagements diff', () => {
  it('text: added, removed and modified records field by field, then the bump and why', () => {
    const { ws, base, head } = twoCommits();
    const r = ws.run(['diff', 'HEAD~1', 'HEAD']);
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    expect(r.stdout).toBe(
      [
        `Comparing HEAD~1 (${base.slice(0, 12)}) with HEAD (${head.slice(0, 12)})`,
        '',
        '1 added, 1 removed, 0 moved, 1 modified',
        '',
        'Added (1):',
        '  + organization new-agency',
        '',
        'Removed without a redirect (1):',
        '  - organization tdm-news',
        '',
        'Modified (1):',
        '  ~ person kono-taro',
        '      /aliases: ["Taro Kono","KONO","KONO Taro","Tara Kono","Kano"] -> ["Taro Kono","KONO","KONO Taro","Kano"]',
        '      /name: "Kono Taro" -> "KONO Taro"',
        '',
        'Version bump: major',
        '  major: 1 id removed without a redirect',
        '  minor: 1 record added',
        '  patch: 1 record corrected',
        '',
      ].join('\n'),
    );
  });

  it('json: stable fields, each changed field with its JSON pointer and values', () => {
    const { ws, base, head } = twoCommits();
    const r = ws.run(['diff', base, head, '--format', 'json']);
    expect(r.status).toBe(0);
    expect(JSON.parse(r.stdout)).toEqual({
      base: { revision: base, commit: base },
      head: { revision: head, commit: head },
      summary: { added: 1, removed: 1, moved: 0, modified: 1 },
      bump: 'major',
      reasons: [
        { bump: 'major', reason: '1 id removed without a redirect' },
        { bump: 'minor', reason: '1 record added' },
        { bump: 'patch', reason: '1 record corrected' },
      ],
      added: [{ kind: 'organization', id: 'new-agency' }],
      removed: [{ kind: 'organization', id: 'tdm-news' }],
      moved: [],
      modified: [
        {
          kind: 'person',
          id: 'kono-taro',
          fields: [
            { path: '/aliases', before: ['Taro Kono', 'KONO', 'KONO Taro', 'Tara Kono', 'Kano'], after: ['Taro Kono', 'KONO', 'KONO Taro', 'Kano'] },
            { path: '/name', before: 'Kono Taro', after: 'KONO Taro' },
          ],
        },
      ],
      schema: { change: 'none', differences: [] },
    });
    expect(r.stdout.startsWith('{\n  "base": {\n')).toBe(true);
    expect(r.stdout.endsWith('}\n')).toBe(true);
  });

  it('markdown: a section for the job summary, with the bump', () => {
    const { ws } = twoCommits();
    const r = ws.run(['diff', 'HEAD~1', 'HEAD', '--format', 'markdown']);
    expect(r.status).toBe(0);
    expect(r.stdout).toBe(
      [
        '## Data changes (HEAD~1 → HEAD)',
        '',
        'Compared with HEAD~1: 1 added, 1 removed, 0 moved, 1 modified. Version bump: **major**.',
        '',
        '- major: 1 id removed without a redirect',
        '- minor: 1 record added',
        '- patch: 1 record corrected',
        '',
        '### Removed (breaking)',
        '',
        '- organization `tdm-news`',
        '',
        '### Added',
        '',
        '- organization `new-agency`',
        '',
        '### Modified',
        '',
        '- person `kono-taro`',
        '  - `/aliases`: `["Taro Kono","KONO","KONO Taro","Tara Kono","Kano"]` → `["Taro Kono","KONO","KONO Taro","Kano"]`',
        '  - `/name`: `"Kono Taro"` → `"KONO Taro"`',
        '',
      ].join('\n'),
    );
  });

  it('proposes minor for additions only, patch for corrections only, none for no change or formatting only', () => {
    const ws = new GitWorkspace();
    ws.write(AGENCY, 'id: new-agency\nname: New Agency\nkind: news-agency\n');
    ws.commit('add');
    ws.replace(AGENCY, 'name: New Agency', 'name: Newer Agency');
    ws.commit('correct');
    // Formatting changes the files but not the data.
    expect(ws.run(['fmt']).status).toBe(0);
    ws.commit('format');
    const bump = (...revs: string[]) => (JSON.parse(ws.run(['diff', ...revs, '--format', 'json']).stdout) as { bump: string }).bump;
    expect(bump('HEAD~3', 'HEAD~2')).toBe('minor');
    expect(bump('HEAD~2', 'HEAD~1')).toBe('patch');
    expect(bump('HEAD~1', 'HEAD')).toBe('none');
    expect(bump('HEAD~3', 'HEAD')).toBe('minor');
    const none = ws.run(['diff', 'HEAD~1', 'HEAD']);
    expect(none.stdout).toContain('0 added, 0 removed, 0 moved, 0 modified\n\nVersion bump: none (nothing changed)\n');
  });

  it('compares with the working tree when HEAD is left out, untracked files included', () => {
    const { ws } = twoCommits();
    ws.write('records/people/new-person.yaml', 'id: new-person\nname: New Person\npositions: []\n');
    ws.replace(CALL, 'level: high', 'level: medium');
    const r = ws.run(['diff', 'HEAD', '--format', 'json']);
    const report = JSON.parse(r.stdout) as { head: unknown; added: unknown; modified: Array<{ id: string; fields: unknown }>; bump: string };
    expect(report.head).toEqual({ revision: null, commit: null });
    expect(report.added).toEqual([{ kind: 'person', id: 'new-person' }]);
    expect(report.modified).toEqual([{ kind: 'engagement', id: '2020-08-06-pk-jp-army-chief-defence-minister-video-call', fields: [{ path: '/confidence/level', before: 'high', after: 'medium' }] }]);
    expect(report.bump).toBe('minor');
    expect(ws.run(['diff', 'HEAD']).stdout).toMatch(/^Comparing HEAD \([0-9a-f]{12}\) with the working tree\n/);
  });

  it('reports a rename with a redirect as moved (minor), and a schema that widened', () => {
    const { ws } = twoCommits();
    ws.write('records/organizations/tdm-news-network.yaml', readFileSync(path.join(ROOT, 'tests/fixtures/founding/records', TDM.slice('records/'.length)), 'utf8').replace('id: tdm-news', 'id: tdm-news-network'));
    ws.write('releases/redirects.yaml', 'engagements:\npeople:\norganizations:\n  tdm-news:\n    moved_to: tdm-news-network\n');
    const medium = JSON.parse(readFileSync(ws.path('schemas/vocabularies/medium.schema.json'), 'utf8')) as { oneOf: unknown[] };
    medium.oneOf.push({ const: 'carrier-pigeon', title: 'Carrier pigeon', description: 'A test term.' });
    ws.write('schemas/vocabularies/medium.schema.json', JSON.stringify(medium, null, 2));
    ws.commit('rename tdm-news, widen medium');
    const report = JSON.parse(ws.run(['diff', 'HEAD~2', 'HEAD', '--format', 'json']).stdout) as { moved: unknown; removed: unknown; bump: string; schema: { change: string } };
    expect(report.moved).toEqual([{ kind: 'organization', from: 'tdm-news', to: 'tdm-news-network' }]);
    expect(report.removed).toEqual([]);
    expect(report.schema.change).toBe('widened');
    expect(report.bump).toBe('minor');
  });

  it('sees no schema change between a revision whose schema files carried their published $id and one without', () => {
    const ws = new GitWorkspace({ commit: false });
    cpSync(path.join(ROOT, 'schemas'), ws.path('schemas'), { recursive: true });
    ws.write('releases/redirects.yaml', 'engagements:\npeople:\norganizations:\n');
    // The files as they were before they dropped $id (which only the editor needs gone).
    for (const file of ['engagement.schema.json', 'vocabularies/medium.schema.json']) {
      const { $schema, ...rest } = JSON.parse(ws.read(`schemas/${file}`)) as Record<string, unknown>;
      ws.write(`schemas/${file}`, JSON.stringify({ $schema, $id: `https://w3id.org/engagements/schemas/${file}`, ...rest }, null, 2));
    }
    ws.commit('with $id');
    cpSync(path.join(ROOT, 'schemas'), ws.path('schemas'), { recursive: true });
    ws.commit('without $id');
    const report = JSON.parse(ws.run(['diff', 'HEAD~1', 'HEAD', '--format', 'json']).stdout) as { bump: string; schema: { change: string; differences: unknown[] } };
    expect(report.schema).toEqual({ change: 'none', differences: [] });
    expect(report.bump).toBe('none');
  });

  it('skips a record that does not parse at a revision, with a warning', () => {
    const ws = new GitWorkspace();
    ws.write('records/organizations/broken.yaml', 'id: broken\nname: "unclosed\n');
    ws.commit('broken');
    const r = ws.run(['diff', 'HEAD~1', 'HEAD']);
    expect(r.status).toBe(0);
    expect(r.stdout).toContain('0 added, 0 removed, 0 moved, 0 modified');
    expect(r.stderr).toMatch(/^warning: records\/organizations\/broken\.yaml:2:7 at HEAD: YAML001 .* Left out of the comparison\.\n$/);
  });

  it('is a usage error outside a git repository or for an unknown revision', () => {
    const plain = new Workspace();
    const r = plain.run(['diff', 'HEAD']);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/^error: `engagements diff` needs a git repository/);
    const ws = new GitWorkspace();
    const unknown = ws.run(['diff', 'origin/main']);
    expect(unknown.status).toBe(2);
    expect(unknown.stderr).toBe('error: Unknown revision "origin/main": give a branch, tag or commit that exists (for a pull request, fetch the base branch first).\n');
    expect(ws.run(['diff', 'HEAD', 'nope']).status).toBe(2);
    expect(ws.run(['diff']).status).toBe(2);
    expect(ws.run(['diff', 'HEAD', '--format', 'yaml']).status).toBe(2);
    expect(ws.run(['diff', '--', '--output=x']).status).toBe(2);
  });
});
