/**
 * The commits the real scorm-again (as the player will configure it) sends, fed through validateCommit
 * and launchState: proves the format findings in README.md and that a full suspend/resume cycle works.
 */
// The root entry: the "scorm-again/scorm12" subpath's typings declare a default export, its ESM build a named one.
import { Scorm12API, Scorm2004API } from "scorm-again";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";

import { validateCommit } from "./commit";
import { launchState, mergeCommit } from "./state";
import { LEARNER } from "./test-support";
import type { CmiState, ScormVersion } from "./types";

interface SentRequest {
  transport: "xhr" | "beacon";
  contentType: string;
  body: string;
}

let sent: SentRequest[];
let beaconBodies: Promise<void>[];

beforeEach(() => {
  sent = [];
  beaconBodies = [];
  vi.stubGlobal("window", globalThis);
  vi.stubGlobal(
    "XMLHttpRequest",
    class {
      status = 0;
      responseText = "";
      private contentType = "";
      open() {}
      setRequestHeader(name: string, value: string) {
        if (name.toLowerCase() === "content-type") this.contentType = value;
      }
      send(body: string) {
        sent.push({ transport: "xhr", contentType: this.contentType, body });
        this.status = 200;
        this.responseText = JSON.stringify({ result: true, errorCode: 0 });
      }
    },
  );
  vi.stubGlobal("navigator", {
    sendBeacon(_url: string, blob: Blob) {
      beaconBodies.push(
        blob.text().then((body) => void sent.push({ transport: "beacon", contentType: blob.type, body })),
      );
      return true;
    },
  });
});

afterEach(() => {
  vi.unstubAllGlobals();
});

const SETTINGS = {
  lmsCommitUrl: "/scorm/commit",
  dataCommitFormat: "flattened",
  autocommit: false,
  logLevel: 5,
} as const;

async function allSent(): Promise<SentRequest[]> {
  await Promise.all(beaconBodies);
  return sent;
}

function validated(version: ScormVersion, request: SentRequest, state: CmiState) {
  const result = validateCommit(version, JSON.parse(request.body), state, { tolerance: "lenient" });
  if (!result.ok) throw new Error(`refused: ${JSON.stringify(result.errors)}`);
  return result;
}

describe("scorm-again 1.2 commits", () => {
  it("are accepted, carry the terminate commit by sendBeacon as text/plain, and resume", async () => {
    const start = launchState("1.2", { ...LEARNER, masteryScore: 80, launchData: "chapter=1" }, null);
    const api = new Scorm12API({ ...SETTINGS });
    api.loadFromFlattenedJSON(start);
    expect(api.LMSInitialize("")).toBe("true");
    api.LMSSetValue("cmi.core.lesson_status", "incomplete");
    api.LMSSetValue("cmi.core.lesson_location", "slide-2");
    api.LMSSetValue("cmi.interactions.0.id", "q1");
    api.LMSSetValue("cmi.interactions.0.type", "choice");
    api.LMSSetValue("cmi.interactions.0.student_response", "a");
    expect(api.LMSCommit("")).toBe("true");
    api.LMSSetValue("cmi.core.score.raw", "90");
    api.LMSSetValue("cmi.core.session_time", "00:12:30.5");
    api.LMSSetValue("cmi.suspend_data", "s".repeat(5000));
    api.LMSSetValue("cmi.core.exit", "suspend");
    expect(api.LMSFinish("")).toBe("true");

    const [commit, terminate] = await allSent();
    expect(commit).toMatchObject({ transport: "xhr", contentType: "application/json;charset=UTF-8" });
    expect(terminate).toMatchObject({ transport: "beacon", contentType: "text/plain;charset=utf-8" });

    const firstBody = JSON.parse(commit!.body) as Record<string, unknown>;
    // Read-only elements, write-only ones and {} for empty arrays are all in the flattened body.
    expect(firstBody).toMatchObject({ "cmi.core.student_id": "learner-1", "cmi.core.exit": "", "cmi.objectives": {} });
    expect(firstBody).not.toHaveProperty("cmi.core.total_time");

    const first = validated("1.2", commit!, start);
    expect(first.changes).toMatchObject({ "cmi.core.lesson_status": "incomplete", "cmi.interactions.0.id": "q1" });
    const afterFirst = mergeCommit(start, first.changes);

    const terminateBody = JSON.parse(terminate!.body) as Record<string, unknown>;
    expect(terminateBody["cmi.core.total_time"]).toBe("00:12:30.5");
    const last = validated("1.2", terminate!, afterFirst);
    expect(last.derived).toMatchObject({ completion: "completed", success: "passed", scoreRaw: 90, exit: "suspend" });
    // 5,000 characters: beyond the 1.2 RTE's 4096, but scorm-again stored it, so "spec" would lose the commit.
    expect(validateCommit("1.2", terminateBody, afterFirst).ok).toBe(false);

    const resumed = launchState("1.2", LEARNER, mergeCommit(afterFirst, last.changes));
    const again = new Scorm12API({ ...SETTINGS });
    again.loadFromFlattenedJSON(resumed);
    again.LMSInitialize("");
    expect(again.LMSGetValue("cmi.core.entry")).toBe("resume");
    expect(again.LMSGetValue("cmi.core.total_time")).toMatch(/^0*:12:30\.5/);
    expect(again.LMSGetValue("cmi.suspend_data")).toHaveLength(5000);
    expect(again.LMSGetValue("cmi.interactions._count")).toBe("1");
    again.LMSSetValue("cmi.interactions.1.id", "q2");
    expect(again.LMSCommit("")).toBe("true");
    // Until the SCO reports one, scorm-again sends a zero session time.
    expect(validated("1.2", sent.at(-1)!, resumed).changes).toEqual({
      "cmi.interactions.1.id": "q2",
      "cmi.core.session_time": "00:00:00",
    });
  });
});

