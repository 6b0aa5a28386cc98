import fs from "node:fs/promises";
import path from "node:path";

import { expect, test, type BrowserContext, type Page } from "@playwright/test";

import { ANSWER_FIELD_PREFIX } from "~/assessment/view";
import { loadCourses } from "~/content/load.server";
import type { ParsedModule } from "~/content/types";
import { nl as quizNl } from "~/i18n/messages/quiz";
import { scormExportPath } from "~/scorm/export/request";
import { SCORM_VERSIONS, type ScormVersion } from "~/scorm/export/runtime/package-data";

import { logIn } from "./support/auth";
import { createTestUser, e2eDb, type TestUser } from "./support/db";
import {
  postScormZip,
  publishScormModule,
  removeScormModules,
  uploadScormZip,
  zipEntryNames,
  zipEntryText,
} from "./support/scorm";

/*
 * The SCORM round trip: every Markdown module is exported in both SCORM versions from the admin's
 * export page, each package is imported back as a SCORM module, and a learner plays two of them
 * in the player (the package's own lessons and assessment inside the iframe, scorm-again in the
 * page) to the certificate. The tests share the imported modules, so they run in order.
 */
test.describe.configure({ mode: "serial" });

/** Imported module ids, per Markdown module id and SCORM version. */
const imported = new Map<string, Partial<Record<ScormVersion, string>>>();
let shipped: { id: string; title: string }[] = [];
let courses: ParsedModule[] = [];

test.beforeAll(async () => {
  courses = (await loadCourses(path.resolve("courses"))).modules;
});

// The e2e database and package folder outlive this file: remove everything it imported.
test.afterAll(async () => {
  await removeScormModules([...imported.values()].flatMap((ids) => Object.values(ids)));
});

async function logInAndWait(page: Page, user: TestUser) {
  await logIn(page, user);
  await expect(page).toHaveURL(/\/mijn-leren$/);
}

const versionInFileName = { "1.2": "scorm12", "2004": "scorm2004" } as const;
const schemaVersion = { "1.2": "1.2", "2004": "2004 4th Edition" } as const;
const storedVersion = { "1.2": "1.2", "2004": "2004-4th" } as const;

/** A downloaded export is a SCORM ZIP of the declared version with the package's files. */
async function expectExportZip(zip: Buffer, version: ScormVersion) {
  expect(zip.subarray(0, 4)).toEqual(Buffer.from([0x50, 0x4b, 0x03, 0x04]));
  const names = await zipEntryNames(zip);
  expect(names).toEqual(
    expect.arrayContaining(["imsmanifest.xml", "index.html", "assets/package-data.js", "assets/runtime.js"]),
  );
  expect(await zipEntryText(zip, "imsmanifest.xml")).toContain(
    `<schemaversion>${schemaVersion[version]}</schemaversion>`,
  );
}

test("an admin exports every module in both SCORM versions and imports each package back", async ({ page }) => {
  test.setTimeout(150_000);
  const admin = await createTestUser({ role: "admin", name: "Bea Beheerder" });
  await logInAndWait(page, admin);

  const modules = await e2eDb().module.findMany({
    where: { kind: "markdown", archived: false },
    orderBy: { position: "asc" },
    select: { id: true, locales: { where: { locale: "nl" }, select: { title: true } } },
  });
  shipped = modules.map((module) => ({ id: module.id, title: module.locales[0]?.title ?? module.id }));
  expect(shipped.length).toBeGreaterThan(0);

  await page.goto("/beheer/export");
  await expect(page.getByRole("heading", { level: 1, name: "SCORM-export" })).toBeVisible();

  let first = true;
  for (const module of shipped) {
    for (const version of SCORM_VERSIONS) {
      const link = page.getByRole("link", { name: `${module.title}: SCORM ${version} in het Nederlands`, exact: true });
      await expect(link).toHaveAttribute("href", scormExportPath(module.id, version, "nl"));
      const fileName = `stigmavrij-${module.id}-${versionInFileName[version]}-nl.zip`;

      let zip: Buffer;
      if (first) {
        // One real download through the link, then the same URL by request for speed.
        const download = page.waitForEvent("download");
        await link.click();
        const file = await download;
        expect(file.suggestedFilename()).toBe(fileName);
        zip = await fs.readFile(await file.path());
      } else {
        const response = await page.request.get((await link.getAttribute("href"))!);
        expect(response.status(), fileName).toBe(200);
        expect(response.headers()["content-type"]).toBe("application/zip");
        expect(response.headers()["content-disposition"]).toBe(`attachment; filename="${fileName}"`);
        zip = await response.body();
      }
      await expectExportZip(zip, version);

      // The first import through the upload form, the others by the request the form makes.
      const moduleId = first ? await uploadScormZip(page, fileName, zip) : await postScormZip(page, fileName, zip);
      if (first) {
        await expect(page.getByRole("status").filter({ hasText: "Het pakket is geïmporteerd" })).toBeVisible();
        await expect(page.getByText("SCORM 1.2", { exact: true })).toBeVisible();
        await page.goto("/beheer/export");
        first = false;
      }
      imported.set(module.id, { ...imported.get(module.id), [version]: moduleId });

      const row = await e2eDb().module.findUniqueOrThrow({
        where: { id: moduleId },
        select: {
          kind: true,
          archived: true,
          draft: true,
          locales: { select: { locale: true, title: true } },
          scormPackage: { select: { version: true, scos: { select: { launch: true, scormType: true } } } },
        },
      });
      expect(row, `${fileName} → ${moduleId}`).toMatchObject({
        kind: "scorm",
        // Imported as a draft, in the language of the (Dutch) export only.
        archived: true,
        draft: true,
        locales: [{ locale: "nl", title: module.title }],
        scormPackage: { version: storedVersion[version], scos: [{ launch: "index.html", scormType: "sco" }] },
      });
    }
  }

  // The imports are SCORM modules now: listed on the SCORM page, not offered for export.
  await page.goto("/beheer/scorm");
  const table = page.getByRole("table", { name: "Geïmporteerde SCORM-pakketten" });
  await expect(table.getByRole("row")).toHaveCount(shipped.length * SCORM_VERSIONS.length + 1);
  await page.goto("/beheer/export");
  await expect(page.getByRole("link", { name: /: SCORM 1\.2 in het Nederlands$/ })).toHaveCount(shipped.length);
});

