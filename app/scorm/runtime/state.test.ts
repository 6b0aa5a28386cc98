import { describe, expect, it } from "vitest";

import { validateCommit } from "./commit";
import { entryFor, formatDecimal, launchState, mergeCommit } from "./state";
import { LEARNER } from "./test-support";

describe("launchState, SCORM 1.2", () => {
  it("starts a new attempt with the learner, the manifest values and the RTE initial values", () => {
    const state = launchState(
      "1.2",
      {
        ...LEARNER,
        credit: "credit",
        mode: "normal",
        launchData: "start=intro",
        masteryScore: 75.5,
        maxTimeAllowedSeconds: 5400,
        timeLimitAction: "continue,message",
      },
      null,
    );
    expect(state).toEqual({
      "cmi.core.student_id": "learner-1",
      "cmi.core.student_name": "Jansen, Sam",
      "cmi.core.credit": "credit",
      "cmi.core.lesson_mode": "normal",
      "cmi.core.entry": "ab-initio",
      "cmi.core.lesson_status": "not attempted",
      "cmi.core.total_time": "0000:00:00.00",
      "cmi.launch_data": "start=intro",
      "cmi.comments_from_lms": "",
      "cmi.student_data.mastery_score": "75.5",
      "cmi.student_data.max_time_allowed": "0001:30:00.00",
      "cmi.student_data.time_limit_action": "continue,message",
    });
  });

  it("resumes after exit suspend: entry resume, session time added to total, write-only values cleared", () => {
    const first = launchState("1.2", LEARNER, null);
    const commit = validateCommit(
      "1.2",
      {
        "cmi.core.exit": "suspend",
        "cmi.core.session_time": "00:20:00",
        "cmi.suspend_data": "page=3",
        "cmi.core.lesson_status": "incomplete",
      },
      first,
    );
    if (!commit.ok) throw new Error("commit refused");
    const second = launchState("1.2", LEARNER, mergeCommit(first, commit.changes));
    expect(second).toMatchObject({
      "cmi.core.entry": "resume",
      "cmi.core.total_time": "0000:20:00.00",
      "cmi.suspend_data": "page=3",
      "cmi.core.lesson_status": "incomplete",
    });
    expect(second).not.toHaveProperty("cmi.core.exit");
    expect(second).not.toHaveProperty("cmi.core.session_time");

    // A second session adds up; relaunching without a commit adds nothing twice.
    const third = launchState(
      "1.2",
      LEARNER,
      mergeCommit(second, { "cmi.core.session_time": "00:05:30.25", "cmi.core.exit": "" }),
    );
    expect(third["cmi.core.total_time"]).toBe("0000:25:30.25");
    expect(third["cmi.core.entry"]).toBe("");
    expect(launchState("1.2", LEARNER, third)["cmi.core.total_time"]).toBe("0000:25:30.25");
  });

  it("keeps the journaled interactions so new ones are appended", () => {
    const stored = mergeCommit(launchState("1.2", LEARNER, null), {
      "cmi.interactions.0.id": "q1",
      "cmi.interactions.0.result": "correct",
    });
    const next = launchState("1.2", LEARNER, stored);
    expect(next["cmi.interactions.0.id"]).toBe("q1");
    expect(validateCommit("1.2", { "cmi.interactions.1.id": "q2" }, next)).toMatchObject({ ok: true });
  });

  it("refreshes read-only values from the context at every launch", () => {
    const stored = launchState("1.2", LEARNER, null);
    const review = launchState(
      "1.2",
      { ...LEARNER, learnerName: "Jansen-de Vries, Sam", mode: "review", credit: "no-credit" },
      stored,
    );
    expect(review).toMatchObject({
      "cmi.core.student_name": "Jansen-de Vries, Sam",
      "cmi.core.lesson_mode": "review",
      "cmi.core.credit": "no-credit",
    });
  });
});

