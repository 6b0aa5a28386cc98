import { randomUUID } from "node:crypto";
import { readFile } from "node:fs/promises";

import { expect, test, type Browser, type Page } from "@playwright/test";

import { expectAccessible } from "./support/a11y";
import { logIn } from "./support/auth";
import { completeBasics } from "./support/certificates";
import { createTestUser, e2eDb, type TestUser } from "./support/db";

/*
 * A trainer runs a cohort from creation to export in English: creates it through the form,
 * five learners join with the link and confirm, one completes the first module, and the trainer
 * follows the cohort's dashboard link, sees the figures and downloads them as CSV. (The Dutch
 * side of each step is covered in cohorts.spec.ts and dashboard.spec.ts.)
 */

const BASICS_EN = "Sex work and stigma: the basics";

async function joinWithLink(browser: Browser, learner: TestUser, code: string) {
  const context = await browser.newContext();
  const page = await context.newPage();
  await logIn(page, learner, `/inloggen?redirectTo=${encodeURIComponent(`/deelnemen/${code}`)}`);
  await expect(page).toHaveURL(new RegExp(`/deelnemen/${code}$`));
  await page.getByRole("button", { name: "Ja, ik doe mee" }).click();
  await expect(page).toHaveURL(/\/mijn-leren/);
  await context.close();
}

function total(page: Page, figure: string) {
  return page
    .getByRole("table", { name: "Totals of the selection" })
    .locator("tr", { has: page.locator(`th:text-is("${figure}")`) })
    .locator("td");
}

test("a trainer runs a cohort from creation to CSV export, in English", async ({ page, browser }) => {
  const organisation = await e2eDb().organisation.create({
    data: { name: `Export Bank ${randomUUID().slice(0, 6)}`, sector: "bank" },
  });
  const trainer = await createTestUser({ role: "trainer", locale: "en", name: "Terry Trainer" });
  await e2eDb().organisationTrainer.create({ data: { organisationId: organisation.id, userId: trainer.id } });
  const learners = await Promise.all(
    Array.from({ length: 5 }, (_, i) => createTestUser({ name: `Exportdeelnemer ${i + 1}` })),
  );
  const cohortName = `${organisation.name} — Utrecht region — March`;

  await logIn(page, trainer);
  await expect(page).not.toHaveURL(/\/inloggen/);
  await page.goto("/beheer/cohorten/nieuw");
  await expect(page.getByRole("heading", { level: 1, name: "New cohort" })).toBeVisible();
  await page.getByLabel("Cohort name").fill(cohortName);
  await page.getByLabel(BASICS_EN).check();
  await page.getByRole("button", { name: "Create cohort" }).click();
  await expect(page.getByRole("status")).toContainText("The cohort has been created.");
  const code = ((await page.locator(".share-box .join-code").textContent()) ?? "").replace("-", "");
  expect(code).toHaveLength(8);
  const cohortPath = new URL(page.url()).pathname;

  for (const learner of learners) await joinWithLink(browser, learner, code);
  const learnerContext = await browser.newContext();
  await completeBasics(await learnerContext.newPage(), learners[0] as TestUser);
  await learnerContext.close();

  // The cohort page lists all five by name, then links to the cohort's dashboard.
  await page.goto(cohortPath);
  for (const learner of learners)
    await expect(
      page
        .getByRole("cell", { name: learner.name, exact: true })
        .or(page.getByRole("rowheader", { name: learner.name, exact: true })),
    ).toBeVisible();
  await page.getByRole("link", { name: "This cohort's figures on the dashboard" }).click();
  await expect(page).toHaveURL(/\/beheer\/dashboard\?cohort=/);
  await expect(total(page, "Enrolled")).toHaveText("5");
  await expect(total(page, "Started")).toHaveText("1");
  await expect(total(page, "Completed")).toHaveText("1");
  await expect(total(page, "Completion rate")).toHaveText("20%");
  await expectAccessible(page);

  const [download] = await Promise.all([
    page.waitForEvent("download"),
    page.getByRole("link", { name: "CSV of the table: Totals of the selection" }).click(),
  ]);
  const file = await download.path();
  if (!file) throw new Error(`download failed: ${await download.failure()}`);
  const csv = await readFile(file, "utf8");
  expect(
    csv.startsWith(
      "\uFEFFFigure,Value\r\nEnrolled,5\r\nStarted,1\r\nCompleted,1\r\nPassed,1\r\nCompletion rate (%),20\r\n",
    ),
  ).toBe(true);
  // Names never reach the aggregated export.
  for (const learner of learners) expect(csv).not.toContain(learner.name);
});
