import { describe, expect, it } from "vitest";

import { resolveElement } from "./datamodel";
import { EXIT_12, INTERACTION_RESULTS_12, LESSON_STATUS_12 } from "./datamodel-12";
import { accepted, errorCode, freshState, refused } from "./test-support";
import { INTERACTION_TYPES_12 } from "./values";

const V = "1.2" as const;

describe("SCORM 1.2 element table", () => {
  it("resolves concrete names to n-indexed patterns", () => {
    expect(resolveElement(V, "cmi.interactions.12.correct_responses.3.pattern")).toMatchObject({
      definition: { pattern: "cmi.interactions.n.correct_responses.n.pattern", access: "write-only" },
      indices: [12, 3],
    });
    expect(resolveElement(V, "cmi.objectives.0.score.raw")?.definition.access).toBe("read-write");
    expect(resolveElement(V, "cmi.core.student_id")?.definition.access).toBe("read-only");
    expect(resolveElement(V, "cmi.core.session_time")?.definition.access).toBe("write-only");
  });

  it.each([
    "cmi.objectives.01.id",
    "cmi.core.foo",
    "cmi.learner_id",
    "cmi.interactions.n.id",
    "cmi.objectives.-1.id",
    "adl.nav.request",
  ])("knows no element %s", (name) => {
    expect(resolveElement(V, name)).toBeNull();
  });
});

describe("SCORM 1.2 vocabularies", () => {
  it.each(LESSON_STATUS_12.filter((s) => s !== "not attempted"))("accepts lesson_status %s", (status) => {
    expect(accepted(V, { "cmi.core.lesson_status": status })).toEqual({ "cmi.core.lesson_status": status });
  });

  it("refuses lesson_status 'not attempted' from the SCO and unknown statuses", () => {
    const state = freshState(V, { "cmi.core.lesson_status": "incomplete" });
    expect(errorCode(V, "cmi.core.lesson_status", "not attempted", state)).toBe(405);
    expect(errorCode(V, "cmi.core.lesson_status", "Passed", state)).toBe(405);
    expect(errorCode(V, "cmi.core.lesson_status", "", state)).toBe(405);
  });

  it.each(EXIT_12.filter((e) => e !== ""))("accepts exit %s", (exit) => {
    expect(accepted(V, { "cmi.core.exit": exit })).toEqual({ "cmi.core.exit": exit });
  });

  it("refuses the 2004-only exit 'normal'", () => {
    expect(errorCode(V, "cmi.core.exit", "normal")).toBe(405);
  });

  it.each(LESSON_STATUS_12)("accepts objective status %s", (status) => {
    expect(accepted(V, { "cmi.objectives.0.id": "obj-1", "cmi.objectives.0.status": status })).toMatchObject({
      "cmi.objectives.0.status": status,
    });
  });

  it.each(INTERACTION_TYPES_12)("accepts interaction type %s", (type) => {
    expect(accepted(V, { "cmi.interactions.0.id": "q1", "cmi.interactions.0.type": type })).toHaveProperty(
      "cmi.interactions.0.type",
      type,
    );
  });

  it("refuses the 2004-only interaction types", () => {
    expect(refused(V, { "cmi.interactions.0.id": "q1", "cmi.interactions.0.type": "long-fill-in" })[0]!.code).toBe(405);
    expect(refused(V, { "cmi.interactions.0.id": "q1", "cmi.interactions.0.type": "other" })[0]!.code).toBe(405);
  });

  it.each([...INTERACTION_RESULTS_12, "0.75", "-2"])("accepts interaction result %s", (result) => {
    expect(accepted(V, { "cmi.interactions.0.id": "q1", "cmi.interactions.0.result": result })).toHaveProperty(
      "cmi.interactions.0.result",
      result,
    );
  });

  it("refuses the 2004 result 'incorrect'", () => {
    expect(refused(V, { "cmi.interactions.0.id": "q1", "cmi.interactions.0.result": "incorrect" })[0]).toMatchObject({
      element: "cmi.interactions.0.result",
      code: 405,
    });
  });
});