describe("launchState, SCORM 2004", () => {
  it("starts a new attempt", () => {
    const state = launchState(
      "2004",
      { ...LEARNER, completionThreshold: 0.75, scaledPassingScore: 0.6, maxTimeAllowedSeconds: 600.5, language: "nl" },
      null,
    );
    expect(state).toEqual({
      "cmi.learner_id": "learner-1",
      "cmi.learner_name": "Jansen, Sam",
      "cmi.credit": "credit",
      "cmi.mode": "normal",
      "cmi.entry": "ab-initio",
      "cmi.launch_data": "",
      "cmi.completion_threshold": "0.75",
      "cmi.scaled_passing_score": "0.6",
      "cmi.max_time_allowed": "PT10M0.5S",
      "cmi.time_limit_action": "continue,no message",
      "cmi.total_time": "PT0S",
      "cmi.completion_status": "unknown",
      "cmi.success_status": "unknown",
      "cmi.learner_preference.audio_level": "1",
      "cmi.learner_preference.language": "nl",
      "cmi.learner_preference.delivery_speed": "1",
      "cmi.learner_preference.audio_captioning": "0",
      "adl.nav.request": "_none_",
    });
  });

  it("resumes after cmi.exit suspend with 64,000 characters of suspend_data and the summed total time", () => {
    const first = launchState("2004", LEARNER, null);
    const suspendData = "z".repeat(64000);
    const commit = validateCommit(
      "2004",
      {
        "cmi.exit": "suspend",
        "cmi.session_time": "PT45M30.5S",
        "cmi.suspend_data": suspendData,
        "adl.nav.request": "suspendAll",
      },
      first,
    );
    if (!commit.ok) throw new Error("commit refused");
    const second = launchState(
      "2004",
      LEARNER,
      mergeCommit(mergeCommit(first, { "cmi.total_time": "PT1H" }), commit.changes),
    );
    expect(second["cmi.entry"]).toBe("resume");
    expect(second["cmi.total_time"]).toBe("PT1H45M30.5S");
    expect(second["cmi.suspend_data"]).toBe(suspendData);
    expect(second["adl.nav.request"]).toBe("_none_");
    expect(second).not.toHaveProperty("cmi.exit");
    expect(second).not.toHaveProperty("cmi.session_time");
  });

  it("keeps learner preferences the learner changed", () => {
    const stored = mergeCommit(launchState("2004", { ...LEARNER, language: "nl" }, null), {
      "cmi.learner_preference.language": "en",
    });
    expect(launchState("2004", { ...LEARNER, language: "nl" }, stored)["cmi.learner_preference.language"]).toBe("en");
  });
});

describe("entryFor", () => {
  it.each([
    ["1.2", "cmi.core.exit", "suspend", "resume"],
    ["1.2", "cmi.core.exit", "logout", ""],
    ["1.2", "cmi.core.exit", "time-out", ""],
    ["1.2", "cmi.core.exit", "", ""],
    ["2004", "cmi.exit", "suspend", "resume"],
    ["2004", "cmi.exit", "normal", ""],
    ["2004", "cmi.exit", "logout", ""],
  ] as const)("%s %s %j → %j", (version, element, exit, entry) => {
    expect(entryFor(version, { [element]: exit })).toBe(entry);
  });

  it("is ab-initio for a new attempt, also when the other version's exit is set", () => {
    expect(entryFor("2004", null)).toBe("ab-initio");
    expect(entryFor("2004", { "cmi.core.exit": "suspend" })).toBe("");
  });
});

describe("launch context checks", () => {
  it("refuses out-of-range manifest values", () => {
    expect(() => launchState("1.2", { ...LEARNER, masteryScore: 101 }, null)).toThrow(RangeError);
    expect(() => launchState("2004", { ...LEARNER, completionThreshold: 1.2 }, null)).toThrow(RangeError);
    expect(() => launchState("2004", { ...LEARNER, scaledPassingScore: -2 }, null)).toThrow(RangeError);
    expect(() => launchState("2004", { ...LEARNER, maxTimeAllowedSeconds: -1 }, null)).toThrow(RangeError);
  });

  it("formats decimals without exponents", () => {
    expect(formatDecimal(1e-7)).toBe("0.0000001");
    expect(formatDecimal(0.5)).toBe("0.5");
    expect(formatDecimal(80)).toBe("80");
    expect(formatDecimal(-0.25)).toBe("-0.25");
  });
});
