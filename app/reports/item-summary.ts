/**
 * The one-line verdict above the item analysis. With small-number suppression a selection can
 * have answers on every question and still no figure to show; saying "0 of 19 questions" then
 * reads as "no problems", which the data does not say. Isomorphic.
 */
export type ItemAnalysisVerdict =
  | { kind: "noQuestions" }
  | { kind: "notEnoughAnswers"; questions: number }
  | { kind: "misconceptions"; count: number; total: number }
  | { kind: "misconceptionsPartial"; count: number; total: number; suppressed: number };

export function itemAnalysisVerdict(
  rows: readonly { suppressed: boolean; misconception: boolean }[],
): ItemAnalysisVerdict {
  if (rows.length === 0) return { kind: "noQuestions" };
  const shown = rows.filter((row) => !row.suppressed);
  if (shown.length === 0) return { kind: "notEnoughAnswers", questions: rows.length };
  const count = shown.filter((row) => row.misconception).length;
  const suppressed = rows.length - shown.length;
  return suppressed === 0
    ? { kind: "misconceptions", count, total: rows.length }
    : { kind: "misconceptionsPartial", count, total: shown.length, suppressed };
}
