import { describe, expect, it } from "vitest";

import { createTranslator } from "~/i18n";

import { reportTableCsv } from "./csv.server";
import { summariseEvaluations } from "./evaluation.server";
import { pointsForMinutes, spreadOf } from "./study-load";
import { evaluationTable, studyLoadTable } from "./tables";

const ctx = { t: createTranslator("nl"), locale: "nl" as const };

describe("spreadOf", () => {
  it("gives the middle value and interpolated quartiles for an odd count", () => {
    expect(spreadOf([30, 10, 50, 20, 40])).toEqual({ n: 5, median: 30, q1: 20, q3: 40 });
  });

  it("averages the two middle values for an even count and interpolates the quartiles", () => {
    // Sorted 10 20 30 40 50 60: quartile positions 1.25 and 3.75 (QUARTILE.INC).
    expect(spreadOf([60, 10, 40, 20, 50, 30])).toEqual({ n: 6, median: 35, q1: 22.5, q3: 47.5 });
  });

  it("is suppressed below five learners", () => {
    expect(spreadOf([1, 2, 3, 4])).toBeNull();
    expect(spreadOf([])).toBeNull();
  });
});

describe("pointsForMinutes", () => {
  it("gives one point per hour, rounded to the nearest half point, at least half a point", () => {
    expect(pointsForMinutes(26)).toBe(0.5);
    expect(pointsForMinutes(10)).toBe(0.5);
    expect(pointsForMinutes(60)).toBe(1);
    expect(pointsForMinutes(75)).toBe(1.5);
    expect(pointsForMinutes(100)).toBe(1.5);
    expect(pointsForMinutes(110)).toBe(2);
  });
});

const rating = (value: number, comment: string | null = null) => ({
  relevance: value,
  objectivesMet: value,
  quality: value,
  independent: value,
  minutesSpent: value * 10,
  comment,
});

describe("evaluation figures", () => {
  it("suppress everything but the count below five evaluations", () => {
    const report = summariseEvaluations([rating(5, "geheim"), rating(4), rating(4), rating(3)], {
      includeComments: true,
    });
    expect(report).toEqual({ responses: 4, suppressed: true, ratings: [], minutes: null, comments: null });
    const csv = reportTableCsv(evaluationTable(ctx, report), "komma");
    expect(csv).toContain("te weinig deelnemers");
    expect(csv).not.toContain("geheim");
  });

  it("give means, shares agreeing and the median time from five, and comments only when asked", () => {
    const rows = [rating(5, "b"), rating(4, "a"), rating(4), rating(2), rating(5)];
    const report = summariseEvaluations(rows, { includeComments: true });
    expect(report.ratings[0]).toEqual({ rating: "relevance", answered: 5, mean: 4, agree: 0.8 });
    expect(report.minutes).toEqual({ n: 5, median: 40, q1: 40, q3: 50 });
    expect(report.comments).toEqual(["a", "b"]);
    expect(summariseEvaluations(rows, { includeComments: false }).comments).toBeNull();
    const csv = reportTableCsv(evaluationTable(ctx, report), "puntkomma");
    expect(csv.split("\r\n")[0]).toBe("\uFEFFVraag;Antwoorden;Gemiddelde (1–5);Eens of helemaal eens (%)");
    expect(csv).toContain("De module is relevant voor mijn werk.;5;4;80");
  });
});

describe("study load table", () => {
  it("has a measured and a reported row per module, suppressed below five, with minutes in the CSV", () => {
    const table = studyLoadTable(ctx, [
      {
        moduleId: "zorg",
        title: "Zorg",
        statedMinutes: 26,
        measured: { n: 6, spread: { n: 6, median: 24.5, q1: 20, q3: 31.25 } },
        reported: { n: 3, spread: null },
      },
    ]);
    expect(table.rows.map((row) => row.suppressed)).toEqual([false, true]);
    const lines = reportTableCsv(table, "komma").split("\r\n");
    expect(lines[1]).toBe("Zorg,Gemeten actieve leestijd,26,6,24.5,20,31.3");
    expect(lines[2]).toBe(
      "Zorg,Opgegeven door deelnemers,26,3,te weinig deelnemers,te weinig deelnemers,te weinig deelnemers",
    );
  });
});
