import fc from "fast-check";
import { describe, expect, it } from "vitest";

import { drawQuestions, optionOrder, type BankQuestion } from "./draw";
import type { Question, QuestionType } from "~/content/questions";

const SEED = 20240601;

/** A bank with one question per entry of `topics`, ids q0, q1, … */
const bankOf = (topics: readonly (string | null)[]): BankQuestion[] =>
  topics.map((topic, i) => ({ id: `q${i}`, topic }));
const untopical = (size: number) => bankOf(Array.from({ length: size }, () => null));
const ids = (bank: readonly BankQuestion[]) => bank.map((q) => q.id);
const topicsOf = (bank: readonly BankQuestion[]) => new Set(bank.flatMap((q) => (q.topic === null ? [] : [q.topic])));
const topicOf = (bank: readonly BankQuestion[], id: string) => bank.find((q) => q.id === id)?.topic ?? null;
const seeds = (n: number) => Array.from({ length: n }, (_, i) => `seed-${i}`);

/** Banks of up to 30 questions over up to four topics (some untopical), with a count drawing can meet. */
const requestArb = fc
  .array(fc.option(fc.constantFrom("law", "health", "safety", "language"), { nil: null }), {
    minLength: 1,
    maxLength: 30,
  })
  .map(bankOf)
  .chain((bank) =>
    fc.record({
      bank: fc.constant(bank),
      count: fc.integer({ min: topicsOf(bank).size, max: bank.length }),
      seed: fc.string(),
    }),
  );
/** As requestArb, plus earlier attempts made of bank ids. */
const requestWithHistoryArb = requestArb.chain((request) =>
  fc.record({
    bank: fc.constant(request.bank),
    count: fc.constant(request.count),
    seed: fc.constant(request.seed),
    history: fc.array(fc.subarray(ids(request.bank)), { maxLength: 4 }),
  }),
);

