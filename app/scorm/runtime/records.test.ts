import { describe, expect, it } from "vitest";

import { interactionRecords, objectiveRecords } from "./records";

describe("objectiveRecords", () => {
  it("reads SCORM 2004 objectives in index order", () => {
    const state = {
      "cmi.objectives.0.id": "module",
      "cmi.objectives.1.id": "q1",
      "cmi.objectives.1.success_status": "passed",
      "cmi.objectives.1.completion_status": "completed",
      "cmi.objectives.1.score.scaled": "0.8",
      "cmi.objectives.1.progress_measure": "1",
    };
    expect(objectiveRecords("2004", state)).toEqual([
      expect.objectContaining({ id: "module", successStatus: null, scoreScaled: null }),
      expect.objectContaining({
        id: "q1",
        successStatus: "passed",
        completionStatus: "completed",
        scoreScaled: "0.8",
        progressMeasure: "1",
      }),
    ]);
  });

  it("maps the SCORM 1.2 status onto success and completion", () => {
    const state = {
      "cmi.objectives.0.id": "o",
      "cmi.objectives.0.status": "failed",
      "cmi.objectives.0.score.raw": "40",
    };
    expect(objectiveRecords("1.2", state)).toEqual([
      expect.objectContaining({ id: "o", successStatus: "failed", completionStatus: "completed", scoreRaw: "40" }),
    ]);
  });
});

describe("interactionRecords", () => {
  it("collects responses, correct responses and objective ids for both versions", () => {
    expect(
      interactionRecords("2004", {
        "cmi.interactions.0.id": "q1",
        "cmi.interactions.0.type": "choice",
        "cmi.interactions.0.learner_response": "b",
        "cmi.interactions.0.correct_responses.0.pattern": "a",
        "cmi.interactions.0.objectives.0.id": "obj",
        "cmi.interactions.0.result": "incorrect",
        "cmi.interactions.0.timestamp": "2026-03-02T09:00:00",
      }),
    ).toEqual([
      {
        id: "q1",
        type: "choice",
        description: null,
        timestamp: "2026-03-02T09:00:00",
        weighting: null,
        learnerResponse: "b",
        correctResponses: ["a"],
        result: "incorrect",
        latency: null,
        objectiveIds: ["obj"],
      },
    ]);
    expect(
      interactionRecords("1.2", {
        "cmi.interactions.0.id": "q1",
        "cmi.interactions.0.student_response": "c",
        "cmi.interactions.0.time": "09:00:00",
        "cmi.interactions.1.id": "q2",
        "cmi.interactions.1.result": "correct",
      }).map((record) => [record.id, record.learnerResponse, record.timestamp, record.result]),
    ).toEqual([
      ["q1", "c", "09:00:00", null],
      ["q2", null, null, "correct"],
    ]);
  });
});
