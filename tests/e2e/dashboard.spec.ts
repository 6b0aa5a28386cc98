import { randomUUID } from "node:crypto";

import { expect, test, type Page } from "@playwright/test";

import { rebuildCohortReports } from "~/reports/refresh.server";

import { expectAccessible } from "./support/a11y";
import { BASICS } from "./support/assessment";
import { logIn } from "./support/auth";
import { completeBasics } from "./support/certificates";
import { createTestUser, e2eDb, type TestUser } from "./support/db";

/*
 * The trainer dashboard on real data: a cohort of six learners, one of whom completes the first
 * module through the forms; the trainer sees the numbers move, downloads the tables, and a
 * trainer of another organisation sees none of it.
 */

interface Arranged {
  organisation: { id: string; name: string };
  cohort: { id: string; name: string };
  trainer: TestUser;
  learners: TestUser[];
}

async function arrangeOrganisation(label: string, trainerLocale: "nl" | "en"): Promise<Arranged> {
  const db = e2eDb();
  const tag = randomUUID().slice(0, 6);
  const organisation = await db.organisation.create({
    data: { name: `${label} ${tag}`, sector: "bank" },
    select: { id: true, name: true },
  });
  const trainer = await createTestUser({ role: "trainer", locale: trainerLocale, name: `Trainer ${label}` });
  await db.organisationTrainer.create({ data: { organisationId: organisation.id, userId: trainer.id } });
  const learners = await Promise.all(
    Array.from({ length: 6 }, (_, i) => createTestUser({ name: `Deelnemer ${label} ${i + 1}` })),
  );
  const cohortName = `${label} — regio Utrecht — ${tag}`;
  const cohort = await db.cohort.create({
    data: {
      organisationId: organisation.id,
      name: cohortName,
      joinCode: randomUUID().replace(/-/g, "").slice(0, 8).toUpperCase(),
      modules: { create: [{ moduleId: BASICS.slug, position: 0 }] },
      members: { create: learners.map((learner) => ({ userId: learner.id })) },
    },
    select: { id: true },
  });
  // Members were inserted directly rather than through joining, so build their report rows once.
  await rebuildCohortReports(db, { cohortIds: [cohort.id], now: new Date() });
  return { organisation, cohort: { id: cohort.id, name: cohortName }, trainer, learners };
}

async function signIn(page: Page, user: TestUser) {
  await logIn(page, user);
  await expect(page).not.toHaveURL(/\/inloggen/);
}

/** The value next to a figure in the totals table. */
function total(page: Page, figure: string) {
  return page
    .getByRole("table", { name: /Totalen van de selectie|Totals of the selection/ })
    .locator("tr", { has: page.locator(`th:text-is("${figure}")`) })
    .locator("td");
}

let bank: Arranged;
let police: Arranged;

test.beforeAll(async () => {
  bank = await arrangeOrganisation("Dashboardbank", "nl");
  police = await arrangeOrganisation("Dashboardpolitie", "en");
});

test("a trainer sees the numbers move when a learner completes, and downloads them as CSV", async ({
  page,
  browser,
}) => {
  await signIn(page, bank.trainer);
  await page.goto(`/beheer/dashboard?cohort=${bank.cohort.id}&per=cohort`);
  await expect(page.getByRole("heading", { level: 1, name: "Dashboard" })).toBeVisible();
  await expect(total(page, "Ingeschreven")).toHaveText("6");
  await expect(total(page, "Afgerond")).toHaveText("0");
  await expect(total(page, "Percentage afgerond")).toHaveText("0%");

  const learnerContext = await browser.newContext();
  await completeBasics(await learnerContext.newPage(), bank.learners[0] as TestUser);
  await learnerContext.close();

  await page.reload();
  await expect(total(page, "Afgerond")).toHaveText("1");
  await expect(total(page, "Geslaagd")).toHaveText("1");
  await expect(total(page, "Gestart")).toHaveText("1");
  await expect(total(page, "Percentage afgerond")).toHaveText("16,7%");

  // The group row links to the cohort; the chart has a bar for it, named in its title.
  const groups = page.getByRole("table", { name: "Deelname en resultaten per cohort" });
  await expect(groups.getByRole("link", { name: bank.cohort.name })).toHaveAttribute(
    "href",
    `/beheer/cohorten/${bank.cohort.id}`,
  );
  await expect(page.getByRole("img", { name: "Percentage afgerond per cohort" })).toBeVisible();
  await expectAccessible(page);

  // CSV through the page's own link (semicolons for Dutch Excel).
  const [download] = await Promise.all([
    page.waitForEvent("download"),
    page
      .getByRole("link", { name: "CSV (Excel NL, puntkomma) van de tabel: Deelname en resultaten per cohort" })
      .click(),
  ]);
  expect(download.suggestedFilename()).toMatch(/^stigmavrij-dashboard-groepen-\d{4}-\d{2}-\d{2}\.csv$/);
  const bytes = await download.createReadStream().then(
    (stream) =>
      new Promise<Buffer>((resolve, reject) => {
        const chunks: Buffer[] = [];
        stream.on("data", (chunk: Buffer) => chunks.push(chunk));
        stream.on("end", () => resolve(Buffer.concat(chunks)));
        stream.on("error", reject);
      }),
  );
  expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
  const lines = bytes.toString("utf8").slice(1).split("\r\n");
  expect(lines[0]).toBe(
    "Cohort;Ingeschreven;Gestart;Afgerond;Geslaagd;Percentage afgerond (%);Gemiddelde score (%);Mediane tijd tot afronden (minuten);Niet afgerond na de deadline",
  );
  // One learner sat the assessment: too few for an average or a median.
  expect(lines[1]).toBe(`${bank.cohort.name};6;1;1;1;16,7;;;0`);

  // The comma variant of the totals, fetched directly.
  const totals = await page.request.get(
    `/beheer/dashboard/export?tabel=totalen&scheiding=komma&cohort=${bank.cohort.id}`,
  );
  expect(totals.status()).toBe(200);
  expect(totals.headers()["content-type"]).toBe("text/csv; charset=utf-8");
  expect(totals.headers()["content-disposition"]).toMatch(
    /^attachment; filename="stigmavrij-dashboard-totalen-\d{4}-\d{2}-\d{2}\.csv"$/,
  );
  const totalsText = (await totals.body()).toString("utf8");
  expect(
    totalsText.startsWith(
      "\uFEFFKengetal,Waarde\r\nIngeschreven,6\r\nGestart,1\r\nAfgerond,1\r\nGeslaagd,1\r\nPercentage afgerond (%),16.7\r\n",
    ),
  ).toBe(true);

  // Bad parameters are refused with a message, not a crash.
  const badTable = await page.request.get("/beheer/dashboard/export?tabel=wachtwoorden");
  expect(badTable.status()).toBe(400);
  expect(await badTable.text()).toContain("Onbekende tabel");
  const badMonth = await page.goto("/beheer/dashboard?van=2026-13");
  expect(badMonth?.status()).toBe(400);
  await expect(page.getByRole("alert")).toContainText("Het filter klopt niet");
  await expect(page.getByLabel("Van maand")).toHaveAttribute("aria-invalid", "true");
});