describe("drawQuestions", () => {
  it("draws exactly count distinct questions from the bank", () => {
    fc.assert(
      fc.property(requestWithHistoryArb, (request) => {
        const drawn = drawQuestions(request);
        expect(drawn).toHaveLength(request.count);
        expect(new Set(drawn).size).toBe(drawn.length);
        for (const id of drawn) expect(ids(request.bank)).toContain(id);
      }),
      { seed: SEED },
    );
  });

  it("covers every topic in every draw", () => {
    fc.assert(
      fc.property(requestWithHistoryArb, (request) => {
        const drawn = drawQuestions(request);
        expect(new Set(drawn.map((id) => topicOf(request.bank, id)).filter((t) => t !== null))).toEqual(
          topicsOf(request.bank),
        );
      }),
      { seed: SEED },
    );
  });

  it("draws one question per topic when count equals the number of topics", () => {
    const bank = bankOf(["law", "law", "health", "health", "health", "safety", null, null]);
    for (const seed of seeds(50)) {
      const topics = drawQuestions({ bank, count: 3, seed, history: [] }).map((id) => topicOf(bank, id));
      expect([...topics].sort()).toEqual(["health", "law", "safety"]);
    }
  });

  it("is deterministic for the same request", () => {
    fc.assert(
      fc.property(requestWithHistoryArb, (request) => {
        expect(drawQuestions(request)).toEqual(
          drawQuestions({ ...request, history: request.history.map((a) => [...a]) }),
        );
      }),
      { seed: SEED },
    );
  });

  it("draws differently for different seeds from a reasonably large bank", () => {
    const bank = bankOf(Array.from({ length: 30 }, (_, i) => ["law", "health", "safety"][i % 3]!));
    const draws = seeds(50).map((seed) => drawQuestions({ bank, count: 10, seed, history: [] }).join());
    expect(new Set(draws).size).toBe(draws.length);
  });

  it("breaks ties at random rather than in authored order", () => {
    const bank = untopical(10);
    const everDrawn = new Set(seeds(200).flatMap((seed) => drawQuestions({ bank, count: 3, seed, history: [] })));
    expect(everDrawn).toEqual(new Set(ids(bank)));
  });

  it("mixes topics in the returned order instead of putting one question per topic first", () => {
    const bank = bankOf(Array.from({ length: 15 }, (_, i) => ["law", "health", "safety"][i % 3]!));
    const leadsWithEveryTopic = seeds(50).map((seed) => {
      const lead = drawQuestions({ bank, count: 9, seed, history: [] }).slice(0, 3);
      return new Set(lead.map((id) => topicOf(bank, id))).size === 3;
    });
    expect(leadsWithEveryTopic).toContain(false);
  });

  it("a resit shares no question with the first attempt when the bank holds twice the draw", () => {
    const bank = untopical(12);
    for (const seed of seeds(50)) {
      const first = drawQuestions({ bank, count: 6, seed, history: [] });
      const resit = drawQuestions({ bank, count: 6, seed: `${seed}-resit`, history: [first] });
      expect(resit.filter((id) => first.includes(id))).toEqual([]);
    }
  });

  it("a resit is disjoint from the first attempt whenever the bank and every topic still have unseen questions", () => {
    const resitArb = requestArb
      .filter(({ bank, count }) => bank.length >= 2 * count)
      .chain((request) => fc.record({ request: fc.constant(request), resitSeed: fc.string() }));
    let checked = 0;
    fc.assert(
      fc.property(resitArb, ({ request, resitSeed }) => {
        const first = drawQuestions({ ...request, history: [] });
        const unseenTopics = topicsOf(request.bank.filter((q) => !first.includes(q.id)));
        fc.pre(unseenTopics.size === topicsOf(request.bank).size);
        checked += 1;
        const resit = drawQuestions({ ...request, seed: resitSeed, history: [first] });
        expect(resit.filter((id) => first.includes(id))).toEqual([]);
      }),
      { seed: SEED },
    );
    expect(checked).toBeGreaterThan(50);
  });

  it("a resit on an exhausted bank draws the least seen questions first", () => {
    const bank = untopical(6);
    const history = [
      ["q0", "q1", "q2", "q3"],
      ["q4", "q5", "q0", "q1"],
    ];
    for (const seed of seeds(30)) {
      expect([...drawQuestions({ bank, count: 4, seed, history })].sort()).toEqual(["q2", "q3", "q4", "q5"]);
      const three = drawQuestions({ bank, count: 3, seed, history });
      for (const id of three) expect(["q2", "q3", "q4", "q5"]).toContain(id);
    }
  });

  it("counts a question once per earlier attempt and ignores ids no longer in the bank", () => {
    const bank = untopical(3);
    const history = [["q0", "q0", "retired"], ["q1"]];
    const draws = seeds(30).map((seed) => drawQuestions({ bank, count: 2, seed, history }));
    for (const drawn of draws) expect(drawn).toContain("q2");
    expect(draws.some((drawn) => drawn.includes("q0"))).toBe(true);
    expect(draws.some((drawn) => drawn.includes("q1"))).toBe(true);
  });

  it("never leaves out a less seen question for a more seen one that coverage does not need", () => {
    fc.assert(
      fc.property(requestWithHistoryArb, (request) => {
        const timesSeen = (id: string) => request.history.filter((attempt) => attempt.includes(id)).length;
        const drawn = drawQuestions(request);
        const left = ids(request.bank).filter((id) => !drawn.includes(id));
        for (const kept of drawn) {
          for (const skipped of left) {
            if (timesSeen(skipped) >= timesSeen(kept)) continue;
            const swapped = drawn.map((id) => (id === kept ? skipped : id));
            const stillCovered = new Set(swapped.map((id) => topicOf(request.bank, id)).filter((t) => t !== null));
            expect(stillCovered.size).toBeLessThan(topicsOf(request.bank).size);
          }
        }
      }),
      { seed: SEED },
    );
  });

  it("covers a topic with its least seen question", () => {
    const bank = bankOf(["law", "law", "health", "health"]);
    for (const seed of seeds(30)) {
      const drawn = drawQuestions({ bank, count: 2, seed, history: [["q0", "q3"]] });
      expect([...drawn].sort()).toEqual(["q1", "q2"]);
    }
  });

  it("refuses a count larger than the bank", () => {
    expect(() => drawQuestions({ bank: untopical(3), count: 4, seed: "s", history: [] })).toThrow();
  });

  it("refuses a count smaller than the number of topics", () => {
    const bank = bankOf(["law", "health", "safety", null]);
    expect(() => drawQuestions({ bank, count: 2, seed: "s", history: [] })).toThrow();
    expect(drawQuestions({ bank, count: 3, seed: "s", history: [] })).toHaveLength(3);
  });

  it("refuses a bank with duplicate ids and a count that is not a whole number", () => {
    const bank = [...untopical(3), { id: "q0", topic: null }];
    expect(() => drawQuestions({ bank, count: 2, seed: "s", history: [] })).toThrow();
    expect(() => drawQuestions({ bank: untopical(3), count: 1.5, seed: "s", history: [] })).toThrow();
    expect(() => drawQuestions({ bank: untopical(3), count: -1, seed: "s", history: [] })).toThrow();
  });
});

describe("optionOrder", () => {
  const question = (type: QuestionType, options: number): Pick<Question, "type" | "options"> => ({
    type,
    options: Array.from({ length: options }, (_, i) => ({ text: null, correct: i === 0, feedback: {} })),
  });
  const questionArb = fc.oneof(
    fc.integer({ min: 2, max: 6 }).map((n) => question("single", n)),
    fc.integer({ min: 2, max: 6 }).map((n) => question("scenario", n)),
    fc.integer({ min: 2, max: 8 }).map((n) => question("multiple", n)),
    fc.constant(question("true_false", 2)),
  );

  it("returns a permutation of the authored option indices, the same for the same seed", () => {
    fc.assert(
      fc.property(questionArb, fc.string(), (q, seed) => {
        const order = optionOrder(q, seed);
        expect([...order].sort((a, b) => a - b)).toEqual(q.options.map((_, i) => i));
        expect(optionOrder(q, seed)).toEqual(order);
      }),
      { seed: SEED },
    );
  });

  it("keeps true before false", () => {
    fc.assert(
      fc.property(fc.string(), (seed) => {
        expect(optionOrder(question("true_false", 2), seed)).toEqual([0, 1]);
      }),
      { seed: SEED },
    );
  });

  it("shuffles the options of other question types", () => {
    for (const type of ["single", "scenario", "multiple"] as const) {
      const orders = new Set(seeds(500).map((seed) => optionOrder(question(type, 4), `attempt:${seed}`).join()));
      expect(orders.size).toBe(24);
    }
  });

  it("gives the questions of one attempt their own orders when the seed includes the question id", () => {
    const q = question("single", 6);
    const orders = new Set(["a", "b", "c", "d", "e"].map((id) => optionOrder(q, `attempt-1:${id}`).join()));
    expect(orders.size).toBeGreaterThan(1);
  });
});
