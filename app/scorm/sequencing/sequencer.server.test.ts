import { describe, expect, it } from "vitest";

import { parseScormManifest } from "~/scorm/package/manifest.server";
import type { CmiState } from "~/scorm/runtime/types";

import { parseNavigationRequest } from "./navigation-request";
import { Sequencer } from "./sequencer.server";
import {
  FORCED_SEQUENTIAL,
  JUMP_4TH,
  manifestXml,
  NEVER_INITIALISES,
  POST_TEST_ROLLUP,
  PRE_TEST_SKIP,
  RANDOM_HIDDEN_POST_TEST,
  type TestPackage,
} from "./test-packages";

function definitionOf(pkg: TestPackage) {
  const definition = parseScormManifest(manifestXml(pkg)).manifest.sequencing;
  if (!definition) throw new Error("no sequencing definition");
  return definition;
}

/** One request as the server runs it: a fresh sequencer from the stored state and the current SCO's data. */
function step(
  pkg: TestPackage,
  state: string | null,
  cmi: CmiState | null,
  request: Parameters<Sequencer["navigate"]>[0],
  target: string | null = null,
) {
  const sequencer = new Sequencer(definitionOf(pkg), state, cmi);
  const result = sequencer.navigate(request, target);
  return { result, sequencer, state: sequencer.serialize() };
}

describe("server sequencer (scorm-again SN)", () => {
  it("forced sequential: choice is refused, start and continue deliver in order, the root completes after the last", () => {
    expect(step(FORCED_SEQUENTIAL, null, null, "choice", "THREE").result.deliver).toBeNull();
    let run = step(FORCED_SEQUENTIAL, null, null, "start");
    expect(run.result.deliver).toBe("ONE");
    expect(run.sequencer.view()).toMatchObject({ continueEnabled: true, previousEnabled: false, choices: [] });
    run = step(FORCED_SEQUENTIAL, run.state, { "cmi.completion_status": "completed" }, "continue");
    expect(run.result.deliver).toBe("TWO");
    run = step(FORCED_SEQUENTIAL, run.state, { "cmi.completion_status": "completed" }, "continue");
    expect(run.result.deliver).toBe("THREE");
    expect(run.sequencer.root().completion).not.toBe("completed");
    run = step(FORCED_SEQUENTIAL, run.state, { "cmi.completion_status": "completed" }, "exitAll");
    expect(run.result.sessionEnded).toBe(true);
    expect(run.sequencer.root()).toMatchObject({ completion: "completed", success: "passed" });
  });

  it("post-test rollup: the course's success and score are the post-test's", () => {
    let run = step(POST_TEST_ROLLUP, null, null, "choice", "LESSON");
    expect(run.result.deliver).toBe("LESSON");
    run = step(
      POST_TEST_ROLLUP,
      run.state,
      { "cmi.completion_status": "completed", "cmi.score.scaled": "0.1" },
      "continue",
    );
    expect(run.result.deliver).toBe("POSTTEST");
    const failed = step(
      POST_TEST_ROLLUP,
      run.state,
      { "cmi.completion_status": "completed", "cmi.score.scaled": "0.5" },
      "exitAll",
    );
    expect(failed.sequencer.root()).toMatchObject({ completion: "completed", success: "failed", scoreScaled: 0.5 });
    const passed = step(
      POST_TEST_ROLLUP,
      run.state,
      { "cmi.completion_status": "completed", "cmi.score.scaled": "0.9" },
      "exitAll",
    );
    expect(passed.sequencer.root()).toMatchObject({ completion: "completed", success: "passed", scoreScaled: 0.9 });
  });

  it("pre-test skip: a passed pre-test skips the content it covers", () => {
    let run = step(PRE_TEST_SKIP, null, null, "start");
    expect(run.result.deliver).toBe("PRETEST");
    run = step(
      PRE_TEST_SKIP,
      run.state,
      { "cmi.completion_status": "completed", "cmi.success_status": "passed" },
      "continue",
    );
    expect(run.result.deliver).toBe("WRAPUP");
    const failedRun = step(
      PRE_TEST_SKIP,
      step(PRE_TEST_SKIP, null, null, "start").state,
      { "cmi.completion_status": "completed", "cmi.success_status": "failed" },
      "continue",
    );
    expect(failedRun.result.deliver).toBe("CONTENT");
  });

  it("random hidden post-test: one hidden test is delivered, and the root is not complete before it", () => {
    let run = step(RANDOM_HIDDEN_POST_TEST, null, null, "start");
    expect(run.result.deliver).toBe("STUDY");
    run = step(RANDOM_HIDDEN_POST_TEST, run.state, { "cmi.completion_status": "completed" }, "continue");
    expect(["TEST_A", "TEST_B"]).toContain(run.result.deliver);
    expect(run.sequencer.root().completion).not.toBe("completed");
  });

  it("a SCO that never initialises is completed and satisfied when its attempt ends (delivery control defaults)", () => {
    let run = step(NEVER_INITIALISES, null, null, "start");
    expect(run.result.deliver).toBe("SILENT");
    expect(run.sequencer.root().completion).not.toBe("completed");
    run = step(NEVER_INITIALISES, run.state, {}, "exit");
    expect(run.result).toMatchObject({ deliver: null, sessionEnded: true });
    expect(run.sequencer.activityStatus("SILENT")).toEqual({ completion: "completed", success: "passed" });
    expect(run.sequencer.root()).toMatchObject({ completion: "completed", success: "passed" });
  });

  it("4th edition jump: {target=…}jump delivers the target whatever flow says; hideLMSUI is reported", () => {
    let run = step(JUMP_4TH, null, null, "start");
    expect(run.result.deliver).toBe("START");
    const request = parseNavigationRequest("{target=LAST}jump")!;
    run = step(JUMP_4TH, run.state, { "cmi.completion_status": "completed" }, request.request, request.target);
    expect(run.result.deliver).toBe("LAST");
    expect(run.sequencer.view().hideLmsUi).toContain("previous");
  });

  it("parses the content's navigation requests and refuses anything else", () => {
    expect(parseNavigationRequest("continue")).toEqual({ request: "continue", target: null });
    expect(parseNavigationRequest("{target=X_1}choice")).toEqual({ request: "choice", target: "X_1" });
    expect(parseNavigationRequest("_none_")).toBeNull();
    expect(parseNavigationRequest("start")).toBeNull();
    expect(parseNavigationRequest("{target=}jump")).toBeNull();
    expect(parseNavigationRequest(42)).toBeNull();
  });
});
