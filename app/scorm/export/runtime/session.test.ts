import path from "node:path";
import { fileURLToPath } from "node:url";

import { beforeAll, describe, expect, it } from "vitest";

import { optionOrder } from "~/assessment/draw";
import { toDisplayed } from "~/assessment/view";
import { loadCourses } from "~/content/load.server";
import type { ParsedModule } from "~/content/types";
import { buildPackageData } from "~/scorm/export/html";
import { validateCommit } from "~/scorm/runtime/commit";
import { connectLms } from "./lms";
import type { Scorm12Api, Scorm2004Api } from "./lms";
import type { PackageData, ScormVersion } from "./package-data";
import { CourseSession } from "./session";

const FIXTURE_COURSES = fileURLToPath(new URL("../../../../tests/fixtures/courses/valid", import.meta.url));

let basis: ParsedModule;
let bank: ParsedModule;
beforeAll(async () => {
  const { modules } = await loadCourses(FIXTURE_COURSES, { relativeTo: path.dirname(FIXTURE_COURSES) });
  basis = modules.find((module) => module.slug === "basis")!;
  bank = modules.find((module) => module.slug === "bank")!;
});

/** An LMS that keeps cmi values in a map, the way a real one keeps them between launches. */
function fakeLms(version: ScormVersion, store: Record<string, string> = {}) {
  const calls: string[] = [];
  const ok = (name: string) => () => {
    calls.push(name);
    return "true";
  };
  const get = (element: string) => {
    const collection = /^(cmi\.interactions)\._count$/.exec(element);
    if (collection)
      return String(Object.keys(store).filter((name) => /^cmi\.interactions\.\d+\.id$/.test(name)).length);
    return store[element] ?? "";
  };
  const set = (element: string, value: string) => {
    store[element] = value;
    return "true";
  };
  const api: Scorm12Api | Scorm2004Api =
    version === "1.2"
      ? {
          LMSInitialize: ok("initialize"),
          LMSFinish: ok("terminate"),
          LMSGetValue: get,
          LMSSetValue: set,
          LMSCommit: ok("commit"),
          LMSGetLastError: () => "0",
        }
      : {
          Initialize: ok("initialize"),
          Terminate: ok("terminate"),
          GetValue: get,
          SetValue: set,
          Commit: ok("commit"),
          GetLastError: () => "0",
        };
  return { api, store, calls };
}

function clock(start = Date.UTC(2025, 0, 1, 9)) {
  let now = start;
  let seeds = 0;
  return {
    now: () => now,
    seed: () => `seed-${++seeds}`,
    advance: (ms: number) => {
      now += ms;
    },
  };
}

function open(module: ParsedModule, version: ScormVersion, store: Record<string, string>, time = clock()) {
  const data = buildPackageData(module, "nl", version);
  const lms = fakeLms(version, store);
  const session = new CourseSession(data, connectLms(lms.api, version), time);
  return { data, session, lms, time, start: session.start() };
}

function readAllLessons(session: CourseSession, data: PackageData) {
  for (const page of data.pages) if (page.kind === "lesson") session.openPage(page.id);
  session.openPage("assessment");
}

/** Answers the open attempt: every question right, or every question wrong. */
function answerAttempt(session: CourseSession, data: PackageData, right: boolean, seed: string) {
  const state = session.assessmentState();
  if (state.kind !== "in_progress") throw new Error(`no open attempt: ${state.kind}`);
  for (const { question } of state.attempt.questions) {
    const full = data.assessment!.questions.find((candidate) => candidate.id === question.id)!;
    const indices = full.options.flatMap((option, index) => (option.correct === right ? [index] : []));
    const chosen = right ? indices : indices.slice(0, 1);
    expect(session.saveAnswer(question.id, toDisplayed(optionOrder(full, `${seed}:${full.id}`), chosen))).toBe(true);
  }
}

