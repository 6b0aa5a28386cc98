import fc from "fast-check";
import { describe, expect, it } from "vitest";

import { question } from "../../tests/unit/support/courses";
import { localText, publicQuestion, readAnswerForm, reviewedQuestion, toAuthored, toDisplayed } from "./view";

const SEED = 20240601;

function form(entries: Array<[string, string | Blob]>): FormData {
  const data = new FormData();
  for (const [name, value] of entries) data.append(name, value);
  return data;
}

describe("readAnswerForm", () => {
  it("collects repeated fields of a multiple response question and ignores other fields", () => {
    const result = readAnswerForm(
      form([
        ["answer.meer", "2"],
        ["intent", "submit"],
        ["answer.enkel", "0"],
        ["answer.meer", "0"],
        ["minutes", "25"],
      ]),
    );
    expect(result).toEqual({
      ok: true,
      answers: new Map([
        ["meer", [2, 0]],
        ["enkel", [0]],
      ]),
    });
  });

  it("reads an empty form as no answers", () => {
    expect(readAnswerForm(form([]))).toEqual({ ok: true, answers: new Map() });
  });

  it("rejects values that are not small whole numbers, an answer without a question id, and files", () => {
    for (const value of ["", "-1", "1.5", "1e1", "abc", "100", " 1", "0x1"]) {
      expect(readAnswerForm(form([["answer.enkel", value]]))).toEqual({ ok: false, error: "malformed" });
    }
    expect(readAnswerForm(form([["answer.", "1"]]))).toEqual({ ok: false, error: "malformed" });
    expect(readAnswerForm(form([["answer.enkel", new Blob(["1"])]]))).toEqual({ ok: false, error: "malformed" });
    // One malformed field refuses the whole post.
    expect(
      readAnswerForm(
        form([
          ["answer.enkel", "1"],
          ["answer.meer", "x"],
        ]),
      ),
    ).toEqual({ ok: false, error: "malformed" });
  });
});

describe("toAuthored and toDisplayed", () => {
  const order = [2, 0, 3, 1];

  it("maps display positions to authored options and back", () => {
    expect(toAuthored(order, [0, 3])).toEqual([2, 1]);
    expect(toDisplayed(order, [2, 1])).toEqual([0, 3]);
    expect(toAuthored(order, [])).toEqual([]);
  });

  it("round-trips every selection of distinct positions", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 8 }).chain((size) =>
          fc.record({
            order: fc.shuffledSubarray([...Array(size).keys()], { minLength: size, maxLength: size }),
            picked: fc.shuffledSubarray([...Array(size).keys()]),
          }),
        ),
        ({ order: shuffled, picked }) => {
          const authored = toAuthored(shuffled, picked);
          expect(authored).not.toBeNull();
          expect(toDisplayed(shuffled, authored ?? [])).toEqual(picked);
        },
      ),
      { seed: SEED },
    );
  });

  it("rejects positions that do not exist, repeat or are not whole numbers", () => {
    expect(toAuthored(order, [4])).toBeNull();
    expect(toAuthored(order, [-1])).toBeNull();
    expect(toAuthored(order, [1, 1])).toBeNull();
    expect(toAuthored(order, [0.5])).toBeNull();
    expect(toAuthored(order, [Number.NaN])).toBeNull();
  });

  it("leaves out saved options the order no longer has", () => {
    expect(toDisplayed([1, 0], [0, 5])).toEqual([1]);
  });
});

describe("publicQuestion and reviewedQuestion", () => {
  const scenario = question("casus", "scenario", "WCW");
  const order = [1, 2, 0];

  it("shows only texts, in display order, before an answer", () => {
    const shown = publicQuestion(scenario, order, "en");
    expect(shown).toEqual({
      id: "casus",
      type: "scenario",
      scenario: "Case casus",
      text: "Question casus",
      options: [
        { value: 0, text: "casus option 1" },
        { value: 1, text: "casus option 2" },
        { value: 2, text: "casus option 0" },
      ],
    });
  });

  it("adds correctness, the learner's choice, feedback and the explanation in review", () => {
    // `selected` holds authored indices: authored option 2 is shown second.
    const reviewed = reviewedQuestion(scenario, order, [2], 0, "nl");
    expect(reviewed.options).toEqual([
      { value: 0, text: "casus optie 1", correct: true, chosen: false, feedback: "FEEDBACK casus 1" },
      { value: 1, text: "casus optie 2", correct: false, chosen: true, feedback: "FEEDBACK casus 2" },
      { value: 2, text: "casus optie 0", correct: false, chosen: false, feedback: "FEEDBACK casus 0" },
    ]);
    expect(reviewed).toMatchObject({ explanation: "UITLEG casus", score: 0 });
  });

  it("falls back to Dutch for a text without the learner's language", () => {
    expect(localText({ nl: "Alleen Nederlands" }, "en")).toBe("Alleen Nederlands");
    expect(localText(null, "en")).toBe("");
  });
});
