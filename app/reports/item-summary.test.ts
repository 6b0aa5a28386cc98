import { describe, expect, it } from "vitest";

import { itemAnalysisVerdict } from "./item-summary";

const row = (suppressed: boolean, misconception = false) => ({ suppressed, misconception });

describe("itemAnalysisVerdict", () => {
  it("says there are not enough answers when every question is suppressed, never '0 of n'", () => {
    expect(itemAnalysisVerdict(Array.from({ length: 19 }, () => row(true)))).toEqual({
      kind: "notEnoughAnswers",
      questions: 19,
    });
  });

  it("counts misconceptions over all questions when none is suppressed", () => {
    expect(itemAnalysisVerdict([row(false, true), row(false), row(false)])).toEqual({
      kind: "misconceptions",
      count: 1,
      total: 3,
    });
  });

  it("counts only the questions with enough answers, and says how many lack them", () => {
    expect(itemAnalysisVerdict([row(false, true), row(false), row(true), row(true)])).toEqual({
      kind: "misconceptionsPartial",
      count: 1,
      total: 2,
      suppressed: 2,
    });
  });

  it("has nothing to say without questions", () => {
    expect(itemAnalysisVerdict([])).toEqual({ kind: "noQuestions" });
  });
});
