import { distance } from 'fastest-levenshtein';

/**
 * The candidate nearest to a misspelt value, when it is near enough to be a likely typo:
 * case-insensitive equality first, then edit distance of at most a third of the length, then
 * the one candidate that begins or ends with the value (`covid` → `covid-19`, `phone` →
 * `telephone`; three characters at least, and only when no other candidate does).
 */
export function closest(value: string, candidates: readonly string[]): string | undefined {
  const lower = value.toLowerCase();
  const exact = candidates.find((c) => c.toLowerCase() === lower);
  if (exact) return exact;
  let best: string | undefined;
  let bestDistance = Infinity;
  for (const candidate of candidates) {
    const d = distance(lower, candidate.toLowerCase());
    if (d < bestDistance || (d === bestDistance && best !== undefined && candidate < best)) {
      best = candidate;
      bestDistance = d;
    }
  }
  const limit = Math.max(2, Math.floor(value.length / 3));
  if (best !== undefined && bestDistance <= limit) return best;
  if (lower.length < 3) return undefined;
  const affixed = candidates.filter((c) => c.toLowerCase().startsWith(lower) || c.toLowerCase().endsWith(lower));
  return affixed.length === 1 ? affixed[0] : undefined;
}
