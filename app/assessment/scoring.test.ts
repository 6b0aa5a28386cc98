import fc from "fast-check";
import { describe, expect, it } from "vitest";

import {
  isFullyCorrect,
  pointsToPass,
  scoreAttempt,
  scoreQuestion,
  validateSelection,
  type ScoredQuestion,
} from "./scoring";
import type { QuestionType } from "~/content/questions";

const SEED = 20240601;

/** A question whose options are correct where `flags` is true. */
const question = (type: QuestionType, flags: readonly boolean[]): ScoredQuestion => ({
  type,
  options: flags.map((correct) => ({ text: null, correct, feedback: {} })),
});
/** A multiple response question from a pattern like "CCWW": C correct, W wrong. */
const multiple = (pattern: string) =>
  question(
    "multiple",
    [...pattern].map((c) => c === "C"),
  );
const single = (options: number, correct: number) =>
  question(
    "single",
    Array.from({ length: options }, (_, i) => i === correct),
  );
const trueFalse = (answer: boolean) => question("true_false", [answer, !answer]);

const indices = (q: ScoredQuestion) => q.options.map((_, i) => i);
const correctIndices = (q: ScoredQuestion) => indices(q).filter((i) => q.options[i]!.correct);

const oneAnswerArb = (type: QuestionType, min: number, max: number) =>
  fc.integer({ min, max }).chain((n) =>
    fc.integer({ min: 0, max: n - 1 }).map((c) =>
      question(
        type,
        Array.from({ length: n }, (_, i) => i === c),
      ),
    ),
  );
const multipleArb = fc
  .array(fc.boolean(), { minLength: 2, maxLength: 8 })
  .filter((flags) => flags.includes(true))
  .map((flags) => question("multiple", flags));
/** Questions as quiz.yaml allows them. */
const questionArb = fc.oneof(
  oneAnswerArb("single", 2, 6),
  oneAnswerArb("scenario", 2, 6),
  oneAnswerArb("true_false", 2, 2),
  multipleArb,
);
const selectionArb = (q: ScoredQuestion): fc.Arbitrary<number[]> =>
  q.type === "multiple"
    ? fc.shuffledSubarray(indices(q))
    : fc.oneof(
        fc.constant<number[]>([]),
        fc.constantFrom(...indices(q)).map((i) => [i]),
      );
const answeredArb = questionArb.chain((q) => fc.tuple(fc.constant(q), selectionArb(q)));
const answeredMultipleArb = multipleArb.chain((q) => fc.tuple(fc.constant(q), selectionArb(q)));

describe("validateSelection", () => {
  it("accepts one known option for a one-answer question", () => {
    expect(validateSelection(single(4, 2), [3])).toBe("ok");
    expect(validateSelection(question("scenario", [true, false]), [0])).toBe("ok");
    expect(validateSelection(trueFalse(true), [1])).toBe("ok");
  });

  it("accepts any set of known options for a multiple response question", () => {
    expect(validateSelection(multiple("CWCW"), [3, 0, 1])).toBe("ok");
    expect(validateSelection(multiple("CWCW"), [0, 1, 2, 3])).toBe("ok");
  });

  it("reports an empty selection as empty", () => {
    expect(validateSelection(single(3, 0), [])).toBe("empty");
    expect(validateSelection(multiple("CW"), [])).toBe("empty");
  });

  it("rejects more than one option for single, scenario and true/false", () => {
    expect(validateSelection(single(4, 0), [0, 1])).toBe("too_many");
    expect(validateSelection(question("scenario", [true, false, false]), [2, 1])).toBe("too_many");
    expect(validateSelection(trueFalse(false), [0, 1])).toBe("too_many");
  });

  it("rejects indices outside the options, negative or fractional", () => {
    expect(validateSelection(single(3, 0), [3])).toBe("unknown_option");
    expect(validateSelection(single(3, 0), [-1])).toBe("unknown_option");
    expect(validateSelection(multiple("CWC"), [0, 1.5])).toBe("unknown_option");
    expect(validateSelection(multiple("CWC"), [Number.NaN])).toBe("unknown_option");
  });

  it("rejects a repeated index", () => {
    expect(validateSelection(multiple("CWC"), [0, 2, 0])).toBe("duplicate");
    expect(validateSelection(single(3, 0), [1, 1])).toBe("duplicate");
  });
});

