import { describe, expect, it } from "vitest";

import { resolveElement } from "./datamodel";
import { COMPLETION_STATUS, EXIT_2004, INTERACTION_RESULTS_2004, NAV_REQUESTS, SUCCESS_STATUS } from "./datamodel-2004";
import { accepted, errorCode, freshState, refused } from "./test-support";
import { INTERACTION_TYPES_2004 } from "./values";

const V = "2004" as const;

/** A commit that sets an interaction of a type plus the given fields. */
function interaction(type: string, fields: Record<string, string>, index = 0): Record<string, string> {
  const base = `cmi.interactions.${index}`;
  return {
    [`${base}.id`]: `urn:stigmavrij:q${index}`,
    [`${base}.type`]: type,
    ...Object.fromEntries(Object.entries(fields).map(([key, value]) => [`${base}.${key}`, value])),
  };
}

describe("SCORM 2004 element table", () => {
  it("resolves n-indexed patterns, including adl.nav and adl.data", () => {
    expect(resolveElement(V, "cmi.objectives.3.score.raw")).toMatchObject({
      definition: { pattern: "cmi.objectives.n.score.raw", access: "read-write" },
      indices: [3],
    });
    expect(resolveElement(V, "cmi.interactions.0.correct_responses.4.pattern")?.indices).toEqual([0, 4]);
    expect(resolveElement(V, "adl.nav.request")?.definition.access).toBe("read-write");
    expect(resolveElement(V, "adl.data.0.id")?.definition.access).toBe("read-only");
    expect(resolveElement(V, "cmi.exit")?.definition.access).toBe("write-only");
  });

  it.each([
    "cmi.core.lesson_status",
    "cmi.student_data.mastery_score",
    "cmi.interactions.0.student_response",
    "cmi.suspend_data.x",
  ])("knows no element %s", (name) => {
    expect(resolveElement(V, name)).toBeNull();
  });
});

describe("SCORM 2004 vocabularies", () => {
  it.each(COMPLETION_STATUS.filter((s) => s !== "unknown"))("accepts completion_status %s", (status) => {
    expect(accepted(V, { "cmi.completion_status": status })).toEqual({ "cmi.completion_status": status });
  });

  it.each(SUCCESS_STATUS.filter((s) => s !== "unknown"))("accepts success_status %s", (status) => {
    expect(accepted(V, { "cmi.success_status": status })).toEqual({ "cmi.success_status": status });
  });

  it("refuses statuses outside the vocabularies (406)", () => {
    expect(errorCode(V, "cmi.completion_status", "browsed")).toBe(406);
    expect(errorCode(V, "cmi.success_status", "completed")).toBe(406);
    expect(errorCode(V, "cmi.completion_status", "")).toBe(406);
  });

  it.each(EXIT_2004.filter((e) => e !== ""))("accepts exit %s", (exit) => {
    expect(accepted(V, { "cmi.exit": exit })).toEqual({ "cmi.exit": exit });
  });

  it("refuses exit values outside the vocabulary", () => {
    expect(errorCode(V, "cmi.exit", "quit")).toBe(406);
  });

  it.each(INTERACTION_TYPES_2004)("accepts interaction type %s", (type) => {
    expect(accepted(V, interaction(type, {}))).toHaveProperty("cmi.interactions.0.type", type);
  });

  it.each([...INTERACTION_RESULTS_2004, "0.5", "-3"])("accepts interaction result %s", (result) => {
    expect(accepted(V, interaction("choice", { result }))).toHaveProperty("cmi.interactions.0.result", result);
  });

  it("refuses the 1.2 result 'wrong'", () => {
    expect(refused(V, interaction("choice", { result: "wrong" }))[0]).toMatchObject({ code: 406 });
  });

  it.each([...NAV_REQUESTS, "{target=intro}choice", "{target=sco-2}jump"])("accepts adl.nav.request %s", (request) => {
    const state = freshState(V, { "adl.nav.request": "continue" });
    const value = request === "continue" ? "previous" : request;
    expect(accepted(V, { "adl.nav.request": value }, state)).toEqual({ "adl.nav.request": value });
  });

  it("refuses malformed navigation requests", () => {
    expect(errorCode(V, "adl.nav.request", "next")).toBe(406);
    expect(errorCode(V, "adl.nav.request", "{target=}choice")).toBe(406);
  });

  it.each(["-1", "0", "1"])("accepts audio_captioning %s", (value) => {
    const state = freshState(V, { "cmi.learner_preference.audio_captioning": "x" });
    expect(accepted(V, { "cmi.learner_preference.audio_captioning": value }, state)).toHaveProperty(
      "cmi.learner_preference.audio_captioning",
    );
  });

  it("bounds the learner preferences", () => {
    expect(errorCode(V, "cmi.learner_preference.audio_captioning", "2")).toBe(407);
    expect(errorCode(V, "cmi.learner_preference.audio_level", "-0.1")).toBe(407);
    expect(accepted(V, { "cmi.learner_preference.delivery_speed": "2.5" })).toHaveProperty(
      "cmi.learner_preference.delivery_speed",
    );
    expect(accepted(V, { "cmi.learner_preference.language": "nl-NL" })).toHaveProperty(
      "cmi.learner_preference.language",
    );
    expect(errorCode(V, "cmi.learner_preference.language", "Nederlands!")).toBe(406);
  });
});