describe("scorm-again 2004 commits", () => {
  it("are accepted, keep 64,000 characters of suspend_data, and resume", async () => {
    const start = launchState("2004", { ...LEARNER, completionThreshold: 0.8, scaledPassingScore: 0.5 }, null);
    const api = new Scorm2004API({ ...SETTINGS });
    api.loadFromFlattenedJSON(start);
    expect(api.Initialize("")).toBe("true");
    api.SetValue("cmi.interactions.0.id", "urn:stigmavrij:q1");
    api.SetValue("cmi.interactions.0.type", "choice");
    api.SetValue("cmi.interactions.0.learner_response", "a[,]b");
    api.SetValue("cmi.interactions.0.correct_responses.0.pattern", "a[,]b");
    api.SetValue("cmi.objectives.0.id", "urn:stigmavrij:o1");
    api.SetValue("cmi.comments_from_learner.0.comment", "{lang=nl}Helder");
    api.SetValue("cmi.progress_measure", "0.9");
    api.SetValue("cmi.score.scaled", "0.75");
    api.SetValue("cmi.suspend_data", "d".repeat(64000));
    expect(api.Commit("")).toBe("true");
    api.SetValue("cmi.session_time", "PT20M");
    api.SetValue("cmi.exit", "suspend");
    expect(api.Terminate("")).toBe("true");

    const [commit, terminate] = await allSent();
    expect(commit!.transport).toBe("xhr");
    expect(terminate).toMatchObject({ transport: "beacon", contentType: "text/plain;charset=utf-8" });

    const first = validated("2004", commit!, start);
    expect(first.changes["cmi.suspend_data"]).toHaveLength(64000);
    expect(first.derived).toMatchObject({ completion: "completed", success: "passed", scoreScaled: 0.75 });
    const afterFirst = mergeCommit(start, first.changes);

    expect(JSON.parse(terminate!.body)["cmi.total_time"]).toBe("PT20M");
    const last = validated("2004", terminate!, afterFirst);
    expect(last.changes).toEqual({
      "cmi.session_time": "PT20M",
      "cmi.exit": "suspend",
      "cmi.completion_status": "completed",
      "cmi.success_status": "passed",
    });

    const resumed = launchState("2004", LEARNER, mergeCommit(afterFirst, last.changes));
    const again = new Scorm2004API({ ...SETTINGS });
    again.loadFromFlattenedJSON(resumed);
    again.Initialize("");
    expect(again.GetValue("cmi.entry")).toBe("resume");
    expect(again.GetValue("cmi.total_time")).toBe("PT20M");
    expect(again.GetValue("cmi.suspend_data")).toHaveLength(64000);
    expect(again.GetValue("cmi.interactions.0.learner_response")).toBe("a[,]b");
    expect(again.Commit("")).toBe("true");
    expect(validated("2004", sent.at(-1)!, resumed).changes).toEqual({ "cmi.session_time": "PT0H0M0S" });
  });

  it("a forged commit cannot change the learner or the total time", () => {
    const start = launchState("2004", LEARNER, null);
    const result = validateCommit(
      "2004",
      { "cmi.learner_id": "someone-else", "cmi.total_time": "PT100H", "cmi.completion_status": "completed" },
      start,
    );
    expect(result).toMatchObject({
      ok: false,
      errors: [
        { element: "cmi.learner_id", code: 404 },
        { element: "cmi.total_time", code: 404 },
      ],
    });
  });
});