/** The SCO's document inside the player. */
const sco = (page: Page) => page.frameLocator("iframe.scorm-frame");

const ENTRY = { "1.2": "cmi.core.entry", "2004": "cmi.entry" } as const;
const EXIT = { "1.2": "cmi.core.exit", "2004": "cmi.exit" } as const;
const LOCATION = { "1.2": "cmi.core.lesson_location", "2004": "cmi.location" } as const;
const SESSION_TIME = { "1.2": "cmi.core.session_time", "2004": "cmi.session_time" } as const;
/** Not stored yet, or scorm-again's initial value that its commits carry until the SCO sets the time. */
const UNTIMED_SESSION = { "1.2": /^(00:00:00)?$/, "2004": /^(PT0H0M0S)?$/ } as const;

/**
 * The package shows the page: its contents entry is marked current (done by the package's script,
 * so the script has started and initialized the API) and its heading is the one visible.
 */
async function expectShownPage(page: Page, contentsEntry: string, heading = contentsEntry) {
  const contents = sco(page).getByRole("navigation", { name: "Inhoud van de module" });
  await expect(contents.getByRole("link", { name: contentsEntry, exact: true })).toHaveAttribute(
    "aria-current",
    "page",
  );
  await expect(sco(page).getByRole("heading", { level: 1 })).toHaveText(heading);
}

/** The run-time API scorm-again puts in the player page, read as the SCO would. */
function lmsValue(page: Page, version: ScormVersion, element: string): Promise<string> {
  return page.evaluate(
    ([v, name]) => {
      const api = window as unknown as {
        API?: { LMSGetValue(e: string): string };
        API_1484_11?: { GetValue(e: string): string };
      };
      return v === "1.2" ? api.API!.LMSGetValue(name) : api.API_1484_11!.GetValue(name);
    },
    [version, element] as const,
  );
}

async function storedAttempt(userId: string, moduleId: string) {
  const attempt = await e2eDb().scormAttempt.findFirst({ where: { userId, sco: { package: { moduleId } } } });
  return attempt ? { ...attempt, cmi: JSON.parse(attempt.cmi) as Record<string, string> } : null;
}

/** Ticks the right options of every drawn question, with the answer key from the course's quiz.yaml. */
async function answerCorrectly(page: Page, course: ParsedModule) {
  const questions = new Map(course.assessment!.questions.map((question) => [question.id, question]));
  const fieldsets = sco(page).locator("#assessment-area fieldset");
  const count = await fieldsets.count();
  expect(count).toBe(course.assessment!.draw);
  for (let index = 0; index < count; index += 1) {
    const fieldset = fieldsets.nth(index);
    const name = (await fieldset.locator("input").first().getAttribute("name"))!;
    const question = questions.get(name.slice(ANSWER_FIELD_PREFIX.length));
    expect(question, name).toBeDefined();
    await expect(fieldset.locator("legend")).toContainText(question!.text.nl!);
    for (const [authored, option] of question!.options.entries()) {
      if (!option.correct) continue;
      const label = option.text?.nl ?? (authored === 0 ? quizNl["quiz.true"] : quizNl["quiz.false"]);
      await fieldset.getByLabel(label, { exact: true }).check();
    }
  }
}

/**
 * A learner plays the imported export of `courseId` in `version`: reads the first two lessons,
 * closes the tab, comes back where they were, reads the rest, passes the assessment and gets the
 * certificate; the platform's records are checked along the way.
 */