describe("a SCORM 1.2 package", () => {
  it("reports passed with the score when the assessment is passed", () => {
    const { data, session, lms, time } = open(basis, "1.2", {});
    expect(lms.store["cmi.core.lesson_status"]).toBe("incomplete");
    readAllLessons(session, data);
    expect(session.startAttempt().kind).toBe("in_progress");
    answerAttempt(session, data, true, "seed-1");
    const result = session.submitAttempt();
    expect(result).toMatchObject({ number: 1, percent: 100, passed: true, next: { kind: "passed" } });
    expect(result?.reviews).toHaveLength(data.assessment!.draw);
    time.advance(95_500);
    session.end();
    expect(lms.store).toMatchObject({
      "cmi.core.lesson_status": "passed",
      "cmi.core.score.raw": "100",
      "cmi.core.score.min": "0",
      "cmi.core.score.max": "100",
      "cmi.core.exit": "",
      "cmi.core.session_time": "00:01:35.50",
      "cmi.core.lesson_location": "assessment",
    });
    expect(lms.calls.at(-1)).toBe("terminate");
    session.end();
    expect(lms.calls.filter((call) => call === "terminate")).toHaveLength(1);
  });

  it("reports failed with a suspended exit while attempts are left, and honours the attempt limit", () => {
    const { data, session, lms, time } = open(basis, "1.2", {});
    readAllLessons(session, data);
    session.startAttempt();
    answerAttempt(session, data, false, "seed-1");
    expect(session.submitAttempt()).toMatchObject({ percent: 0, passed: false, next: { kind: "waiting" } });
    expect(lms.store["cmi.core.lesson_status"]).toBe("failed");
    expect(lms.store["cmi.core.score.raw"]).toBe("0");
    expect(lms.store["cmi.core.exit"]).toBe("suspend");
    expect(session.startAttempt().kind).toBe("waiting");

    time.advance(data.assessment!.waitMinutes * 60_000);
    expect(session.startAttempt().kind).toBe("in_progress");
    session.submitAttempt();
    expect(session.assessmentState().kind).toBe("no_attempts_left");
    expect(session.startAttempt().kind).toBe("no_attempts_left");
    // Out of attempts: the module is done for good, so the LMS may close the attempt.
    expect(lms.store["cmi.core.exit"]).toBe("");
    expect(lms.store["cmi.core.lesson_status"]).toBe("failed");
  });

  it("opens the assessment only after every lesson has been read", () => {
    const { data, session } = open(basis, "1.2", {});
    const firstLesson = data.pages.find((page) => page.kind === "lesson")!;
    expect(session.startAttempt()).toEqual({ kind: "lessons_open", nextPageId: firstLesson.id });
  });

  it("completes a module without an assessment when every lesson has been read", () => {
    const { data, session, lms } = open(bank, "1.2", {});
    expect(data.assessment).toBeNull();
    expect(session.assessmentState().kind).toBe("none");
    for (const page of data.pages) session.openPage(page.id);
    expect(lms.store["cmi.core.lesson_status"]).toBe("completed");
    expect(lms.store["cmi.core.score.raw"]).toBeUndefined();
  });

  it("resumes at the stored location with check answers and the open attempt", () => {
    const store: Record<string, string> = {};
    const first = open(basis, "1.2", store);
    readAllLessons(first.session, first.data);
    const check = first.data.checks[0]!;
    const right = check.options.flatMap((option, index) => (option.correct ? [index] : []));
    expect(first.session.answerCheck(check.id, right)).toMatchObject({ ok: true, correct: true });
    expect(first.session.answerCheck(check.id, [])).toEqual({ ok: false, error: "no_answer" });
    first.session.startAttempt();
    answerAttempt(first.session, first.data, true, "seed-1");
    const lessonPage = first.data.pages[1]!.id;
    first.session.openPage(lessonPage);
    first.session.end();
    expect(first.lms.store["cmi.core.exit"]).toBe("suspend");

    store["cmi.core.entry"] = "resume";
    const second = open(basis, "1.2", store);
    expect(second.start).toEqual({ connected: true, readOnly: false, location: lessonPage });
    expect(second.session.savedCheck(check.id)).toMatchObject({ correct: true });
    const state = second.session.assessmentState();
    expect(state.kind).toBe("in_progress");
    if (state.kind !== "in_progress") return;
    for (const { selected } of state.attempt.questions) expect(selected.length).toBeGreaterThan(0);
    expect(second.session.submitAttempt()).toMatchObject({ passed: true, percent: 100 });
    expect(store["cmi.core.lesson_status"]).toBe("passed");
  });

  it("writes nothing when the LMS opens the package for review", () => {
    const store = { "cmi.core.lesson_mode": "review", "cmi.core.lesson_status": "passed" };
    const { data, session, lms } = open(basis, "1.2", store);
    readAllLessons(session, data);
    session.end();
    expect(lms.store).toEqual({ ...store, "cmi.core.session_time": expect.any(String) });
  });
});