describe("SCORM 1.2 read-only and keyword elements", () => {
  const state = freshState(
    V,
    {},
    { launchData: "chapter=2", masteryScore: 80, maxTimeAllowedSeconds: 3600, timeLimitAction: "exit,message" },
  );

  it.each([
    ["cmi.core.student_id", "someone-else"],
    ["cmi.core.student_name", "Other, Person"],
    ["cmi.core.credit", "no-credit"],
    ["cmi.core.entry", "resume"],
    ["cmi.core.total_time", "0100:00:00"],
    ["cmi.core.lesson_mode", "review"],
    ["cmi.launch_data", "chapter=9"],
    ["cmi.comments_from_lms", "well done"],
    ["cmi.student_data.mastery_score", "10"],
    ["cmi.student_data.max_time_allowed", "99:00:00"],
    ["cmi.student_data.time_limit_action", "continue,no message"],
  ])("refuses a changed %s (403)", (element, value) => {
    expect(errorCode(V, element, value, state)).toBe(403);
  });

  it("ignores read-only elements sent with their stored value", () => {
    const echoed = Object.fromEntries(
      [
        "cmi.core.student_id",
        "cmi.core.student_name",
        "cmi.core.credit",
        "cmi.core.entry",
        "cmi.core.lesson_mode",
        "cmi.launch_data",
        "cmi.student_data.mastery_score",
        "cmi.student_data.max_time_allowed",
        "cmi.student_data.time_limit_action",
      ].map((element) => [element, state[element]]),
    );
    expect(echoed["cmi.student_data.max_time_allowed"]).toBe("0001:00:00.00");
    expect(accepted(V, echoed, state)).toEqual({});
  });

  it("answers keywords: correct values are ignored, others refused (402)", () => {
    const withObjective = freshState(V, { "cmi.objectives.0.id": "o1" });
    expect(
      accepted(
        V,
        { "cmi._version": "3.4", "cmi.objectives._count": "1", "cmi.core.score._children": "raw,min,max" },
        withObjective,
      ),
    ).toEqual({});
    expect(errorCode(V, "cmi.objectives._count", "5", withObjective)).toBe(402);
    expect(errorCode(V, "cmi.core._children", "everything")).toBe(402);
    expect(errorCode(V, "cmi._version", "4.0")).toBe(402);
  });

  it("refuses unknown elements (201) and values that are not strings (405)", () => {
    expect(errorCode(V, "cmi.core.student_age", "30")).toBe(201);
    expect(errorCode(V, "cmi.score.scaled", "0.5")).toBe(201);
    expect(errorCode(V, "cmi.core.score.raw", 50)).toBe(405);
    expect(errorCode(V, "cmi.core.lesson_location", null)).toBe(405);
  });
});