test("the item analysis and attitude pages show their tables and pass axe", async ({ page }) => {
  await signIn(page, bank.trainer);
  await page.goto(`/beheer/dashboard/vragen?cohort=${bank.cohort.id}`);
  await expect(page.getByText("De vragenanalyse gaat over één module. Kies een module:")).toBeVisible();
  await page.getByRole("link", { name: "Sekswerk en stigma: de basis" }).click();
  await expect(page).toHaveURL(new RegExp(`/beheer/dashboard/vragen\\?.*module=${BASICS.slug}`));
  await expect(
    page.getByRole("heading", { level: 2, name: "Vragenanalyse: Sekswerk en stigma: de basis" }),
  ).toBeVisible();
  await expect(page.getByRole("link", { name: "Vragenanalyse" })).toHaveAttribute("aria-current", "page");
  await expect(page.getByLabel("Module", { exact: true })).toHaveValue(BASICS.slug);
  // Filters survive the switch between the sub-pages.
  await expect(page.getByRole("link", { name: "Houding" })).toHaveAttribute(
    "href",
    new RegExp(`cohort=${bank.cohort.id}`),
  );
  await expectAccessible(page);

  const questions = await page.request.get(
    `/beheer/dashboard/export?tabel=vragen&scheiding=puntkomma&module=${BASICS.slug}&cohort=${bank.cohort.id}`,
  );
  expect(questions.status()).toBe(200);
  const questionsText = (await questions.body()).toString("utf8");
  expect(
    questionsText.startsWith("\uFEFFNr.;Vraag;Onderwerp;Beantwoord;Aandeel goed (%);Gemiddelde score (%);Signaal\r\n"),
  ).toBe(true);
  // One learner's answers are too few to show.
  expect(questionsText).toContain("te weinig deelnemers");
  const needsModule = await page.request.get(`/beheer/dashboard/export?tabel=vragen&cohort=${bank.cohort.id}`);
  expect(needsModule.status()).toBe(400);

  await page.getByRole("link", { name: "Houding" }).click();
  await expect(page).toHaveURL(/\/beheer\/dashboard\/houding\?/);
  await expect(
    page.getByText("Bij uitspraken die als omgekeerd zijn gemarkeerd, is een daling de gewenste richting"),
  ).toBeVisible();
  await expectAccessible(page);
});

test("a trainer of another organisation gets 404 for its ids and never sees its rows", async ({ page }) => {
  await signIn(page, police.trainer);
  for (const url of [
    `/beheer/dashboard?cohort=${bank.cohort.id}`,
    `/beheer/dashboard?organisatie=${bank.organisation.id}`,
    `/beheer/dashboard/vragen?module=${BASICS.slug}&cohort=${bank.cohort.id}`,
    `/beheer/dashboard/houding?organisatie=${bank.organisation.id}`,
    `/beheer/dashboard/export?tabel=groepen&cohort=${bank.cohort.id}`,
  ]) {
    const response = await page.request.get(url);
    expect(response.status(), url).toBe(404);
    expect(await response.text(), url).not.toContain(bank.cohort.name);
  }

  // Their own dashboard, in English, lists their cohort and nothing of the bank's.
  await page.goto("/beheer/dashboard?per=cohort");
  await expect(page.getByRole("heading", { level: 2, name: "Per cohort" })).toBeVisible();
  const groups = page.getByRole("table", { name: "Participation and results per cohort" });
  await expect(groups.getByRole("link", { name: police.cohort.name })).toBeVisible();
  await expect(page.locator("body")).not.toContainText(bank.cohort.name);
  await expect(page.locator("body")).not.toContainText(bank.organisation.name);
  await expectAccessible(page);

  const csv = await page.request.get("/beheer/dashboard/export?tabel=groepen&per=cohort&scheiding=puntkomma");
  expect(csv.status()).toBe(200);
  const text = (await csv.body()).toString("utf8");
  expect(text).toContain(police.cohort.name);
  expect(text).not.toContain(bank.cohort.name);
});

test("a learner is refused the dashboard", async ({ page }) => {
  const learner = bank.learners[1] as TestUser;
  await signIn(page, learner);
  const response = await page.goto("/beheer/dashboard");
  expect(response?.status()).toBe(403);
  expect((await page.request.get("/beheer/dashboard/export?tabel=totalen")).status()).toBe(403);
});
