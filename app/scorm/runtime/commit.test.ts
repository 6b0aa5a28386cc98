import { describe, expect, it } from "vitest";

import { attemptStatus, splitCommitEnvelope, validateCommit } from "./commit";
import { mergeCommit } from "./state";
import { accepted, commit, freshState, refused } from "./test-support";

describe("validateCommit", () => {
  it("returns only the writable elements that changed", () => {
    const state = freshState("2004", { "cmi.location": "p1", "cmi.suspend_data": "abc" });
    const changes = accepted(
      "2004",
      {
        "cmi.location": "p2",
        "cmi.suspend_data": "abc",
        "cmi.learner_id": state["cmi.learner_id"],
        "cmi.completion_status": "incomplete",
      },
      state,
    );
    expect(changes).toEqual({ "cmi.location": "p2", "cmi.completion_status": "incomplete" });
  });

  it("is atomic: one invalid element refuses the whole commit and reports every problem", () => {
    const result = commit("2004", {
      "cmi.location": "p2",
      "cmi.score.scaled": "1.5",
      "cmi.learner_id": "intruder",
      "cmi.bogus": "x",
    });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.errors).toEqual([expect.objectContaining({ element: "cmi.bogus", code: 401 })]);

    const typed = refused("2004", { "cmi.location": "p2", "cmi.score.scaled": "1.5", "cmi.learner_id": "intruder" });
    expect(typed).toEqual([
      expect.objectContaining({ element: "cmi.score.scaled", code: 407 }),
      expect.objectContaining({ element: "cmi.learner_id", code: 404 }),
    ]);
  });

  it("is idempotent: the same commit again changes nothing", () => {
    const payload = {
      "cmi.core.lesson_status": "completed",
      "cmi.core.session_time": "00:01:00",
      "cmi.suspend_data": "x",
    };
    const first = accepted("1.2", payload);
    const second = accepted("1.2", payload, mergeCommit(freshState("1.2"), first));
    expect(second).toEqual({});
  });

  it("accepts write-only elements without ever needing their stored value", () => {
    expect(accepted("2004", { "cmi.exit": "suspend", "cmi.session_time": "PT5M" })).toEqual({
      "cmi.exit": "suspend",
      "cmi.session_time": "PT5M",
    });
  });

  it("ignores the {} scorm-again sends for empty arrays, and only for arrays", () => {
    expect(
      accepted("2004", {
        "cmi.interactions": {},
        "cmi.objectives": {},
        "cmi.comments_from_lms": {},
        "cmi.comments_from_learner": {},
      }),
    ).toEqual({});
    expect(
      accepted("2004", {
        "cmi.interactions.0.id": "q1",
        "cmi.interactions.0.objectives": {},
        "cmi.interactions.0.correct_responses": {},
      }),
    ).toEqual({ "cmi.interactions.0.id": "q1" });
    expect(accepted("1.2", { "cmi.objectives": {}, "cmi.interactions": {} })).toEqual({});
    expect(refused("2004", { "cmi.score": {} })[0]).toMatchObject({ element: "cmi.score", code: 401 });
    expect(refused("2004", { "cmi.interactions": { 0: { id: "q" } } })[0]).toMatchObject({
      element: "cmi.interactions",
      code: 401,
    });
  });

  it("does not judge values that equal the stored or initial value (scorm-again sends '' for unset fields)", () => {
    expect(
      accepted("2004", {
        "cmi.interactions.0.id": "q1",
        "cmi.interactions.0.type": "",
        "cmi.interactions.0.result": "",
        "cmi.success_status": "unknown",
        "cmi.learner_preference.audio_level": "1",
      }),
    ).toEqual({ "cmi.interactions.0.id": "q1" });
  });

  it("refuses payloads that are not objects", () => {
    for (const payload of [null, "cmi.core.lesson_status=passed", [], 42]) {
      const result = validateCommit("1.2", payload, freshState("1.2"));
      expect(result).toEqual({ ok: false, errors: [expect.objectContaining({ element: "", code: 101 })] });
    }
    expect(validateCommit("2004", [], freshState("2004"))).toMatchObject({ ok: false, errors: [{ code: 351 }] });
  });

  describe("total time", () => {
    const state12 = freshState("1.2", { "cmi.core.total_time": "0001:00:00.00" });
    const state2004 = freshState("2004", { "cmi.total_time": "PT1H" });

    it("accepts the stored total, and the stored total plus the session time (scorm-again's terminate commit)", () => {
      expect(accepted("1.2", { "cmi.core.total_time": "0001:00:00.00" }, state12)).toEqual({});
      expect(
        accepted("1.2", { "cmi.core.session_time": "00:10:05.5", "cmi.core.total_time": "01:10:05.5" }, state12),
      ).toEqual({
        "cmi.core.session_time": "00:10:05.5",
      });
      expect(accepted("2004", { "cmi.session_time": "PT10M", "cmi.total_time": "PT1H10M" }, state2004)).toEqual({
        "cmi.session_time": "PT10M",
      });
      const withSession = freshState("2004", { "cmi.total_time": "PT1H", "cmi.session_time": "PT2M" });
      expect(accepted("2004", { "cmi.total_time": "PT1H2M" }, withSession)).toEqual({});
    });

    it("refuses any other total time (read-only tampering)", () => {
      expect(
        refused("1.2", { "cmi.core.session_time": "00:10:00", "cmi.core.total_time": "0100:00:00" }, state12)[0],
      ).toMatchObject({
        element: "cmi.core.total_time",
        code: 403,
      });
      expect(refused("2004", { "cmi.total_time": "PT0S" }, state2004)[0]).toMatchObject({
        element: "cmi.total_time",
        code: 404,
      });
      expect(refused("2004", { "cmi.total_time": "PT1H10M" }, state2004)[0]!.code).toBe(404);
    });
  });
});

