import { randomUUID } from "node:crypto";

import { expect, test, type Page } from "@playwright/test";

import { expectAccessible } from "./support/a11y";
import { postForm } from "./support/assessment";
import { logIn } from "./support/auth";
import { createTestUser, e2eDb, type TestUser } from "./support/db";

/*
 * Plain language (issue 18, item 6): the browser's language for anonymous visitors, one way of
 * writing dates, and date fields that take the Dutch dd-mm-jjjj.
 */

async function logInAs(page: Page, user: TestUser) {
  await logIn(page, user);
  await expect(page).not.toHaveURL(/\/inloggen/);
}

const BASICS = { id: "sekswerk-en-stigma-de-basis", nl: "Sekswerk en stigma: de basis" };
const DUTCH_HOME = "Leer in een half uur hoe je stigma voorkomt";
const ENGLISH_HOME = "Learn in half an hour how to avoid stigma";

test.describe("an English browser", () => {
  test.use({ locale: "en-US" });

  test("sees the home page in English until the visitor chooses Dutch", async ({ page }) => {
    await page.goto("/");
    await expect(page.locator("html")).toHaveAttribute("lang", "en");
    await expect(page.getByRole("heading", { level: 1, name: ENGLISH_HOME })).toBeVisible();
    await expect(page.getByRole("link", { name: "Log in" })).toBeVisible();
    await expectAccessible(page);

    // The choice is kept in a cookie and wins over the browser's preference from then on.
    await page.getByRole("button", { name: "Nederlands" }).click();
    await expect(page.locator("html")).toHaveAttribute("lang", "nl");
    await page.goto("/modules");
    await expect(page.locator("html")).toHaveAttribute("lang", "nl");
    await expect(page.getByRole("link", { name: "Inloggen" })).toBeVisible();
  });

  test("does not override the language on a learner's account", async ({ page }) => {
    const learner = await createTestUser({ locale: "nl" });
    await page.goto("/inloggen");
    await page.getByLabel("Email address").fill(learner.email);
    await page.getByLabel("Password", { exact: true }).fill(learner.password);
    await page.getByRole("button", { name: "Log in", exact: true }).click();
    await expect(page.getByRole("heading", { level: 1, name: "Mijn leren" })).toBeVisible();
    await expect(page.locator("html")).toHaveAttribute("lang", "nl");
  });
});

test.describe("a Dutch browser", () => {
  test.use({ locale: "nl-NL" });

  test("sees the home page in Dutch", async ({ page }) => {
    await page.goto("/");
    await expect(page.locator("html")).toHaveAttribute("lang", "nl");
    await expect(page.getByRole("heading", { level: 1, name: DUTCH_HOME })).toBeVisible();
  });
});

test("the browser's q-values decide between Dutch and English", async ({ request }) => {
  for (const [header, lang] of [
    ["de-DE,en;q=0.8,nl;q=0.5", "en"],
    ["fr-FR,nl;q=0.9,en;q=0.8", "nl"],
    ["nl;q=0.2,en-GB;q=0.7", "en"],
    ["de-DE", "nl"],
  ] as const) {
    const response = await request.get("/", { headers: { "Accept-Language": header } });
    expect(await response.text(), header).toContain(`<html lang="${lang}"`);
  }
});

