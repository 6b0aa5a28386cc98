import { describe, expect, it } from "vitest";

import { scoreAttempt } from "~/assessment/scoring";
import { decodeProgress, emptyProgress, encodeProgress, reportedPercent, SUSPEND_DATA_LIMIT } from "./progress";
import type { Progress } from "./progress";

const KEY = "a715deed5cc6";

function sample(): Progress {
  return {
    visited: [0, 1, 3],
    checks: { 0: [1], 2: [0, 2] },
    attempts: [{ questions: [4, 1], percent: 50, passed: false, submittedAt: 1_700_000_000_000 }],
    open: { seed: "abc", questions: [2, 0], answers: { 2: [1] } },
  };
}

describe("suspend_data", () => {
  it("round-trips the learner's progress", () => {
    const text = encodeProgress(sample(), KEY, SUSPEND_DATA_LIMIT["1.2"]);
    expect(decodeProgress(text, KEY)).toEqual(sample());
  });

  it("stays within the SCORM 1.2 limit by dropping old question lists, never attempts", () => {
    const progress = sample();
    progress.attempts = Array.from({ length: 10 }, (_, index) => ({
      questions: Array.from({ length: 100 }, (_, question) => question + index),
      percent: 10,
      passed: false,
      submittedAt: 1_700_000_000_000 + index,
    }));
    const text = encodeProgress(progress, KEY, SUSPEND_DATA_LIMIT["1.2"]);
    expect(text.length).toBeLessThanOrEqual(4096);
    const back = decodeProgress(text, KEY);
    expect(back.attempts).toHaveLength(10);
    expect(back.attempts.at(-1)?.questions).toHaveLength(100);
    expect(back.visited).toEqual(progress.visited);
  });

  it("keeps only the attempts used when the package content changed", () => {
    const text = encodeProgress(sample(), KEY, SUSPEND_DATA_LIMIT["2004"]);
    expect(decodeProgress(text, "another-key")).toEqual({
      ...emptyProgress(),
      attempts: [{ questions: [], percent: 50, passed: false, submittedAt: 1_700_000_000_000 }],
    });
  });

  it("ignores data it cannot read", () => {
    for (const text of ["", "not json", "[]", "null", '{"k":"a715deed5cc6","v":"x","c":[1],"h":[[1]],"o":{"s":1}}']) {
      expect(decodeProgress(text, KEY)).toEqual(emptyProgress());
    }
    expect(decodeProgress('{"k":"a715deed5cc6","v":[0,-1]}', KEY).visited).toEqual([]);
  });
});

describe("reportedPercent", () => {
  it("cuts to two decimals so the LMS reaches the platform's verdict at the pass mark", () => {
    expect(reportedPercent(2, 3)).toBe(66.66);
    expect(reportedPercent(6, 6)).toBe(100);
    expect(reportedPercent(0, 0)).toBe(0);
    // 4.2 of 6 is exactly 70% but sums to 69.99999… in floating point: still 70, still passed.
    const earned = 1 + 1 + 1 + 1 + 0.1 + 0.1;
    expect(reportedPercent(earned, 6)).toBe(70);
    // 69.96% shows as 70.0 on the platform but does not pass; the LMS must not see 70 either.
    expect(reportedPercent(6.996, 10)).toBe(69.96);
  });

  it("agrees with scoreAttempt on passing for every score of a six-question draw", () => {
    const thirds = [0, 1 / 3, 2 / 3, 1];
    for (const passMark of [50, 60, 70, 80, 100]) {
      for (const a of thirds)
        for (const b of thirds) {
          const scores = [1, 1, 1, 1, a, b];
          const items = scores.map((score) => ({
            question: {
              type: "multiple" as const,
              options: [
                { text: null, correct: true, feedback: {} },
                { text: null, correct: true, feedback: {} },
                { text: null, correct: true, feedback: {} },
              ],
            },
            selected: [0, 1, 2].slice(0, Math.round(score * 3)),
          }));
          const result = scoreAttempt(items, passMark);
          expect(reportedPercent(result.earned, result.possible) >= passMark, `${passMark}: ${scores}`).toBe(
            result.passed,
          );
        }
    }
  });
});