describe("a SCORM 2004 package", () => {
  it("reports completion, success, the scaled score and progress when passed", () => {
    const { data, session, lms } = open(basis, "2004", {});
    expect(lms.store["cmi.completion_status"]).toBe("incomplete");
    expect(lms.store["cmi.success_status"]).toBe("unknown");
    readAllLessons(session, data);
    session.startAttempt();
    answerAttempt(session, data, true, "seed-1");
    session.submitAttempt();
    session.end();
    expect(lms.store).toMatchObject({
      "cmi.completion_status": "completed",
      "cmi.success_status": "passed",
      "cmi.score.raw": "100",
      "cmi.score.scaled": "1",
      "cmi.progress_measure": "1",
      "cmi.exit": "normal",
      "cmi.location": "assessment",
    });
    expect(lms.store["cmi.session_time"]).toMatch(/^PT/);
  });

  it("writes score.scaled as the percentage divided by 100", () => {
    const { data, session, lms } = open(basis, "2004", {});
    readAllLessons(session, data);
    session.startAttempt();
    const state = session.assessmentState();
    if (state.kind !== "in_progress") throw new Error("no attempt");
    // One question right, the other left empty: 50%.
    const [first] = state.attempt.questions;
    const full = data.assessment!.questions.find((question) => question.id === first!.question.id)!;
    const right = full.options.flatMap((option, index) => (option.correct ? [index] : []));
    session.saveAnswer(full.id, toDisplayed(optionOrder(full, `seed-1:${full.id}`), right));
    expect(session.submitAttempt()).toMatchObject({ percent: 50, passed: false });
    expect(lms.store["cmi.score.raw"]).toBe("50");
    expect(lms.store["cmi.score.scaled"]).toBe("0.5");
    expect(lms.store["cmi.success_status"]).toBe("failed");
    expect(lms.store["cmi.completion_status"]).toBe("incomplete");
    expect(lms.store["cmi.exit"]).toBe("suspend");
    expect(Number(lms.store["cmi.progress_measure"])).toBeCloseTo(2 / 3, 3);
  });

  it("refuses answers to questions that were not drawn or options that do not exist", () => {
    const { data, session } = open(basis, "2004", {});
    readAllLessons(session, data);
    session.startAttempt();
    const state = session.assessmentState();
    if (state.kind !== "in_progress") throw new Error("no attempt");
    const drawn = new Set(state.attempt.questions.map(({ question }) => question.id));
    const notDrawn = data.assessment!.questions.find((question) => !drawn.has(question.id))!;
    expect(session.saveAnswer(notDrawn.id, [0])).toBe(false);
    expect(session.saveAnswer(state.attempt.questions[0]!.question.id, [99])).toBe(false);
  });
});

describe("without an LMS", () => {
  it("still lets the learner read and answer, reporting to nobody", () => {
    const data = buildPackageData(basis, "nl", "1.2");
    const session = new CourseSession(data, null, clock());
    expect(session.start()).toEqual({ connected: false, readOnly: false, location: null });
    readAllLessons(session, data);
    expect(session.startAttempt().kind).toBe("in_progress");
    expect(session.submitAttempt()).toMatchObject({ passed: false });
    session.end();
  });

  it("treats an LMS whose initialisation fails like no LMS", () => {
    const data = buildPackageData(basis, "nl", "2004");
    const lms = fakeLms("2004");
    (lms.api as Scorm2004Api).Initialize = () => "false";
    const session = new CourseSession(data, connectLms(lms.api, "2004"), clock());
    expect(session.start().connected).toBe(false);
    session.openPage(data.pages[1]!.id);
    session.end();
    expect(lms.store).toEqual({});
  });
});

describe("per-question interactions (cmi.interactions)", () => {
  const interactions = (store: Record<string, string>) =>
    Object.fromEntries(Object.entries(store).filter(([name]) => name.startsWith("cmi.interactions.")));

  it("SCORM 1.2: one interaction per question and attempt, appended after earlier attempts", () => {
    const { data, session, lms, time } = open(basis, "1.2", {});
    readAllLessons(session, data);
    session.startAttempt();
    answerAttempt(session, data, false, "seed-1");
    session.submitAttempt();
    const drawn = data.assessment!.draw;
    const first = interactions(lms.store);
    expect(Object.keys(first).filter((name) => name.endsWith(".id"))).toHaveLength(drawn);
    expect(first["cmi.interactions.0.id"]).toMatch(/\.a1$/);
    expect(first["cmi.interactions.0.result"]).toBe("wrong");
    expect(first["cmi.interactions.0.type"]).toMatch(/^(choice|true-false)$/);
    expect(first["cmi.interactions.0.student_response"]).toMatch(/^([a-z](,[a-z])*|t|f)$/);
    expect(first["cmi.interactions.0.correct_responses.0.pattern"]).toMatch(/^([a-z](,[a-z])*|t|f)$/);
    expect(first["cmi.interactions.0.time"]).toBe("09:00:00");

    time.advance(data.assessment!.waitMinutes * 60_000);
    session.startAttempt();
    answerAttempt(session, data, true, "seed-2");
    session.submitAttempt();
    expect(lms.store[`cmi.interactions.${drawn}.id`]).toMatch(/\.a2$/);
    expect(lms.store[`cmi.interactions.${drawn}.result`]).toBe("correct");
    // The question's own correct answer is what it reports as chosen when answered right.
    expect(lms.store[`cmi.interactions.${drawn}.student_response`]).toBe(
      lms.store[`cmi.interactions.${drawn}.correct_responses.0.pattern`],
    );
  });

  it("SCORM 2004: interactions the data model accepts, with the question text", () => {
    const { data, session, lms } = open(basis, "2004", {});
    readAllLessons(session, data);
    session.startAttempt();
    answerAttempt(session, data, true, "seed-1");
    session.submitAttempt();
    const reported = interactions(lms.store);
    expect(reported["cmi.interactions.0.result"]).toBe("correct");
    expect(reported["cmi.interactions.0.description"]).not.toBe("");
    expect(reported["cmi.interactions.0.timestamp"]).toBe("2025-01-01T09:00:00");
    expect(validateCommit("2004", reported, {})).toMatchObject({ ok: true });
  });
});
