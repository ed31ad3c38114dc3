// Colours for categories: the Okabe-Ito palette (distinguishable with the common colour
// vision deficiencies) without its black and its pale yellow, which overwhelm a chart
// full of ribbons, then the mid tones of CARTO's "Bold" scheme. Fixed, so the charts are the same bytes every build.
export const PALETTE = ['#0072B2', '#E69F00', '#009E73', '#CC79A7', '#56B4E9', '#D55E00', '#7F3C8D', '#882255', '#3969AC', '#E73F74', '#80BA5A', '#A5AA99'];

/** The colour of the i-th category, cycling through the palette. */
export function colour(i: number): string {
  return PALETTE[i % PALETTE.length]!;
}
