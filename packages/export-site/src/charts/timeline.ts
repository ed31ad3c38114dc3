// The timeline on the home page: engagements per month, stacked by type. d3 computes the
// geometry (band and linear scales, the stack); templates/charts/timeline.eta writes the
// SVG, so every label goes through the template's escaping. No script is needed to show it.
import { max } from 'd3-array';
import { scaleBand, scaleLinear } from 'd3-scale';
import { stack } from 'd3-shape';
import type { EngagementView, Term } from '../model.js';
import { colour } from './palette.js';
import { round2 } from './round.js';

export interface TimelineSegment {
  type: string;
  label: string;
  count: number;
  x: number;
  y: number;
  width: number;
  height: number;
  fill: string;
}

export interface TimelineChart {
  width: number;
  height: number;
  margin: { top: number; right: number; bottom: number; left: number };
  months: string[];
  segments: TimelineSegment[];
  yTicks: Array<{ value: number; y: number }>;
  xTicks: Array<{ label: string; x: number }>;
  legend: Array<{ type: string; label: string; fill: string; count: number }>;
  /** Rows of the table that says the same as the chart in words. */
  table: Array<{ month: string; counts: number[]; total: number }>;
  types: Array<{ id: string; label: string }>;
}

/** Every month from the first to the last (YYYY-MM), gaps included. */
export function monthRange(first: string, last: string): string[] {
  const months: string[] = [];
  let [y, m] = first.split('-').map(Number) as [number, number];
  const [ly, lm] = last.split('-').map(Number) as [number, number];
  while (y < ly || (y === ly && m <= lm)) {
    months.push(`${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}`);
    m++;
    if (m > 12) {
      m = 1;
      y++;
    }
  }
  return months;
}

export function timelineChart(engagements: readonly EngagementView[], typeTerms: readonly Term[]): TimelineChart {
  const width = 960;
  const height = 280;
  const margin = { top: 12, right: 12, bottom: 34, left: 40 };
  const months = engagements.length ? monthRange(engagements[0]!.month, engagements[engagements.length - 1]!.month) : [];
  const present = new Set(engagements.map((e) => e.record.type));
  const types = typeTerms.filter((t) => present.has(t.id as never));
  const counts = new Map<string, Record<string, number>>(months.map((m) => [m, Object.fromEntries(types.map((t) => [t.id, 0]))]));
  for (const e of engagements) counts.get(e.month)![e.record.type]! += 1;
  const rows: Array<Record<string, number | string>> = months.map((m) => ({ month: m, ...counts.get(m)! }));
  const series = stack<Record<string, number | string>, string>().keys(types.map((t) => t.id)).value((d, key) => d[key] as number)(rows);
  const x = scaleBand<string>().domain(months).range([margin.left, width - margin.right]).paddingInner(0.15);
  const top = max(rows, (r) => types.reduce((s, t) => s + (r[t.id] as number), 0)) ?? 0;
  const y = scaleLinear().domain([0, Math.max(1, top)]).nice().range([height - margin.bottom, margin.top]);
  const segments: TimelineSegment[] = [];
  series.forEach((s, i) => {
    for (const d of s) {
      const count = d[1] - d[0];
      if (count === 0) continue;
      segments.push({
        type: s.key,
        label: types[i]!.label,
        count,
        x: round2(x(String(d.data.month))!),
        y: round2(y(d[1])),
        width: round2(x.bandwidth()),
        height: round2(y(d[0]) - y(d[1])),
        fill: colour(i),
      });
    }
  });
  const yTicks = y.ticks(Math.min(5, y.domain()[1]!)).filter(Number.isInteger).map((value) => ({ value, y: round2(y(value)) }));
  // One label per year (at its first month shown), or per month when the range is short.
  const xTicks = months
    .filter((m, i) => (months.length <= 12 ? true : m.endsWith('-01') || i === 0))
    .map((m) => ({ label: months.length <= 12 ? m : m.slice(0, 4), x: round2(x(m)! + x.bandwidth() / 2) }));
  const legend = types.map((t, i) => ({ type: t.id, label: t.label, fill: colour(i), count: engagements.filter((e) => e.record.type === t.id).length }));
  const table = months
    .map((m) => ({ month: m, counts: types.map((t) => counts.get(m)![t.id]!), total: types.reduce((s, t) => s + counts.get(m)![t.id]!, 0) }))
    .filter((r) => r.total > 0);
  return { width, height, margin, months, segments, yTicks, xTicks, legend, table, types: types.map((t) => ({ id: t.id, label: t.label })) };
}