describe("scoreQuestion", () => {
  it("scores a one-answer question 1 for the correct option and 0 otherwise", () => {
    expect(scoreQuestion(single(4, 2), [2])).toBe(1);
    expect(scoreQuestion(single(4, 2), [1])).toBe(0);
    expect(scoreQuestion(trueFalse(false), [1])).toBe(1);
    expect(scoreQuestion(trueFalse(false), [0])).toBe(0);
  });

  it("scores multiple response as (correct − wrong ticks) ÷ correct options, at least 0", () => {
    expect(scoreQuestion(multiple("CCCWW"), [0, 1, 2])).toBe(1);
    expect(scoreQuestion(multiple("CCCWW"), [0, 1])).toBeCloseTo(2 / 3);
    expect(scoreQuestion(multiple("CCCWW"), [0, 1, 3])).toBeCloseTo(1 / 3);
    expect(scoreQuestion(multiple("CCCWW"), [0, 1, 2, 3])).toBeCloseTo(2 / 3);
    expect(scoreQuestion(multiple("CCCWW"), [0, 3, 4])).toBe(0);
    expect(scoreQuestion(multiple("CCCWW"), [3])).toBe(0);
  });

  it("scores an empty answer 0", () => {
    expect(scoreQuestion(single(3, 0), [])).toBe(0);
    expect(scoreQuestion(multiple("CW"), [])).toBe(0);
  });

  it("refuses to score an invalid selection", () => {
    expect(() => scoreQuestion(single(3, 0), [0, 1])).toThrow(/too_many/);
    expect(() => scoreQuestion(multiple("CW"), [2])).toThrow(/unknown_option/);
    expect(() => scoreQuestion(multiple("CW"), [0, 0])).toThrow(/duplicate/);
  });

  it("refuses a multiple response question without a correct option", () => {
    expect(() => scoreQuestion(multiple("WW"), [0])).toThrow();
  });
});

describe("isFullyCorrect", () => {
  it("is true only for the exact set of correct options", () => {
    expect(isFullyCorrect(multiple("CWC"), [2, 0])).toBe(true);
    expect(isFullyCorrect(multiple("CWC"), [0])).toBe(false);
    expect(isFullyCorrect(multiple("CWC"), [0, 1, 2])).toBe(false);
    expect(isFullyCorrect(single(2, 1), [1])).toBe(true);
    expect(isFullyCorrect(single(2, 1), [])).toBe(false);
  });
});

describe("scoreAttempt", () => {
  const twoOfThree = [
    { question: single(2, 0), selected: [0] },
    { question: single(2, 0), selected: [0] },
    { question: single(2, 0), selected: [1] },
  ];

  it("sums the question scores and compares the exact score with the pass mark", () => {
    const result = scoreAttempt(
      [
        { question: single(3, 0), selected: [0] },
        { question: multiple("CCW"), selected: [0] },
        { question: trueFalse(true), selected: [1] },
      ],
      50,
    );
    expect(result).toEqual({ earned: 1.5, possible: 3, percent: 50, passed: true });
  });

  it("is 0 and not passed without questions", () => {
    expect(scoreAttempt([], 1)).toEqual({ earned: 0, possible: 0, percent: 0, passed: false });
  });

  it("rounds the percentage to one decimal for display", () => {
    expect(scoreAttempt(twoOfThree, 50).percent).toBe(66.7);
  });

  it("does not pass when only the rounded percentage reaches the pass mark", () => {
    const result = scoreAttempt(twoOfThree, 66.7);
    expect(result.percent).toBe(66.7);
    expect(result.passed).toBe(false);
  });

  it("passes at exactly the pass mark even when the float sum lands just below it", () => {
    // 2/3 + 1/2 + 1/3 sums to 1.4999999999999998 in floating point.
    const result = scoreAttempt(
      [
        { question: multiple("CCC"), selected: [0, 1] },
        { question: multiple("CC"), selected: [0] },
        { question: multiple("CCC"), selected: [0] },
      ],
      50,
    );
    expect(result.earned).toBeLessThan(1.5);
    expect(result.passed).toBe(true);
  });

  it("refuses an attempt with an invalid selection", () => {
    expect(() => scoreAttempt([{ question: single(3, 0), selected: [0, 1] }], 50)).toThrow();
  });
});