describe("SCORM 2004 read-only and keyword elements", () => {
  const state = freshState(
    V,
    {},
    { completionThreshold: 0.8, scaledPassingScore: 0.7, launchData: "x=1", maxTimeAllowedSeconds: 1800 },
  );

  it.each([
    ["cmi.learner_id", "learner-2"],
    ["cmi.learner_name", "Someone"],
    ["cmi.total_time", "PT100H"],
    ["cmi.credit", "no-credit"],
    ["cmi.entry", "resume"],
    ["cmi.mode", "review"],
    ["cmi.launch_data", "x=2"],
    ["cmi.completion_threshold", "0.1"],
    ["cmi.scaled_passing_score", "-1"],
    ["cmi.max_time_allowed", "PT99H"],
    ["cmi.time_limit_action", "exit,message"],
    ["cmi.comments_from_lms.0.comment", "forged"],
    ["adl.data.0.id", "urn:x"],
  ])("refuses a changed %s (404)", (element, value) => {
    expect(errorCode(V, element, value, state)).toBe(404);
  });

  it("ignores read-only elements sent with their stored value", () => {
    const names = [
      "cmi.learner_id",
      "cmi.learner_name",
      "cmi.credit",
      "cmi.entry",
      "cmi.mode",
      "cmi.completion_threshold",
      "cmi.scaled_passing_score",
      "cmi.max_time_allowed",
      "cmi.time_limit_action",
    ];
    expect(state["cmi.max_time_allowed"]).toBe("PT30M");
    expect(accepted(V, Object.fromEntries(names.map((name) => [name, state[name]])), state)).toEqual({});
  });

  it("answers keywords and refuses setting them (404)", () => {
    const withInteraction = freshState(V, {
      "cmi.interactions.0.id": "q",
      "cmi.interactions.0.correct_responses.0.pattern": "a",
    });
    expect(
      accepted(
        V,
        {
          "cmi._version": "1.0",
          "cmi.interactions._count": "1",
          "cmi.interactions.0.correct_responses._count": "1",
          "cmi.score._children": "scaled,raw,min,max",
        },
        withInteraction,
      ),
    ).toEqual({});
    expect(errorCode(V, "cmi.interactions._count", "3", withInteraction)).toBe(404);
    expect(errorCode(V, "cmi.learner_preference._children", "audio")).toBe(404);
  });

  it("refuses unknown elements (401)", () => {
    expect(errorCode(V, "cmi.core.lesson_status", "passed")).toBe(401);
    expect(errorCode(V, "cmi.interactions.0.student_response", "a")).toBe(401);
  });
});