describe("SCORM 1.2 types and ranges", () => {
  it.each(["0", "100", "55.5", ""])("accepts score %j", (raw) => {
    const state = freshState(V, { "cmi.core.score.raw": "1" });
    expect(accepted(V, { "cmi.core.score.raw": raw }, state)).toEqual({ "cmi.core.score.raw": raw });
  });

  it.each(["-1", "100.01", "abc", "1e2", "50%"])("refuses score %j (405)", (raw) => {
    expect(errorCode(V, "cmi.core.score.raw", raw)).toBe(405);
    expect(errorCode(V, "cmi.core.score.max", raw)).toBe(405);
  });

  it("applies the 0..100 range to objective scores too", () => {
    expect(accepted(V, { "cmi.objectives.0.id": "o", "cmi.objectives.0.score.raw": "100" })).toHaveProperty(
      "cmi.objectives.0.score.raw",
    );
    expect(refused(V, { "cmi.objectives.0.id": "o", "cmi.objectives.0.score.raw": "101" })[0]!.code).toBe(405);
  });

  it.each([
    ["cmi.student_preference.audio", "-1", "100", "-2", "101"],
    ["cmi.student_preference.speed", "-100", "100", "-101", "101"],
    ["cmi.student_preference.text", "-1", "1", "-2", "2"],
  ])("bounds %s to [%s, %s]", (element, low, high, below, above) => {
    expect(accepted(V, { [element]: low })).toEqual({ [element]: low });
    expect(accepted(V, { [element]: high })).toEqual({ [element]: high });
    expect(errorCode(V, element, below)).toBe(405);
    expect(errorCode(V, element, above)).toBe(405);
    expect(errorCode(V, element, "0.5")).toBe(405);
  });

  it("limits CMIString255 and CMIString4096", () => {
    expect(accepted(V, { "cmi.core.lesson_location": "x".repeat(255) })).toHaveProperty("cmi.core.lesson_location");
    expect(errorCode(V, "cmi.core.lesson_location", "x".repeat(256))).toBe(405);
    expect(accepted(V, { "cmi.comments": "é".repeat(4096) })).toHaveProperty("cmi.comments");
    expect(errorCode(V, "cmi.comments", "x".repeat(4097))).toBe(405);
  });

  it("limits suspend_data to 4096 characters, or to scorm-again's 64,000 when lenient", () => {
    expect(accepted(V, { "cmi.suspend_data": "s".repeat(4096) })).toHaveProperty("cmi.suspend_data");
    expect(errorCode(V, "cmi.suspend_data", "s".repeat(4097))).toBe(405);
    expect(accepted(V, { "cmi.suspend_data": "s".repeat(64000) }, undefined, "lenient")).toHaveProperty(
      "cmi.suspend_data",
    );
    expect(errorCode(V, "cmi.suspend_data", "s".repeat(64001), undefined, "lenient")).toBe(405);
  });

  it("checks session_time as a CMITimespan", () => {
    expect(accepted(V, { "cmi.core.session_time": "00:10:05.5" })).toEqual({ "cmi.core.session_time": "00:10:05.5" });
    expect(accepted(V, { "cmi.core.session_time": "0002:00:00" })).toHaveProperty("cmi.core.session_time");
    for (const bad of ["PT10M", "10:05", "00:61:00", "00:00:00.123"])
      expect(errorCode(V, "cmi.core.session_time", bad)).toBe(405);
  });

  it("checks identifiers: no white space under the RTE, scorm-again's spaces when lenient", () => {
    expect(accepted(V, { "cmi.objectives.0.id": "Scene1_Slide3.Quiz-1" })).toHaveProperty("cmi.objectives.0.id");
    expect(refused(V, { "cmi.objectives.0.id": "question one" })[0]!.code).toBe(405);
    expect(refused(V, { "cmi.objectives.0.id": "x".repeat(256) })[0]!.code).toBe(405);
    expect(accepted(V, { "cmi.objectives.0.id": "question one" }, undefined, "lenient")).toHaveProperty(
      "cmi.objectives.0.id",
    );
    expect(refused(V, { "cmi.objectives.0.id": "a\u0001b" }, undefined, "lenient")[0]!.code).toBe(405);
  });

  it("checks interaction fields", () => {
    const base = { "cmi.interactions.0.id": "q1", "cmi.interactions.0.type": "true-false" };
    expect(
      accepted(V, {
        ...base,
        "cmi.interactions.0.time": "23:59:59",
        "cmi.interactions.0.weighting": "2.5",
        "cmi.interactions.0.latency": "00:00:12.3",
        "cmi.interactions.0.student_response": "t",
        "cmi.interactions.0.correct_responses.0.pattern": "1",
        "cmi.interactions.0.objectives.0.id": "obj-1",
      }),
    ).toHaveProperty("cmi.interactions.0.student_response", "t");
    expect(refused(V, { ...base, "cmi.interactions.0.time": "24:00:00" })[0]!.element).toBe("cmi.interactions.0.time");
    expect(refused(V, { ...base, "cmi.interactions.0.student_response": "yes" })[0]!.code).toBe(405);
    expect(refused(V, { ...base, "cmi.interactions.0.weighting": "heavy" })[0]!.code).toBe(405);
    expect(refused(V, { ...base, "cmi.interactions.0.latency": "PT1S" })[0]!.code).toBe(405);
  });

  it("accepts the loose 1.2 response formats of authoring tools, bounded by CMIString255", () => {
    const choice = { "cmi.interactions.0.id": "q1", "cmi.interactions.0.type": "choice" };
    expect(accepted(V, { ...choice, "cmi.interactions.0.student_response": "Amsterdam, Rotterdam" })).toHaveProperty(
      "cmi.interactions.0.student_response",
    );
    expect(refused(V, { ...choice, "cmi.interactions.0.student_response": "x".repeat(256) })[0]!.code).toBe(405);
    const numeric = { "cmi.interactions.0.id": "q1", "cmi.interactions.0.type": "numeric" };
    expect(accepted(V, { ...numeric, "cmi.interactions.0.student_response": "42.5" })).toHaveProperty(
      "cmi.interactions.0.student_response",
    );
    expect(refused(V, { ...numeric, "cmi.interactions.0.student_response": "forty" })[0]!.code).toBe(405);
  });
});

describe("SCORM 1.2 array indices", () => {
  it("refuses an index beyond the current count (201)", () => {
    expect(errorCode(V, "cmi.objectives.1.id", "o2")).toBe(201);
    expect(refused(V, { "cmi.interactions.0.id": "q1", "cmi.interactions.0.objectives.1.id": "o" })[0]).toMatchObject({
      element: "cmi.interactions.0.objectives.1.id",
      code: 201,
    });
  });

  it("accepts consecutive new entries in one commit and appends after stored ones", () => {
    expect(accepted(V, { "cmi.objectives.1.id": "o2", "cmi.objectives.0.id": "o1" })).toEqual({
      "cmi.objectives.0.id": "o1",
      "cmi.objectives.1.id": "o2",
    });
    const state = freshState(V, { "cmi.interactions.0.id": "q1", "cmi.interactions.1.id": "q2" });
    expect(accepted(V, { "cmi.interactions.2.id": "q3" }, state)).toEqual({ "cmi.interactions.2.id": "q3" });
    expect(errorCode(V, "cmi.interactions.3.id", "q4", state)).toBe(201);
  });
});