describe("attempt status, SCORM 1.2", () => {
  it.each([
    ["passed", "completed", "passed"],
    ["failed", "completed", "failed"],
    ["completed", "completed", "unknown"],
    ["incomplete", "incomplete", "unknown"],
    ["browsed", "incomplete", "unknown"],
    ["not attempted", "not attempted", "unknown"],
  ])("reads lesson_status %s as %s / %s", (status, completion, success) => {
    expect(attemptStatus("1.2", freshState("1.2", { "cmi.core.lesson_status": status }))).toMatchObject({
      completion,
      success,
    });
  });

  it("lets the raw score decide against the mastery score, for credit", () => {
    const state = freshState("1.2", {}, { masteryScore: 80 });
    const passed = validateCommit("1.2", { "cmi.core.lesson_status": "completed", "cmi.core.score.raw": "80" }, state);
    expect(passed).toMatchObject({
      ok: true,
      derived: { completion: "completed", success: "passed", scoreRaw: 80, scoreScaled: 0.8 },
    });
    const failed = validateCommit("1.2", { "cmi.core.lesson_status": "passed", "cmi.core.score.raw": "79.5" }, state);
    expect(failed).toMatchObject({ ok: true, derived: { completion: "completed", success: "failed" } });
  });

  it("keeps the SCO's status when it says incomplete, takes no credit, or there is no mastery score", () => {
    const mastery = { masteryScore: 80 };
    expect(
      attemptStatus(
        "1.2",
        freshState("1.2", { "cmi.core.lesson_status": "incomplete", "cmi.core.score.raw": "95" }, mastery),
      ),
    ).toMatchObject({
      completion: "incomplete",
      success: "unknown",
    });
    expect(
      attemptStatus(
        "1.2",
        freshState(
          "1.2",
          { "cmi.core.lesson_status": "passed", "cmi.core.score.raw": "10" },
          { ...mastery, credit: "no-credit" },
        ),
      ),
    ).toMatchObject({ success: "passed" });
    expect(
      attemptStatus("1.2", freshState("1.2", { "cmi.core.lesson_status": "passed", "cmi.core.score.raw": "10" })),
    ).toMatchObject({
      success: "passed",
      scoreScaled: 0.1,
    });
  });

  it("normalises the raw score by min and max", () => {
    const status = attemptStatus(
      "1.2",
      freshState("1.2", { "cmi.core.score.raw": "15", "cmi.core.score.min": "10", "cmi.core.score.max": "20" }),
    );
    expect(status).toMatchObject({ scoreRaw: 15, scoreMin: 10, scoreMax: 20, scoreScaled: 0.5 });
  });

  it("reports times, location, suspend data and exit", () => {
    const state = freshState("1.2", {
      "cmi.core.total_time": "0001:00:00.00",
      "cmi.core.session_time": "00:30:00.5",
      "cmi.core.lesson_location": "slide-4",
      "cmi.suspend_data": "s",
      "cmi.core.exit": "suspend",
    });
    expect(attemptStatus("1.2", state)).toMatchObject({
      sessionTimeSeconds: 1800.5,
      totalTimeSeconds: 5400.5,
      location: "slide-4",
      suspendData: "s",
      exit: "suspend",
      progressMeasure: null,
    });
  });
});