describe("SCORM 2004 types and ranges", () => {
  it.each([
    ["cmi.score.scaled", "-1", "1", "-1.0000001", "1.01"],
    ["cmi.progress_measure", "0", "1", "-0.01", "1.0000001"],
  ])("bounds %s to [%s, %s] (407 outside)", (element, low, high, below, above) => {
    expect(accepted(V, { [element]: low })).toEqual({ [element]: low });
    expect(accepted(V, { [element]: high })).toEqual({ [element]: high });
    expect(errorCode(V, element, below)).toBe(407);
    expect(errorCode(V, element, above)).toBe(407);
    expect(errorCode(V, element, "half")).toBe(406);
  });

  it("bounds objective scaled scores and progress", () => {
    expect(
      accepted(V, {
        "cmi.objectives.0.id": "o",
        "cmi.objectives.0.score.scaled": "-0.5",
        "cmi.objectives.0.progress_measure": "0.5",
      }),
    ).toHaveProperty("cmi.objectives.0.score.scaled");
    expect(refused(V, { "cmi.objectives.0.id": "o", "cmi.objectives.0.score.scaled": "2" })[0]!.code).toBe(407);
    expect(refused(V, { "cmi.objectives.0.id": "o", "cmi.objectives.0.progress_measure": "1.5" })[0]!.code).toBe(407);
  });

  it("leaves raw, min and max scores unbounded reals", () => {
    expect(accepted(V, { "cmi.score.raw": "250", "cmi.score.min": "-10", "cmi.score.max": "1000.5" })).toHaveProperty(
      "cmi.score.raw",
    );
    expect(errorCode(V, "cmi.score.raw", "1e3")).toBe(406);
  });

  it("accepts 64,000 characters of suspend_data and refuses 64,001, in either tolerance", () => {
    expect(accepted(V, { "cmi.suspend_data": "a".repeat(64000) })).toHaveProperty("cmi.suspend_data");
    expect(errorCode(V, "cmi.suspend_data", "a".repeat(64001))).toBe(406);
    expect(errorCode(V, "cmi.suspend_data", "a".repeat(64001), undefined, "lenient")).toBe(406);
    // Characters, not UTF-16 code units: 64,000 emoji fit.
    expect(accepted(V, { "cmi.suspend_data": "😀".repeat(64000) })).toHaveProperty("cmi.suspend_data");
  });

  it("enforces the SPM of location and descriptions under the RTE, not when lenient", () => {
    expect(accepted(V, { "cmi.location": "l".repeat(1000) })).toHaveProperty("cmi.location");
    expect(errorCode(V, "cmi.location", "l".repeat(1001))).toBe(406);
    const long = interaction("choice", { description: "d".repeat(251) });
    expect(refused(V, long)[0]!.element).toBe("cmi.interactions.0.description");
    expect(accepted(V, long, undefined, "lenient")).toHaveProperty("cmi.interactions.0.description");
  });

  it("checks localized strings", () => {
    expect(accepted(V, interaction("other", { description: "{lang=nl}Wat is stigma?" }))).toHaveProperty(
      "cmi.interactions.0.description",
    );
    expect(accepted(V, interaction("other", { description: "{lang=en-GB}" + "d".repeat(250) }))).toHaveProperty(
      "cmi.interactions.0.description",
    );
    for (const bad of ["{lang=}x", "{lang=nl x", "{lang=123456789}x"]) {
      expect(refused(V, interaction("other", { description: bad }))[0]!.code).toBe(406);
    }
    expect(
      accepted(V, {
        "cmi.comments_from_learner.0.comment": "{lang=nl}Goed",
        "cmi.comments_from_learner.0.location": "p3",
        "cmi.comments_from_learner.0.timestamp": "2026-03-01T12:00:00Z",
      }),
    ).toHaveProperty("cmi.comments_from_learner.0.comment");
  });

  it.each([
    "2026",
    "2026-03",
    "2026-03-01",
    "2026-03-01T12",
    "2026-03-01T12:30",
    "2026-03-01T12:30:15",
    "2026-03-01T12:30:15.5",
    "2026-03-01T12:30:15.25Z",
    "2026-03-01T12:30:15+01:00",
    "2026-03-01T12:30:15-05",
  ])("accepts timestamp %s", (value) => {
    expect(accepted(V, interaction("choice", { timestamp: value }))).toHaveProperty(
      "cmi.interactions.0.timestamp",
      value,
    );
  });

  it("refuses impossible timestamps and years outside 1970–2038", () => {
    for (const bad of [
      "2026-02-30",
      "2026-13-01",
      "2026-03-01T24:00",
      "26-03-01",
      "2026-03-01 12:00",
      "2026-03-01T12:00:00+25:00",
    ]) {
      expect(refused(V, interaction("choice", { timestamp: bad }))[0]!.code, bad).toBe(406);
    }
    expect(refused(V, interaction("choice", { timestamp: "1969-12-31" }))[0]!.code).toBe(407);
    expect(refused(V, interaction("choice", { timestamp: "2039-01-01" }))[0]!.code).toBe(407);
    expect(accepted(V, interaction("choice", { timestamp: "2039-01-01" }), undefined, "lenient")).toHaveProperty(
      "cmi.interactions.0.timestamp",
    );
  });

  it("checks durations", () => {
    expect(accepted(V, { "cmi.session_time": "PT1H2M3.45S" })).toEqual({ "cmi.session_time": "PT1H2M3.45S" });
    expect(errorCode(V, "cmi.session_time", "01:02:03")).toBe(406);
    expect(refused(V, interaction("choice", { latency: "PT" }))[0]!.code).toBe(406);
  });

  it("checks identifiers as URIs under the RTE, with spaces when lenient", () => {
    expect(accepted(V, { "cmi.objectives.0.id": "urn:stigmavrij:objective:1" })).toHaveProperty("cmi.objectives.0.id");
    expect(refused(V, { "cmi.objectives.0.id": "objective one" })[0]!.code).toBe(406);
    expect(refused(V, { "cmi.objectives.0.id": "" }, freshState(V, { "cmi.objectives.0.id": "o" }))[0]!.code).toBe(406);
    expect(refused(V, { "cmi.objectives.0.id": "o".repeat(4001) })[0]!.code).toBe(406);
    expect(accepted(V, { "cmi.objectives.0.id": "objective one" }, undefined, "lenient")).toHaveProperty(
      "cmi.objectives.0.id",
    );
  });
});

