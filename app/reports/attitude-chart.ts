/**
 * The attitude chart reads one way for every statement: further right is less stigmatising. For a
 * reversed statement (agreeing is the stigmatising answer) the means are mirrored on the scale;
 * the table keeps the means as answered. Isomorphic.
 */
export const ATTITUDE_SCALE = [1, 5] as const;

export function towardsDesired(mean: number, reverse: boolean, scale: readonly [number, number] = ATTITUDE_SCALE) {
  return reverse ? scale[0] + scale[1] - mean : mean;
}

export interface AttitudeChartRow {
  itemId: string;
  text: string;
  reverse: boolean;
  suppressed: boolean;
  before: number | null;
  after: number | null;
}

/** The rows that can be drawn, on the "right is better" scale. */
export function attitudeChartPoints(
  rows: readonly AttitudeChartRow[],
): { itemId: string; text: string; reverse: boolean; before: number; after: number }[] {
  return rows.flatMap((row) =>
    !row.suppressed && row.before !== null && row.after !== null
      ? [
          {
            itemId: row.itemId,
            text: row.text,
            reverse: row.reverse,
            before: towardsDesired(row.before, row.reverse),
            after: towardsDesired(row.after, row.reverse),
          },
        ]
      : [],
  );
}
