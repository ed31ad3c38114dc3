import type { AnyRecord, LoadedRecord } from '../dataset.js';
import { closest } from '../validate/closest.js';
import type { RecordRule, Report } from './rule.js';

/**
 * RULE004. Claims are attributed to sources by local id, so every local id that
 * disagreements, the initiator and `reproduces` cite must name a source of the same record,
 * and local ids must be unique within it; the same holds for the sources a person's
 * position dates cite (`start_sources`, `end_sources`). A source cannot reproduce itself, and
 * `reproduces` cannot loop (a reprints b, b reprints a): the chain of who copied whom is
 * what tells independent confirmation from repetition. Outcomes' citations are RULE010.
 */
export const sourceRefsResolve: RecordRule = {
  code: 'RULE004',
  name: 'source-refs-resolve',
  description:
    'Source local ids are unique within a record; the ids cited by disagreements, the initiator, `reproduces` and a person\'s position dates name sources of the same record; no source reproduces itself and `reproduces` has no loop.',
  severity: 'error',
  scope: 'record',
  kinds: ['engagement', 'person'],
  check(record: AnyRecord, _context, report) {
    if (record.kind === 'organization') return;
    // A person without a `sources` list is RULE021's finding, at the list: one problem, one error.
    if (record.kind === 'person' && record.data.sources === undefined) return;
    // Paths and words are made only for a finding: this runs on every record.
    const known = localIds(record, record.data.sources ?? [], report);
    if (record.kind === 'person') {
      const { positions } = record.data;
      for (let i = 0; i < positions.length; i++) {
        const p = positions[i]!;
        const starts = p.start_sources ?? [];
        for (let j = 0; j < starts.length; j++) if (!known.has(starts[j]!)) missing(record, known, ['positions', i, 'start_sources', j], starts[j]!, `The start of the position "${p.title}"`, report);
        const ends = p.end_sources ?? [];
        for (let j = 0; j < ends.length; j++) if (!known.has(ends[j]!)) missing(record, known, ['positions', i, 'end_sources', j], ends[j]!, `The end of the position "${p.title}"`, report);
      }
      return;
    }
    const { sources, disagreements, initiator } = record.data;
    if (disagreements !== undefined) {
      for (let i = 0; i < disagreements.length; i++) {
        const cited = disagreements[i]!.sources;
        for (let j = 0; j < cited.length; j++) if (!known.has(cited[j]!)) missing(record, known, ['disagreements', i, 'sources', j], cited[j]!, 'The disagreement', report);
      }
    }
    if (initiator !== 'unknown') {
      const cited = initiator.sources;
      for (let j = 0; j < cited.length; j++) if (!known.has(cited[j]!)) missing(record, known, ['initiator', 'sources', j], cited[j]!, 'The initiator', report);
    }
    let mayLoop = false;
    for (let i = 0; i < sources.length; i++) {
      const s = sources[i]!;
      const reproduces = s.reproduces;
      if (reproduces === undefined) continue;
      for (let j = 0; j < reproduces.length; j++) {
        const ref = reproduces[j]!;
        if (ref === s.id) {
          report({ record, path: ['sources', i, 'reproduces', j] }, `The source "${s.id}" is listed as reproducing itself.`, 'List in `reproduces` the other sources this one copies or is based on; remove its own id.');
          continue;
        }
        const k = known.get(ref);
        if (k === undefined) missing(record, known, ['sources', i, 'reproduces', j], ref, `The source "${s.id}"`, report);
        // A loop needs every source on it to reproduce another: without an edge to a
        // source that reproduces something, there is none to look for.
        else if ((sources[k]!.reproduces?.length ?? 0) > 0) mayLoop = true;
      }
    }
    if (mayLoop) reportLoops(record, new Map(sources.map((s, i) => [s.id, i] as const).reverse()), report);
  },
};

/**
 * Reports every source whose local id repeats an earlier one, and returns each local id
 * with the index of its first source.
 */
function localIds(record: AnyRecord, sources: readonly { id: string }[], report: Report): Map<string, number> {
  const firstIndex = new Map<string, number>();
  for (let i = 0; i < sources.length; i++) {
    const s = sources[i]!;
    const earlier = firstIndex.get(s.id);
    if (earlier === undefined) {
      firstIndex.set(s.id, i);
      continue;
    }
    const line = record.source.locate(['sources', earlier, 'id']).line;
    report(
      { record, path: ['sources', i, 'id'] },
      `The source id "${s.id}" is already used by another source of this record (line ${line}).`,
      'Give each source its own local id, such as its publisher\'s id with a suffix (`ispr-statement`, `ispr-tweet`).',
    );
  }
  return firstIndex;
}

/** Reports a cited id that names no source of the record, with the closest id. */
function missing(record: AnyRecord, known: Map<string, number>, path: (string | number)[], ref: string, where: string, report: Report): void {
  const ids = [...known.keys()];
  const near = closest(ref, ids);
  report(
    { record, path },
    `${where} cites the source "${ref}", but this record has no source with that id.`,
    near ? `Did you mean "${near}"? Cite the local id of one of this record's sources.` : `Cite the local id of one of this record's sources (${ids.join(', ')}), or add the source to \`sources\`.`,
  );
}

/** Finds loops of `reproduces` between different sources and reports each once, at the edge leaving its first source. */
function reportLoops(record: LoadedRecord<'engagement'>, indexOf: Map<string, number>, report: Report): void {
  const { sources } = record.data;
  const edges = (i: number): number[] =>
    (sources[i]!.reproduces ?? []).map((ref) => indexOf.get(ref)).filter((j): j is number => j !== undefined && j !== i);
  const state = new Array<0 | 1 | 2>(sources.length).fill(0); // 0 unvisited, 1 on the stack, 2 done
  const stack: number[] = [];
  const reported = new Set<string>();
  const visit = (i: number): void => {
    state[i] = 1;
    stack.push(i);
    for (const j of edges(i)) {
      if (state[j] === 1) {
        const loop = stack.slice(stack.indexOf(j));
        const key = [...loop].sort((a, b) => a - b).join(',');
        if (!reported.has(key)) {
          reported.add(key);
          // Report at the edge that leaves the loop's first source (in file order).
          const start = Math.min(...loop);
          const next = loop[(loop.indexOf(start) + 1) % loop.length]!;
          const refIndex = sources[start]!.reproduces!.indexOf(sources[next]!.id);
          const names = [...loop.slice(loop.indexOf(start)), ...loop.slice(0, loop.indexOf(start)), start].map((k) => sources[k]!.id);
          report(
            { record, path: ['sources', start, 'reproduces', refIndex] },
            `Sources reproduce each other in a loop: ${names.join(' → ')}.`,
            'A source can only reproduce one that was published before it: remove the `reproduces` entry that points back to the later source.',
          );
        }
      } else if (state[j] === 0) {
        visit(j);
      }
    }
    stack.pop();
    state[i] = 2;
  };
  for (let i = 0; i < sources.length; i++) if (state[i] === 0 && indexOf.get(sources[i]!.id) === i) visit(i);
}