describe("SCORM 2004 interaction responses per type", () => {
  const cases: [type: string, valid: string[], invalid: string[]][] = [
    ["true-false", ["true", "false"], ["t", "True", "1", ""]],
    ["choice", ["a", "a[,]b[,]c", "", "urn:x:1"], ["a[,]a", "a b", "a[,]"]],
    ["fill-in", ["Amsterdam", "{lang=nl}Amsterdam[,]Utrecht", ""], ["{lang=}x", Array(11).fill("w").join("[,]")]],
    ["long-fill-in", ["Een lang antwoord met spaties.", "{lang=en}" + "x".repeat(4000)], ["x".repeat(4001)]],
    ["likert", ["agree", "likert_5"], ["", "strongly agree", "a[,]b"]],
    ["matching", ["1[.]a", "1[.]a[,]2[.]b"], ["1", "1[.]", "1[.]a[.]b", "1 [.]a"]],
    ["performance", ["step1[.]answer", "[.]just an answer", "step1[.][,]step2[.]42"], ["step1", "[.]", "bad name[.]x"]],
    ["sequencing", ["a[,]b[,]c", "a"], ["", "a[,][,]b"]],
    ["numeric", ["42", "-3.5", "0"], ["", "4[:]5", "forty"]],
    ["other", ["anything at all", ""], ["x".repeat(4001)]],
  ];

  for (const [type, valid, invalid] of cases) {
    it.each(valid)(`accepts ${type} learner_response %j`, (response) => {
      const state = freshState(V, { ...interaction(type, {}), "cmi.interactions.0.learner_response": "placeholder-x" });
      expect(accepted(V, { "cmi.interactions.0.learner_response": response }, state)).toEqual({
        "cmi.interactions.0.learner_response": response,
      });
    });
    it.each(invalid)(`refuses ${type} learner_response %j (406)`, (response) => {
      // Stored first, so that an empty response is a change too (an unchanged value is not judged).
      const state = freshState(V, { ...interaction(type, {}), "cmi.interactions.0.learner_response": "placeholder-x" });
      expect(refused(V, { "cmi.interactions.0.learner_response": response }, state)[0]).toMatchObject({
        element: "cmi.interactions.0.learner_response",
        code: 406,
      });
    });
  }

  const patterns: [type: string, valid: string[], invalid: string[]][] = [
    ["true-false", ["true"], ["yes"]],
    ["choice", ["a[,]b", ""], ["a[,]a"]],
    [
      "fill-in",
      ["{case_matters=true}{order_matters=false}Amsterdam[,]Utrecht", "{order_matters=true}a", "{lang=nl}Amsterdam"],
      ["{case_matters=true}{case_matters=false}a", "{case_matters=maybe}a"],
    ],
    ["long-fill-in", ["{case_matters=false}{lang=en}Essay"], ["{order_matters=true}Essay"]],
    ["likert", ["agree"], ["a[,]b"]],
    ["matching", ["1[.]a[,]2[.]b"], ["1[.]"]],
    ["performance", ["{order_matters=false}step1[.]5[:]10[,]step2[.]text", "[.]1[:]"], ["{case_matters=true}step[.]x"]],
    ["sequencing", ["c[,]b[,]a"], ["c[,][,]a"]],
    ["numeric", ["1[:]5", "[:]5", "1[:]", "3"], ["5[:]1", "a[:]b", "1[:]2[:]3"]],
    ["other", ["free text"], ["x".repeat(4001)]],
  ];

  for (const [type, valid, invalid] of patterns) {
    it.each(valid)(`accepts ${type} correct_responses pattern %j`, (pattern) => {
      const state = freshState(V, {
        ...interaction(type, {}),
        "cmi.interactions.0.correct_responses.0.pattern": "placeholder-x",
      });
      expect(accepted(V, { "cmi.interactions.0.correct_responses.0.pattern": pattern }, state)).toEqual({
        "cmi.interactions.0.correct_responses.0.pattern": pattern,
      });
    });
    it.each(invalid)(`refuses ${type} correct_responses pattern %j (406)`, (pattern) => {
      expect(refused(V, interaction(type, { "correct_responses.0.pattern": pattern }))[0]).toMatchObject({
        element: "cmi.interactions.0.correct_responses.0.pattern",
        code: 406,
      });
    });
  }

  it("limits list lengths to the SPM under the RTE only", () => {
    const many = Array.from({ length: 37 }, (_, i) => `c${i}`).join("[,]");
    expect(refused(V, interaction("choice", { learner_response: many }))[0]!.code).toBe(406);
    expect(accepted(V, interaction("choice", { learner_response: many }), undefined, "lenient")).toHaveProperty(
      "cmi.interactions.0.learner_response",
    );
  });

  it("allows one correct response for true-false, likert, numeric and other (351)", () => {
    for (const type of ["true-false", "likert", "numeric", "other"]) {
      const value = type === "true-false" ? "true" : type === "numeric" ? "1" : "a";
      const errors = refused(
        V,
        interaction(type, { "correct_responses.0.pattern": value, "correct_responses.1.pattern": value }),
      );
      expect(errors).toEqual([
        expect.objectContaining({ element: "cmi.interactions.0.correct_responses.1.pattern", code: 351 }),
      ]);
    }
    expect(
      accepted(V, interaction("choice", { "correct_responses.0.pattern": "a", "correct_responses.1.pattern": "b" })),
    ).toHaveProperty("cmi.interactions.0.correct_responses.1.pattern");
  });
});

