import { randomUUID } from "node:crypto";

import { expect, test } from "@playwright/test";

import { rebuildCohortReports } from "~/reports/refresh.server";

import { expectAccessible } from "./support/a11y";
import { BASICS } from "./support/assessment";
import { logIn } from "./support/auth";
import { completeBasics } from "./support/certificates";
import { createTestUser, e2eDb } from "./support/db";

/*
 * A learner completes the first module and evaluates it; with five more evaluations and
 * measured reading times seeded in the database, an administrator sees the evaluation figures on
 * the dashboard and the study load there and on the accreditation page.
 */

test("a learner evaluates a completed module and an administrator sees the figures and the study load", async ({
  page,
  browser,
}) => {
  test.setTimeout(180_000);
  const db = e2eDb();
  const tag = randomUUID().slice(0, 6);
  const organisation = await db.organisation.create({
    data: { name: `Evaluatiebank ${tag}`, sector: "bank" },
    select: { id: true },
  });
  const learner = await createTestUser({ name: "Lerende Evaluatie" });
  const others = await Promise.all(Array.from({ length: 5 }, (_, i) => createTestUser({ name: `Collega ${i + 1}` })));
  const cohort = await db.cohort.create({
    data: {
      organisationId: organisation.id,
      name: `Evaluatiecohort ${tag}`,
      joinCode: randomUUID().replace(/-/g, "").slice(0, 8).toUpperCase(),
      modules: { create: [{ moduleId: BASICS.slug, position: 0 }] },
      members: { create: [learner, ...others].map((user) => ({ userId: user.id })) },
    },
    select: { id: true },
  });
  const lesson = await db.lesson.findFirstOrThrow({
    where: { moduleId: BASICS.slug, archived: false },
    orderBy: { position: "asc" },
  });
  const module = await db.module.findUniqueOrThrow({ where: { id: BASICS.slug }, select: { contentHash: true } });
  const now = new Date();
  for (const [index, other] of others.entries()) {
    await db.moduleCompletion.create({
      data: { userId: other.id, moduleId: BASICS.slug, completedAt: now, contentHash: module.contentHash },
    });
    await db.lessonProgress.create({
      data: {
        userId: other.id,
        lessonId: lesson.id,
        contentHash: lesson.contentHash,
        completedAt: now,
        activeSeconds: (20 + index) * 60,
      },
    });
    await db.moduleEvaluation.create({
      data: {
        userId: other.id,
        moduleId: BASICS.slug,
        relevance: 4,
        objectivesMet: 4,
        quality: 5,
        independent: 5,
        minutesSpent: 25,
        comment: `Opmerking ${index + 1}`,
        submittedAt: now,
        month: Number(now.toISOString().slice(0, 7).replace("-", "")),
      },
    });
  }
  await rebuildCohortReports(db, { cohortIds: [cohort.id], now });

  // The learner completes the module through the forms, then evaluates it.
  await completeBasics(page, learner);
  // Skipping the attitude survey after completion leads on to the evaluation.
  await page.getByRole("link", { name: "Vragenlijst invullen" }).click();
  await page.getByRole("button", { name: "Overslaan" }).click();
  await expect(page).toHaveURL(new RegExp(`/modules/${BASICS.slug}/evaluatie$`));
  await expect(page.getByRole("heading", { level: 1, name: "Evalueer deze module" })).toBeVisible();
  await expectAccessible(page);
  for (const statement of ["relevant voor mijn werk", "leerdoelen", "goede kwaliteit", "commerciële beïnvloeding"]) {
    await page
      .getByRole("group", { name: new RegExp(statement) })
      .getByLabel("Helemaal eens")
      .check();
  }
  await page.getByLabel("Hoeveel minuten heb je in totaal aan deze module besteed?").fill("30");
  await page.getByLabel(/Wil je nog iets kwijt/).fill("Duidelijke voorbeelden.");
  await page.getByRole("button", { name: "Verstuur de evaluatie" }).click();
  await expect(page).toHaveURL(new RegExp(`/modules/${BASICS.slug}\\?afgerond=1$`));
  await expect(page.getByRole("heading", { level: 2, name: "Over deze module" })).toBeVisible();
  await expectAccessible(page);
  const stored = await db.moduleEvaluation.findUniqueOrThrow({
    where: { userId_moduleId: { userId: learner.id, moduleId: BASICS.slug } },
  });
  expect(stored).toMatchObject({ relevance: 5, minutesSpent: 30, comment: "Duidelijke voorbeelden." });

  // A tampered post is refused and changes nothing.
  const tampered = await page.request.post(`/modules/${BASICS.slug}/evaluatie`, {
    form: { intent: "submit", relevance: "9", objectivesMet: "5", quality: "5", independent: "5", minutesSpent: "30" },
    headers: { Origin: new URL(page.url()).origin },
  });
  expect(tampered.status()).toBe(400);
  expect(
    (
      await db.moduleEvaluation.findUniqueOrThrow({
        where: { userId_moduleId: { userId: learner.id, moduleId: BASICS.slug } },
      })
    ).relevance,
  ).toBe(5);

  // An administrator (Dutch) sees the evaluation figures, comments without names and the study load.
  const admin = await createTestUser({ role: "admin", name: "Beheerder Evaluatie" });
  const adminContext = await browser.newContext();
  const adminPage = await adminContext.newPage();
  await logIn(adminPage, admin);
  await expect(adminPage).toHaveURL(/\/mijn-leren$/);
  await adminPage.goto(`/beheer/dashboard/evaluatie?cohort=${cohort.id}`);
  const evaluationTable = adminPage.getByRole("table", { name: "Evaluatie door deelnemers" });
  await expect(evaluationTable.getByRole("row", { name: /De module is relevant voor mijn werk\. 6/ })).toBeVisible();
  await expect(adminPage.getByText("Duidelijke voorbeelden.")).toBeVisible();
  await expect(adminPage.getByText("Lerende Evaluatie")).toHaveCount(0);
  await expectAccessible(adminPage);

  await adminPage.goto(`/beheer/dashboard/studielast?cohort=${cohort.id}`);
  const studyTable = adminPage.getByRole("table", { name: "Studiebelasting en bestede tijd per module" });
  await expect(studyTable.getByRole("row", { name: /Gemeten actieve leestijd/ })).not.toContainText(
    "te weinig deelnemers",
  );
  await expect(adminPage.getByRole("img", { name: /Bestede tijd per module/ })).toBeVisible();
  await expectAccessible(adminPage);

  await adminPage.goto(`/beheer/accreditatie/${BASICS.slug}`);
  await expect(adminPage.getByRole("heading", { level: 2, name: "Gemeten bestede tijd" })).toBeVisible();
  await expect(adminPage.getByRole("table", { name: "Studiebelasting en bestede tijd per module" })).toBeVisible();
  await expectAccessible(adminPage);
  await adminContext.close();

  // The same pages in English.
  const englishAdmin = await createTestUser({ role: "admin", locale: "en", name: "Admin Evaluation" });
  const englishContext = await browser.newContext();
  const englishPage = await englishContext.newPage();
  await logIn(englishPage, englishAdmin);
  await expect(englishPage).toHaveURL(/\/mijn-leren$/);
  await englishPage.goto(`/beheer/dashboard/evaluatie?cohort=${cohort.id}`);
  await expect(englishPage.getByRole("table", { name: "Evaluation by participants" })).toBeVisible();
  await expectAccessible(englishPage);
  await englishPage.goto(`/beheer/accreditatie/${BASICS.slug}`);
  await expect(englishPage.getByRole("heading", { level: 2, name: "Measured time spent" })).toBeVisible();
  await expectAccessible(englishPage);
  await englishPage.goto(`/modules/${BASICS.slug}`);
  await expect(englishPage.getByRole("heading", { level: 2, name: "About this module" })).toBeVisible();
  await expectAccessible(englishPage);
  await englishContext.close();
});
