// Multiple testing in one place: a family of p-values is Benjamini-Hochberg adjusted and each
// adjusted p is handed back to its result. Compare, trends, loyalty, moments of truth and integrity
// all correct through here; each keeps its own rule for what counts as significant.
import { benjaminiHochberg } from '../kpis/stats.js';

/**
 * Adjusts the p-values of `items` as one family and calls `write` with each tested item's adjusted
 * p. Items whose p is null are not tests: they neither count in the family nor get written.
 * Returns the tested items in input order (their count is the m of the adjustment).
 */
export function adjustFamily<T>(items: readonly T[], pOf: (item: T) => number | null,
  write: (item: T, adjusted: number) => void): T[] {
  const tested = items.filter((item) => pOf(item) !== null);
  const adjusted = benjaminiHochberg(tested.map((item) => pOf(item)!));
  tested.forEach((item, i) => write(item, adjusted[i]!));
  return tested;
}