describe("SCORM 2004 dependencies and array indices", () => {
  it("needs interactions.n.id before any other field of the interaction (408)", () => {
    expect(errorCode(V, "cmi.interactions.0.type", "choice")).toBe(408);
    expect(errorCode(V, "cmi.interactions.0.objectives.0.id", "o1")).toBe(408);
    expect(errorCode(V, "cmi.interactions.0.result", "correct")).toBe(408);
  });

  it("needs interactions.n.type before responses (408)", () => {
    const errors = refused(V, { "cmi.interactions.0.id": "q1", "cmi.interactions.0.learner_response": "a" });
    expect(errors).toEqual([expect.objectContaining({ element: "cmi.interactions.0.learner_response", code: 408 })]);
    expect(
      refused(V, { "cmi.interactions.0.id": "q1", "cmi.interactions.0.correct_responses.0.pattern": "a" })[0]!.code,
    ).toBe(408);
  });

  it("accepts the id from the stored state", () => {
    const state = freshState(V, { "cmi.interactions.0.id": "q1", "cmi.interactions.0.type": "choice" });
    expect(accepted(V, { "cmi.interactions.0.learner_response": "a" }, state)).toEqual({
      "cmi.interactions.0.learner_response": "a",
    });
  });

  it("needs objectives.n.id before the objective's other fields (408)", () => {
    expect(errorCode(V, "cmi.objectives.0.success_status", "passed")).toBe(408);
  });

  it("keeps objective identifiers unique and unchanged (351)", () => {
    expect(refused(V, { "cmi.objectives.0.id": "o1", "cmi.objectives.1.id": "o1" }).map((e) => e.code)).toContain(351);
    const state = freshState(V, { "cmi.objectives.0.id": "o1" });
    expect(errorCode(V, "cmi.objectives.0.id", "o2", state)).toBe(351);
    const withObjective = freshState(V, { "cmi.interactions.0.id": "q", "cmi.interactions.0.objectives.0.id": "o1" });
    expect(errorCode(V, "cmi.interactions.0.objectives.1.id", "o1", withObjective)).toBe(351);
    // The same objective id in different interactions is fine.
    expect(
      accepted(V, { "cmi.interactions.1.id": "q2", "cmi.interactions.1.objectives.0.id": "o1" }, withObjective),
    ).toHaveProperty("cmi.interactions.1.objectives.0.id");
  });

  it("refuses index gaps (351)", () => {
    expect(errorCode(V, "cmi.objectives.1.id", "o2")).toBe(351);
    expect(
      errorCode(
        V,
        "cmi.comments_from_learner.2.comment",
        "x",
        freshState(V, { "cmi.comments_from_learner.0.comment": "a" }),
      ),
    ).toBe(351);
    const state = freshState(V, { ...interaction("choice", { "correct_responses.0.pattern": "a" }) });
    expect(errorCode(V, "cmi.interactions.0.correct_responses.2.pattern", "b", state)).toBe(351);
    expect(accepted(V, { "cmi.interactions.0.correct_responses.1.pattern": "b" }, state)).toHaveProperty(
      "cmi.interactions.0.correct_responses.1.pattern",
    );
  });
});