describe("scoring rules (properties)", () => {
  it("a score is always within [0, 1]", () => {
    fc.assert(
      fc.property(answeredArb, ([q, selected]) => {
        const score = scoreQuestion(q, selected);
        expect(score).toBeGreaterThanOrEqual(0);
        expect(score).toBeLessThanOrEqual(1);
      }),
      { seed: SEED },
    );
  });

  it("selecting exactly the correct options, in any order, scores 1", () => {
    fc.assert(
      fc.property(
        questionArb.chain((q) =>
          fc.tuple(fc.constant(q), fc.shuffledSubarray(correctIndices(q), { minLength: correctIndices(q).length })),
        ),
        ([q, selected]) => {
          expect(scoreQuestion(q, selected)).toBe(1);
          expect(isFullyCorrect(q, selected)).toBe(true);
        },
      ),
      { seed: SEED },
    );
  });

  it("any other valid selection scores less than 1", () => {
    fc.assert(
      fc.property(answeredArb, ([q, selected]) => {
        const exact = [...selected].sort((a, b) => a - b).join() === correctIndices(q).join();
        fc.pre(!exact);
        expect(scoreQuestion(q, selected)).toBeLessThan(1);
        expect(isFullyCorrect(q, selected)).toBe(false);
      }),
      { seed: SEED },
    );
  });

  it("a one-answer question scores 1 exactly when the chosen option is correct", () => {
    fc.assert(
      fc.property(answeredArb, ([q, selected]) => {
        fc.pre(q.type !== "multiple" && selected.length === 1);
        expect(scoreQuestion(q, selected)).toBe(q.options[selected[0]!]!.correct ? 1 : 0);
      }),
      { seed: SEED },
    );
  });

  it("multiple response: an extra correct tick never lowers the score, an extra wrong tick never raises it", () => {
    const withExtraArb = answeredMultipleArb
      .filter(([q, selected]) => selected.length < q.options.length)
      .chain(([q, selected]) =>
        fc.tuple(
          fc.constant(q),
          fc.constant(selected),
          fc.constantFrom(...indices(q).filter((i) => !selected.includes(i))),
        ),
      );
    fc.assert(
      fc.property(withExtraArb, ([q, selected, extra]) => {
        const before = scoreQuestion(q, selected);
        const after = scoreQuestion(q, [...selected, extra]);
        if (q.options[extra]!.correct) expect(after).toBeGreaterThanOrEqual(before);
        else expect(after).toBeLessThanOrEqual(before);
      }),
      { seed: SEED },
    );
  });

  it("multiple response: ticking every option scores 0 when at least half the options are wrong", () => {
    fc.assert(
      fc.property(multipleArb, (q) => {
        const correct = correctIndices(q).length;
        fc.pre(q.options.length - correct >= correct);
        expect(scoreQuestion(q, indices(q))).toBe(0);
      }),
      { seed: SEED },
    );
  });

  it("validateSelection rejects out-of-range indices and repeats, and scoreQuestion refuses them", () => {
    const badArb = answeredArb.chain(([q, selected]) =>
      fc.oneof(
        fc
          .oneof(fc.integer({ max: -1 }), fc.integer({ min: q.options.length }))
          .map((bad) => ({ q, selected: [...selected, bad], expected: "unknown_option" as const })),
        fc
          .constantFrom(...indices(q))
          .map((repeat) => ({ q, selected: [...selected, repeat, repeat], expected: "duplicate" as const })),
      ),
    );
    fc.assert(
      fc.property(badArb, ({ q, selected, expected }) => {
        expect(validateSelection(q, selected)).toBe(expected);
        expect(() => scoreQuestion(q, selected)).toThrow();
      }),
      { seed: SEED },
    );
  });

  it("scoreAttempt passes exactly when earned ÷ possible × 100 reaches the pass mark", () => {
    // Every score is a whole number of 840ths (840 = lcm(1..8)), so the rule can be checked exactly.
    const score840 = (q: ScoredQuestion, selected: readonly number[]): number => {
      const ticked = selected.map((i) => q.options[i]!.correct);
      if (q.type !== "multiple") return ticked[0] ? 840 : 0;
      const net = ticked.filter(Boolean).length - ticked.filter((c) => !c).length;
      return (Math.max(0, net) * 840) / correctIndices(q).length;
    };
    fc.assert(
      fc.property(fc.array(answeredArb, { maxLength: 15 }), fc.integer({ min: 1, max: 100 }), (answers, passMark) => {
        const items = answers.map(([question, selected]) => ({ question, selected }));
        const result = scoreAttempt(items, passMark);
        const earned840 = answers.reduce((sum, [q, selected]) => sum + score840(q, selected), 0);
        expect(result.possible).toBe(items.length);
        expect(result.earned).toBeCloseTo(earned840 / 840, 9);
        if (items.length === 0) {
          expect(result.passed).toBe(false);
          expect(result.percent).toBe(0);
          return;
        }
        expect(result.passed).toBe(earned840 * 100 >= passMark * items.length * 840);
        expect(Math.abs(result.percent - (earned840 * 100) / (840 * items.length))).toBeLessThanOrEqual(0.05 + 1e-9);
      }),
      { seed: SEED, numRuns: 500 },
    );
  });
});

describe("pointsToPass", () => {
  it("states the pass mark as points of the draw", () => {
    expect(pointsToPass(70, 10)).toBe(7);
    expect(pointsToPass(70, 6)).toBe(4.2);
    expect(pointsToPass(80, 12)).toBe(9.6);
  });

  it("is exactly the score at which scoreAttempt starts to pass", () => {
    const right = (n: number) => Array.from({ length: n }, () => ({ question: single(2, 0), selected: [0] }));
    const wrong = (n: number) => Array.from({ length: n }, () => ({ question: single(2, 0), selected: [1] }));
    expect(scoreAttempt([...right(7), ...wrong(3)], 70).passed).toBe(true);
    expect(scoreAttempt([...right(6), ...wrong(4)], 70).passed).toBe(false);
  });
});
