// Which countries meet which: a chord diagram. Each country is an arc sized by its
// engagements with the others; each ribbon joins two countries, as wide as the engagements
// they shared. d3-chord lays it out, d3-shape and d3-path draw the paths (rounded to two
// decimals), templates/charts/countries.eta writes the SVG. The countries beyond the first
// MAX_COUNTRIES (by engagements) are drawn together as "Other countries".
import { chord, ribbon, type Chord, type ChordGroup } from 'd3-chord';
import { pathRound } from 'd3-path';
import { arc } from 'd3-shape';
import { colour } from './palette.js';
import { round2 } from './round.js';

export const MAX_COUNTRIES = 16;
export const OTHER = 'other';

export interface CountryArc {
  code: string;
  name: string;
  /** Engagements shared with the other countries of the chart (a multilateral one counts once per pair). */
  value: number;
  path: string;
  fill: string;
  label: { x: number; y: number; anchor: 'start' | 'end'; rotate: number };
}

export interface CountryRibbon {
  a: string;
  b: string;
  aName: string;
  bName: string;
  count: number;
  path: string;
  fill: string;
}

export interface CountryChart {
  size: number;
  arcs: CountryArc[];
  ribbons: CountryRibbon[];
}

/**
 * `pairs` maps "AA|BB" to the number of engagements the two countries shared; `totals` gives
 * each country's engagement count (which decides who gets an arc of its own); `name` gives a
 * display name for a code.
 */
export function countryChart(pairs: ReadonlyMap<string, number>, totals: ReadonlyMap<string, number>, name: (code: string) => string): CountryChart {
  const size = 560;
  const outer = size / 2 - 90;
  const inner = outer - 14;
  const ranked = [...totals].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1)).map(([c]) => c);
  const shown = ranked.slice(0, MAX_COUNTRIES).sort();
  const hasOther = ranked.length > MAX_COUNTRIES;
  const keys = hasOther ? [...shown, OTHER] : shown;
  const slot = new Map(keys.map((k, i) => [k, i]));
  const at = (code: string) => slot.get(code) ?? slot.get(OTHER)!;
  const matrix = keys.map(() => keys.map(() => 0));
  const counts = new Map<string, number>();
  for (const [pair, count] of [...pairs].sort((a, b) => (a[0] < b[0] ? -1 : 1))) {
    const [a, b] = pair.split('|') as [string, string];
    const i = at(a);
    const j = at(b);
    if (i === j) continue; // two "other" countries: no ribbon inside one arc
    matrix[i]![j]! += count;
    matrix[j]![i]! += count;
    const key = i < j ? `${i}|${j}` : `${j}|${i}`;
    counts.set(key, (counts.get(key) ?? 0) + count);
  }
  const label = (k: string) => (k === OTHER ? 'Other countries' : name(k));
  const layout = chord().padAngle(0.03).sortSubgroups((a, b) => b - a)(matrix);
  const arcPath = arc<ChordGroup>().innerRadius(inner).outerRadius(outer).digits(2);
  const ribbonPath = (d: Chord) => {
    const context = pathRound(2);
    ribbon<Chord, unknown>().radius(inner - 1).context(context)(d);
    return context.toString();
  };
  const arcs: CountryArc[] = layout.groups
    .filter((g) => g.value > 0)
    .map((g) => {
      const angle = (g.startAngle + g.endAngle) / 2;
      const degrees = (angle * 180) / Math.PI - 90;
      const flip = angle > Math.PI;
      const r = outer + 8;
      return {
        code: keys[g.index]!,
        name: label(keys[g.index]!),
        value: g.value,
        path: arcPath(g)!,
        fill: colour(g.index),
        label: {
          x: round2(Math.cos(angle - Math.PI / 2) * r),
          y: round2(Math.sin(angle - Math.PI / 2) * r),
          anchor: flip ? 'end' : 'start',
          rotate: round2(flip ? degrees + 180 : degrees),
        },
      };
    });
  const ribbons: CountryRibbon[] = layout.map((d) => {
    const i = Math.min(d.source.index, d.target.index);
    const j = Math.max(d.source.index, d.target.index);
    return {
      a: keys[i]!,
      b: keys[j]!,
      aName: label(keys[i]!),
      bName: label(keys[j]!),
      count: counts.get(`${i}|${j}`) ?? 0,
      path: ribbonPath(d),
      fill: colour(d.source.value >= d.target.value ? d.source.index : d.target.index),
    };
  });
  return { size, arcs, ribbons };
}
