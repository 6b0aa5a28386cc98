import fc from "fast-check";
import { describe, expect, it } from "vitest";

import { allLessonsCompleted, completionFraction, lessonStatus, resumeLessonId, type LessonState } from "./progress";

const lesson = (id: string, state: "new" | "seen" | "done" = "new"): LessonState => ({
  id,
  seen: state !== "new",
  completed: state === "done",
});

describe("lessonStatus", () => {
  it("is not_started when the lesson was never opened", () => {
    expect(lessonStatus({ seen: false, completed: false })).toBe("not_started");
  });

  it("is in_progress when the lesson was opened but not finished", () => {
    expect(lessonStatus({ seen: true, completed: false })).toBe("in_progress");
  });

  it("is completed when finished, whether or not it counts as seen", () => {
    expect(lessonStatus({ seen: true, completed: true })).toBe("completed");
    expect(lessonStatus({ seen: false, completed: true })).toBe("completed");
  });
});

describe("completionFraction", () => {
  it("is 0 for a module without lessons", () => {
    expect(completionFraction([])).toBe(0);
  });

  it("is the share of completed lessons; seen-but-unfinished lessons do not count", () => {
    expect(completionFraction([lesson("a"), lesson("b", "seen"), lesson("c", "done"), lesson("d", "done")])).toBe(0.5);
    expect(completionFraction([lesson("a", "seen"), lesson("b", "seen"), lesson("c", "done")])).toBeCloseTo(1 / 3);
  });

  it("is 1 when every lesson is completed", () => {
    expect(completionFraction([lesson("a", "done"), lesson("b", "done")])).toBe(1);
  });
});

describe("allLessonsCompleted", () => {
  it("is false for a module without lessons", () => {
    expect(allLessonsCompleted([])).toBe(false);
  });

  it("is false while any lesson is open", () => {
    expect(allLessonsCompleted([lesson("a", "done"), lesson("b", "seen")])).toBe(false);
    expect(allLessonsCompleted([lesson("a", "done"), lesson("b")])).toBe(false);
  });

  it("is true when every lesson is completed", () => {
    expect(allLessonsCompleted([lesson("a", "done")])).toBe(true);
    expect(allLessonsCompleted([lesson("a", "done"), lesson("b", "done"), lesson("c", "done")])).toBe(true);
  });
});

describe("resumeLessonId", () => {
  it("returns null for a module without lessons, whatever was read last", () => {
    expect(resumeLessonId([], null)).toBeNull();
    expect(resumeLessonId([], "m/a")).toBeNull();
  });

  it("returns the last lesson read when it is not finished", () => {
    const lessons = [lesson("m/a", "done"), lesson("m/b"), lesson("m/c", "seen")];
    expect(resumeLessonId(lessons, "m/c")).toBe("m/c");
  });

  it("returns the last lesson read when it is unfinished even if an earlier lesson is open too", () => {
    const lessons = [lesson("m/a"), lesson("m/b", "seen"), lesson("m/c")];
    expect(resumeLessonId(lessons, "m/b")).toBe("m/b");
  });

  it("returns the first open lesson when the last lesson read is finished", () => {
    const lessons = [lesson("m/a", "done"), lesson("m/b", "seen"), lesson("m/c", "done"), lesson("m/d")];
    expect(resumeLessonId(lessons, "m/c")).toBe("m/b");
  });

  it("returns the last lesson read when every lesson is finished", () => {
    const lessons = [lesson("m/a", "done"), lesson("m/b", "done"), lesson("m/c", "done")];
    expect(resumeLessonId(lessons, "m/b")).toBe("m/b");
  });

  it("returns the first open lesson when nothing was read yet", () => {
    expect(resumeLessonId([lesson("m/a"), lesson("m/b")], null)).toBe("m/a");
    expect(resumeLessonId([lesson("m/a", "done"), lesson("m/b"), lesson("m/c")], null)).toBe("m/b");
  });

  it("returns the first lesson when nothing was read yet but every lesson is finished", () => {
    expect(resumeLessonId([lesson("m/a", "done"), lesson("m/b", "done")], null)).toBe("m/a");
  });

  it("treats the last lesson read as unknown when it was archived or never existed", () => {
    const open = [lesson("m/a", "done"), lesson("m/b"), lesson("m/c")];
    expect(resumeLessonId(open, "m/archived")).toBe("m/b");
    expect(resumeLessonId(open, "other/a")).toBe("m/b");
    const done = [lesson("m/a", "done"), lesson("m/b", "done")];
    expect(resumeLessonId(done, "m/archived")).toBe("m/a");
  });

  it("treats an empty lastLessonId like none", () => {
    expect(resumeLessonId([lesson("m/a", "done"), lesson("m/b")], "")).toBe("m/b");
  });
});