async function playToCertificate(page: Page, context: BrowserContext, courseId: string, version: ScormVersion) {
  const course = courses.find((candidate) => candidate.slug === courseId)!;
  const moduleId = imported.get(courseId)![version]!;
  await publishScormModule(moduleId);
  const title = course.locales.nl!.title;
  const lessons = course.lessons.map((lesson) => ({
    pageId: `lesson-${lesson.slug}`,
    title: lesson.locales.nl!.title,
  }));
  expect(lessons.length).toBeGreaterThan(2);
  const learner = await createTestUser({ name: "Lotte Leerling" });
  await logInAndWait(page, learner);

  await page.goto(`/modules/${moduleId}`);
  await page.getByRole("link", { name: "Begin met de module" }).click();
  await expect(page).toHaveURL(new RegExp(`/modules/${moduleId}/speler/`));
  // Every section is visible until the package's script runs; then only the current one is.
  await expectShownPage(page, "Introductie", title);
  expect(await lmsValue(page, version, ENTRY[version])).toBe("ab-initio");

  await sco(page).getByRole("link", { name: "Begin met de eerste les" }).click();
  await expectShownPage(page, lessons[0]!.title);
  await sco(page).getByRole("link", { name: "Volgende les" }).click();
  await expectShownPage(page, lessons[1]!.title);
  await expect
    .poll(async () => (await storedAttempt(learner.id, moduleId))?.cmi[LOCATION[version]])
    .toBe(lessons[1]!.pageId);

  // Closing the tab mid-way: the package ends its session (exit = suspend, its session time) on
  // pagehide, and the player sends that by beacon. Wait for it before coming back.
  await page.close({ runBeforeUnload: true });
  await expect
    .poll(async () => (await storedAttempt(learner.id, moduleId))?.cmi[SESSION_TIME[version]] ?? "", {
      message: "the terminate commit of the closed tab",
    })
    .not.toMatch(UNTIMED_SESSION[version]);
  const closed = (await storedAttempt(learner.id, moduleId))!;
  expect(closed.suspended).toBe(true);
  expect(closed.cmi).toMatchObject({ [EXIT[version]]: "suspend", [LOCATION[version]]: lessons[1]!.pageId });

  // Back again: the package resumes on the lesson where the learner was, lessons read still read.
  const player = await context.newPage();
  await player.goto(`/modules/${moduleId}`);
  await player.getByRole("link", { name: "Ga verder" }).click();
  await expectShownPage(player, lessons[1]!.title);
  expect(await lmsValue(player, version, ENTRY[version])).toBe("resume");
  await expect(sco(player).locator(`[data-visited-for="${lessons[0]!.pageId}"]`)).toBeVisible();
  await expect(sco(player).locator(`[data-visited-for="${lessons[2]!.pageId}"]`)).toBeHidden();

  for (const lesson of lessons.slice(2)) {
    await sco(player).getByRole("link", { name: "Volgende les" }).click();
    await expectShownPage(player, lesson.title);
  }
  await sco(player).getByRole("link", { name: "Naar de toets" }).click();
  await sco(player).getByRole("button", { name: "Begin de toets" }).click();
  await expect(
    sco(player).getByRole("heading", { name: `Poging 1 van ${course.assessment!.maxAttempts}` }),
  ).toBeVisible();
  await answerCorrectly(player, course);
  await sco(player).getByRole("button", { name: "Lever de toets in" }).click();

  await expect(sco(player).getByRole("heading", { name: "Resultaat van poging 1" })).toBeVisible();
  await expect(sco(player).getByText("Gefeliciteerd, je bent geslaagd!")).toBeVisible();
  await expect(player.getByRole("status").filter({ hasText: "Status van dit onderdeel: Gehaald" })).toBeVisible();
  await expect(player.getByText("Je hebt de module afgerond. Je certificaat staat klaar.")).toBeVisible();

  const attempt = (await storedAttempt(learner.id, moduleId))!;
  expect(attempt).toMatchObject({ completion: "completed", success: "passed", scoreRaw: 100, scoreScaled: 1 });
  expect(attempt.cmi[version === "1.2" ? "cmi.core.lesson_status" : "cmi.success_status"]).toBe("passed");
  // Per-question interactions reach the LMS, one per drawn question of the attempt.
  const drawn = course.assessment!.draw;
  expect(attempt.cmi[`cmi.interactions.${drawn - 1}.result`]).toBe("correct");
  expect(attempt.cmi[`cmi.interactions.${drawn}.id`]).toBeUndefined();
  const completion = await e2eDb().moduleCompletion.findFirstOrThrow({ where: { userId: learner.id, moduleId } });
  expect(completion.percent).toBe(100);
  expect(await e2eDb().certificate.count({ where: { userId: learner.id, moduleId } })).toBe(1);

  await player.getByRole("link", { name: "Naar mijn certificaten" }).click();
  await expect(player).toHaveURL(/\/mijn-certificaten$/);
  await expect(player.getByText(title).first()).toBeVisible();
}

test("a learner plays the SCORM 1.2 export, closes the tab, resumes and earns the certificate", async ({
  page,
  context,
}) => {
  await playToCertificate(page, context, shipped[0]!.id, "1.2");
});

test("a learner plays the SCORM 2004 export of another module to the certificate, resuming on the way", async ({
  page,
  context,
}) => {
  await playToCertificate(page, context, shipped.at(-1)!.id, "2004");
});
