import { describe, expect, it } from "vitest";

import { createLearner, parsedModule } from "../../tests/unit/support/courses";
import { useTestDatabase } from "../../tests/setup/use-test-database";
import { syncCourses } from "~/content/sync.server";
import { activeTimeUpdate, MAX_GAP_SECONDS, recordActivity } from "./activity.server";
import { openLesson } from "./progress.server";
import { learningEvents } from "~/learning-events.server";

const database = useTestDatabase();
const db = () => database.prisma;

const T0 = new Date("2025-08-01T12:00:00.000Z");
const seconds = (count: number) => new Date(T0.getTime() + count * 1000);

describe("activeTimeUpdate", () => {
  it("starts the clock when there was no activity yet", () => {
    expect(activeTimeUpdate(null, T0)).toEqual({ lastActiveAt: T0 });
  });

  it("adds the whole seconds since the last activity, up to the longest gap", () => {
    expect(activeTimeUpdate(T0, seconds(15))).toEqual({ lastActiveAt: seconds(15), activeSeconds: { increment: 15 } });
    expect(activeTimeUpdate(T0, new Date(T0.getTime() + 15_900))).toEqual({
      lastActiveAt: new Date(T0.getTime() + 15_900),
      activeSeconds: { increment: 15 },
    });
    expect(activeTimeUpdate(T0, seconds(MAX_GAP_SECONDS))).toEqual({
      lastActiveAt: seconds(MAX_GAP_SECONDS),
      activeSeconds: { increment: MAX_GAP_SECONDS },
    });
  });

  it("adds nothing for a longer gap, a clock that went back, or no time at all, but restarts the clock", () => {
    expect(MAX_GAP_SECONDS).toBe(60);
    expect(activeTimeUpdate(T0, seconds(61))).toEqual({ lastActiveAt: seconds(61) });
    expect(activeTimeUpdate(T0, seconds(8 * 3600))).toEqual({ lastActiveAt: seconds(8 * 3600) });
    expect(activeTimeUpdate(seconds(30), T0)).toEqual({ lastActiveAt: T0 });
    expect(activeTimeUpdate(T0, T0)).toEqual({ lastActiveAt: T0 });
  });
});

describe("recordActivity", () => {
  async function seedAndOpen() {
    await syncCourses(db(), [parsedModule({ slug: "basis", lessons: ["een", "twee"] })]);
    const userId = await createLearner(db());
    await openLesson(db(), {
      moduleSlug: "basis",
      lessonSlug: "een",
      locale: "nl",
      userId,
      now: T0,
      events: learningEvents,
    });
    return userId;
  }

  const beat = (userId: string, at: number, lessonSlug = "een") =>
    recordActivity(db(), { userId, moduleSlug: "basis", lessonSlug, now: seconds(at) });

  it("accumulates heartbeats from the moment the lesson was opened", async () => {
    const userId = await seedAndOpen();
    expect(await beat(userId, 15)).toBe(15);
    expect(await beat(userId, 30)).toBe(30);
    expect(await beat(userId, 45)).toBe(45);
    const progress = await db().lessonProgress.findUniqueOrThrow({
      where: { userId_lessonId: { userId, lessonId: "basis/een" } },
    });
    expect(progress).toMatchObject({ activeSeconds: 45, lastActiveAt: seconds(45), lastSeenAt: seconds(45) });
  });

  it("counts nothing for a gap over a minute, then counts again from there", async () => {
    const userId = await seedAndOpen();
    expect(await beat(userId, 15)).toBe(15);
    expect(await beat(userId, 15 + 61)).toBe(15);
    expect(await beat(userId, 15 + 61 + 15)).toBe(30);
  });

  it("restarts the clock when the lesson is opened again, without adding the time away", async () => {
    const userId = await seedAndOpen();
    await beat(userId, 15);
    // A reload of the lesson being read writes nothing; the page's opening time restarts the clock.
    const page = await openLesson(db(), {
      moduleSlug: "basis",
      lessonSlug: "een",
      locale: "nl",
      userId,
      now: seconds(50),
      events: learningEvents,
    });
    const openedAt = new Date(page!.openedAt);
    expect(
      await recordActivity(db(), { userId, moduleSlug: "basis", lessonSlug: "een", openedAt, now: seconds(65) }),
    ).toBe(30);
  });

  it("ignores an opening time in the future or before the stored clock start", async () => {
    const userId = await seedAndOpen();
    await beat(userId, 15);
    const at = (openedAt: number, now: number) =>
      recordActivity(db(), {
        userId,
        moduleSlug: "basis",
        lessonSlug: "een",
        openedAt: seconds(openedAt),
        now: seconds(now),
      });
    expect(await at(200, 30)).toBe(30);
    expect(await at(0, 45)).toBe(45);
  });

  it("returns null and writes nothing for a lesson the learner never opened", async () => {
    const userId = await seedAndOpen();
    expect(await beat(userId, 15, "twee")).toBeNull();
    expect(await beat(userId, 15, "bestaat-niet")).toBeNull();
    const other = await createLearner(db(), "Ander");
    expect(await beat(other, 15)).toBeNull();
    expect(await db().lessonProgress.count()).toBe(1);
  });
});