describe("attempt status, SCORM 2004", () => {
  it("takes the SCO's statuses when there is no threshold or passing score", () => {
    const status = attemptStatus(
      "2004",
      freshState("2004", {
        "cmi.completion_status": "completed",
        "cmi.success_status": "failed",
        "cmi.score.scaled": "0.4",
      }),
    );
    expect(status).toMatchObject({ completion: "completed", success: "failed", scoreScaled: 0.4 });
    expect(attemptStatus("2004", freshState("2004"))).toMatchObject({
      completion: "unknown",
      success: "unknown",
      scoreScaled: null,
    });
  });

  it("evaluates completion from progress_measure against completion_threshold", () => {
    const context = { completionThreshold: 0.8 };
    const at = (progress: string | undefined, status = "incomplete") =>
      attemptStatus(
        "2004",
        freshState(
          "2004",
          { "cmi.completion_status": status, ...(progress ? { "cmi.progress_measure": progress } : {}) },
          context,
        ),
      ).completion;
    expect(at("0.8")).toBe("completed");
    expect(at("0.79", "completed")).toBe("incomplete");
    expect(at(undefined, "completed")).toBe("unknown");
  });

  it("evaluates success from score.scaled against scaled_passing_score", () => {
    const context = { scaledPassingScore: 0.7 };
    const at = (scaled: string | undefined, status = "unknown") =>
      attemptStatus(
        "2004",
        freshState(
          "2004",
          { "cmi.success_status": status, ...(scaled ? { "cmi.score.scaled": scaled } : {}) },
          context,
        ),
      ).success;
    expect(at("0.7")).toBe("passed");
    expect(at("0.69", "passed")).toBe("failed");
    expect(at(undefined, "passed")).toBe("unknown");
  });

  it("derives the status of the state after the commit", () => {
    const result = validateCommit(
      "2004",
      { "cmi.progress_measure": "1", "cmi.score.scaled": "0.9", "cmi.session_time": "PT15M", "cmi.location": "end" },
      freshState("2004", { "cmi.total_time": "PT1H" }, { completionThreshold: 1, scaledPassingScore: 0.5 }),
    );
    expect(result).toMatchObject({
      ok: true,
      derived: {
        completion: "completed",
        success: "passed",
        progressMeasure: 1,
        sessionTimeSeconds: 900,
        totalTimeSeconds: 4500,
        location: "end",
      },
    });
  });
});

describe("splitCommitEnvelope", () => {
  it("separates scorm-again's commit sequence and terminate marker from the elements", () => {
    const envelope = splitCommitEnvelope({ "cmi.exit": "suspend", commitSequence: 7, isFinal: true }, "isFinal");
    expect(envelope).toEqual({ elements: { "cmi.exit": "suspend" }, sequence: 7, terminate: true });
    expect(splitCommitEnvelope({ "cmi.exit": "" })).toEqual({
      elements: { "cmi.exit": "" },
      sequence: null,
      terminate: false,
    });
  });

  it("leaves unexpected fields to validateCommit, which refuses them", () => {
    const envelope = splitCommitEnvelope({ commitSequence: "7", isFinal: true });
    expect(validateCommit("2004", envelope.elements, freshState("2004"))).toMatchObject({
      ok: false,
      errors: [
        { element: "commitSequence", code: 401 },
        { element: "isFinal", code: 401 },
      ],
    });
  });
});