describe("progress rules (properties)", () => {
  const SEED = 20240601;
  const lessonsArb = fc
    .uniqueArray(fc.string({ minLength: 1, maxLength: 6 }), { maxLength: 12 })
    .chain((ids) =>
      fc.tuple(...ids.map((id) => fc.record({ id: fc.constant(id), seen: fc.boolean(), completed: fc.boolean() }))),
    )
    .map((lessons): LessonState[] => lessons);
  /** Lessons plus a lastLessonId that is either one of them, an unknown id, or none. */
  const scenarioArb = lessonsArb.chain((lessons) =>
    fc.tuple(
      fc.constant(lessons),
      fc.oneof(
        fc.constant(null),
        fc.string({ maxLength: 6 }),
        ...(lessons.length > 0 ? [fc.constantFrom(...lessons.map((l) => l.id))] : []),
      ),
    ),
  );

  it("resumeLessonId returns an id from the list, or null exactly when the list is empty", () => {
    fc.assert(
      fc.property(scenarioArb, ([lessons, last]) => {
        const result = resumeLessonId(lessons, last);
        if (lessons.length === 0) expect(result).toBeNull();
        else expect(lessons.map((l) => l.id)).toContain(result);
      }),
      { seed: SEED, numRuns: 500 },
    );
  });

  it("resumeLessonId returns the first incomplete lesson unless the last lesson read is incomplete", () => {
    fc.assert(
      fc.property(scenarioArb, ([lessons, last]) => {
        const firstIncomplete = lessons.find((l) => !l.completed);
        const lastIsIncomplete = lessons.some((l) => l.id === last && !l.completed);
        const result = resumeLessonId(lessons, last);
        if (lastIsIncomplete) expect(result).toBe(last);
        else if (firstIncomplete) expect(result).toBe(firstIncomplete.id);
      }),
      { seed: SEED, numRuns: 500 },
    );
  });

  it("resumeLessonId never points at a completed lesson while an incomplete one exists", () => {
    fc.assert(
      fc.property(scenarioArb, ([lessons, last]) => {
        fc.pre(lessons.some((l) => !l.completed));
        const result = resumeLessonId(lessons, last);
        expect(lessons.find((l) => l.id === result)?.completed).toBe(false);
      }),
      { seed: SEED, numRuns: 500 },
    );
  });

  it("completionFraction is within [0, 1] and equals 1 exactly when all lessons are completed", () => {
    fc.assert(
      fc.property(lessonsArb, (lessons) => {
        const fraction = completionFraction(lessons);
        expect(fraction).toBeGreaterThanOrEqual(0);
        expect(fraction).toBeLessThanOrEqual(1);
        expect(fraction === 1).toBe(allLessonsCompleted(lessons));
      }),
      { seed: SEED, numRuns: 500 },
    );
  });

  it("completionFraction counts completed lessons over all lessons", () => {
    fc.assert(
      fc.property(lessonsArb, (lessons) => {
        fc.pre(lessons.length > 0);
        const completed = lessons.filter((l) => l.completed).length;
        expect(completionFraction(lessons) * lessons.length).toBeCloseTo(completed);
      }),
      { seed: SEED, numRuns: 500 },
    );
  });
});
