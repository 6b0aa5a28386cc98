/**
 * Summary statistics of study time, as accreditation registers ask for them: the median and the
 * interquartile range. Quartiles use linear interpolation between the closest ranks (the method
 * of Excel's QUARTILE.INC and R's default, type 7), so a provider can recompute them from an export.
 */

/** Below this many learners a figure is not shown (the dashboard's small-group rule). */
export const STUDY_LOAD_MIN_GROUP = 5;

export interface Spread {
  n: number;
  median: number;
  q1: number;
  q3: number;
}

/** The p-quantile (0..1) of values sorted ascending. */
function quantile(sorted: readonly number[], p: number): number {
  const position = (sorted.length - 1) * p;
  const below = Math.floor(position);
  const above = Math.ceil(position);
  const low = sorted[below] ?? 0;
  const high = sorted[above] ?? low;
  return low + (high - low) * (position - below);
}

/** Median and quartiles, or null when fewer than STUDY_LOAD_MIN_GROUP values are given. */
export function spreadOf(values: readonly number[]): Spread | null {
  if (values.length < STUDY_LOAD_MIN_GROUP) return null;
  const sorted = [...values].sort((a, b) => a - b);
  return { n: sorted.length, median: quantile(sorted, 0.5), q1: quantile(sorted, 0.25), q3: quantile(sorted, 0.75) };
}

/**
 * Accreditation points for a study load: one point per hour, rounded to the nearest half point
 * and at least half a point (the rule the demo accreditation follows; registers publish their own).
 */
export function pointsForMinutes(minutes: number): number {
  return Math.max(0.5, Math.round((minutes / 60) * 2) / 2);
}
