/** A coordinate rounded to two decimals, so the SVG text does not depend on the last bits of a float. */
export function round2(n: number): number {
  return Math.round(n * 100) / 100;
}