test("a trainer types a deadline the Dutch way; learners read it as a date in words", async ({ page, browser }) => {
  const organisation = await e2eDb().organisation.create({
    data: { name: `E2E Datum ${randomUUID().slice(0, 8)}`, sector: "bank" },
  });
  const trainer = await createTestUser({ role: "trainer", name: "Tara Trainer" });
  await e2eDb().organisationTrainer.create({ data: { organisationId: organisation.id, userId: trainer.id } });
  const year = new Date().getUTCFullYear() + 1;
  const cohortName = `${organisation.name} — datum`;

  await logInAs(page, trainer);
  await page.goto("/beheer/cohorten/nieuw");
  await page.getByLabel("Naam van het cohort").fill(cohortName);
  await page.getByLabel(BASICS.nl).check();
  const deadline = page.getByLabel(/^Deadline/);
  await expect(deadline).toHaveAttribute("type", "text");

  // A day that does not exist: a message in Dutch, and no cohort.
  await deadline.fill(`31-02-${year}`);
  await page.getByRole("button", { name: "Cohort aanmaken" }).click();
  await expect(page.getByText("Vul een datum in die bestaat, als dd-mm-jjjj")).toBeVisible();
  await expect(deadline).toHaveAttribute("aria-invalid", "true");
  await expectAccessible(page);
  expect(await e2eDb().cohort.count({ where: { name: cohortName } })).toBe(0);

  // Without JavaScript's help the server answers the same with a 400, in the trainer's language.
  const refused = await postForm(
    page,
    "/beheer/cohorten/nieuw",
    new URLSearchParams([
      ["name", cohortName],
      ["organisationId", organisation.id],
      ["modules", BASICS.id],
      ["deadline", `31-02-${year}`],
    ]),
  );
  expect(refused.status()).toBe(400);
  expect(await e2eDb().cohort.count({ where: { name: cohortName } })).toBe(0);

  await deadline.fill(`5-3-${year}`);
  await page.getByRole("button", { name: "Cohort aanmaken" }).click();
  await expect(page.getByRole("status")).toContainText("Het cohort is aangemaakt.");
  await expect(page.getByText(`5 maart ${year}`)).toBeVisible();
  const cohort = await e2eDb().cohort.findFirstOrThrow({ where: { name: cohortName } });
  // The whole day counts: the last millisecond of 5 March in Amsterdam (winter time, UTC+1).
  expect(cohort.deadline?.toISOString()).toBe(`${year}-03-05T22:59:59.999Z`);

  // The learner's words: "groep" and "uiterste datum", never "cohort" or "deadline".
  const learner = await createTestUser({ name: "Lotte Leerling" });
  const context = await browser.newContext();
  const learnerPage = await context.newPage();
  await logInAs(learnerPage, learner);
  await learnerPage.goto(`/deelnemen/${cohort.joinCode}`);
  await expect(learnerPage.getByText("Uiterste datum")).toBeVisible();
  await expect(learnerPage.getByText(`5 maart ${year}`)).toBeVisible();
  await learnerPage.getByRole("button", { name: "Ja, ik doe mee" }).click();
  await expect(learnerPage.getByRole("heading", { level: 2, name: "Mijn groepen" })).toBeVisible();
  await expect(learnerPage.getByText(`Uiterste datum: 5 maart ${year}`)).toBeVisible();
  await expect(learnerPage.locator("main")).not.toContainText(/cohort|deadline/i);
  await context.close();
});

test("date filters take dd-mm-jjjj and refuse a day that does not exist with a 400", async ({ page }) => {
  const admin = await createTestUser({ role: "admin", name: "Ada Datum" });
  await logInAs(page, admin);

  const found = await page.goto("/beheer/certificaten?from=1-1-2020&to=31-12-2099");
  expect(found?.status()).toBe(200);
  await expect(page.getByLabel("Afgerond vanaf")).toHaveValue("1-1-2020");
  await expect(page.getByText("Deze periode klopt niet.")).toHaveCount(0);

  const refused = await page.goto("/beheer/certificaten?from=31-02-2026");
  expect(refused?.status()).toBe(400);
  await expect(page.getByText("Deze periode klopt niet. Vul datums in die bestaan (dd-mm-jjjj)")).toBeVisible();
  await expectAccessible(page);

  // The attendance export fills in its period the way it asks for it.
  await page.goto("/beheer/presentie");
  await expect(page.getByLabel("Afgerond vanaf")).toHaveValue(/^\d{2}-\d{2}-\d{4}$/);
  await expect(page.getByLabel("Afgerond tot en met")).toHaveValue(/^\d{2}-\d{2}-\d{4}$/);
  const badPeriod = await page.goto(`/beheer/presentie?module=${BASICS.id}&register=vvn&from=31-02-2026&to=31-03-2026`);
  expect(badPeriod?.status()).toBe(400);
  await expect(page.getByText("Vul een datum in die bestaat, als dd-mm-jjjj")).toBeVisible();
});

test("in English the date messages are English too", async ({ page }) => {
  const admin = await createTestUser({ role: "admin", name: "Ada Date", locale: "en" });
  await logInAs(page, admin);
  const refused = await page.goto("/beheer/certificaten?to=30-02-2026");
  expect(refused?.status()).toBe(400);
  await expect(page.getByText("This period is not right. Enter dates that exist (dd-mm-yyyy)")).toBeVisible();
});
