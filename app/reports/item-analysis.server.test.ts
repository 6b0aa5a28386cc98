import { describe, expect, it } from "vitest";

import { useTestDatabase } from "../../tests/setup/use-test-database";
import { ALL, filter, reportDataset } from "../../tests/unit/support/report-dataset";
import { getItemAnalysis } from "./item-analysis.server";

const database = useTestDatabase();
const db = () => database.prisma;
const { seedDataset } = reportDataset(db);

describe("getItemAnalysis", () => {
  it("gives shares and option counts per question, suppressing questions with fewer than five answers", async () => {
    const ids = await seedDataset();
    expect(await getItemAnalysis(db(), ALL, filter(), { locale: "nl" })).toBeNull();
    const analysis = await getItemAnalysis(db(), ALL, filter({ moduleId: "alpha" }), { locale: "nl" });
    expect(analysis!.moduleTitle).toBe("Module alpha");
    const [q1, q2, q3] = analysis!.rows;
    expect(q1).toEqual({
      questionId: "alpha/q1",
      position: 1,
      type: "single",
      topic: null,
      text: "Vraag q1",
      answered: 9,
      suppressed: false,
      shareCorrect: 5 / 9,
      averageScore: 5 / 9,
      options: [
        { text: "q1 optie 0", correct: true, chosen: 5, share: 5 / 9 },
        { text: "q1 optie 1", correct: false, chosen: 2, share: 2 / 9 },
        { text: "q1 optie 2", correct: false, chosen: 1, share: 1 / 9 },
      ],
    });
    expect(q2).toMatchObject({
      questionId: "alpha/q2",
      answered: 4,
      suppressed: true,
      shareCorrect: null,
      averageScore: null,
    });
    expect(q2!.options.map((option) => [option.chosen, option.share])).toEqual([
      [0, null],
      [0, null],
      [0, null],
    ]);
    expect(q3).toMatchObject({ questionId: "alpha/q3", answered: 0, suppressed: true });
    expect(q3!.options.map((option) => [option.text, option.correct])).toEqual([
      ["Waar", true],
      ["Niet waar", false],
    ]);

    // Joined from February: two March joiners of A1 and the five of B1 (one blank answer).
    const later = await getItemAnalysis(db(), ALL, filter({ moduleId: "alpha", from: 202602 }), { locale: "en" });
    expect(later!.rows[0]).toMatchObject({ text: "Question q1", answered: 5, shareCorrect: 3 / 5 });
    expect(later!.rows[0]!.options.map((option) => option.chosen)).toEqual([3, 1, 0]);

    const bankOnly = await getItemAnalysis(
      db(),
      { kind: "organisations", organisationIds: [ids.bank] },
      filter({ moduleId: "alpha" }),
      { locale: "nl" },
    );
    expect(bankOnly!.rows[0]!.options.map((option) => option.chosen)).toEqual([3, 1, 1]);
  });
});
