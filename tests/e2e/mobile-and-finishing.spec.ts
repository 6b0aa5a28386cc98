import { randomUUID } from "node:crypto";

import { expect, test, type Browser, type Page } from "@playwright/test";

import { rebuildCohortReports } from "~/reports/refresh.server";

import { expectAccessible } from "./support/a11y";
import {
  answerInput,
  BASICS,
  correctAnswers,
  drawnItems,
  finishLessonsQuickly,
  startAttempt,
  tickAnswers,
} from "./support/assessment";
import { logIn } from "./support/auth";
import { completeBasics } from "./support/certificates";
import { createTestUser, e2eDb, type TestUser } from "./support/db";
import { readPdf } from "./support/pdf";

/*
 * Phones and reflow (WCAG 1.4.10): every learner page and the admin/trainer tables at 390 px (a
 * common phone) and 320 CSS px (1280 px at 400 % zoom) without sideways scrolling, and still
 * without axe violations.
 */

/** Set SCREENSHOT_DIR to keep a picture of every page checked at 390 px (for reviewing the layout by eye). */
const SCREENSHOT_DIR = process.env.SCREENSHOT_DIR;

async function expectNoSidewaysScroll(page: Page) {
  const overflow = await page.evaluate(() => {
    const root = document.documentElement;
    const width = root.clientWidth;
    // Name the widest elements sticking out, so a failure says where to look.
    const culprits = [...document.querySelectorAll<HTMLElement>("body *")]
      .filter((element) => element.getBoundingClientRect().right > width + 1)
      .filter((element) => !element.closest("[role=region][tabindex]"))
      .slice(0, 5)
      .map(
        (element) =>
          `${element.tagName.toLowerCase()}.${element.className} (${Math.round(element.getBoundingClientRect().right)} px)`,
      );
    return { scrollWidth: root.scrollWidth, clientWidth: width, culprits };
  });
  expect
    .soft(overflow.scrollWidth, `sideways scroll on ${page.url()}: ${overflow.culprits.join(", ")}`)
    .toBeLessThanOrEqual(overflow.clientWidth);
}

interface Arranged {
  learner: TestUser;
  resultPath: string;
  admin: TestUser;
  trainer: TestUser;
  cohortId: string;
}

let arranged: Arranged;

async function arrange(browser: Browser): Promise<Arranged> {
  const db = e2eDb();
  const tag = randomUUID().slice(0, 6);
  const organisation = await db.organisation.create({
    data: { name: `Gemeentelijke Gezondheidsdienst Hollands Midden ${tag}`, sector: "municipality" },
    select: { id: true },
  });
  const trainer = await createTestUser({ role: "trainer", name: "Trainer Telefoonscherm" });
  await db.organisationTrainer.create({ data: { organisationId: organisation.id, userId: trainer.id } });
  const admin = await createTestUser({ role: "admin", name: "Beheerder Telefoonscherm" });
  const learner = await createTestUser({ name: "Annemarie van Oosterhout-Wijnbergen" });
  const others = await Promise.all(
    Array.from({ length: 5 }, (_, i) => createTestUser({ name: `Deelnemer Smalscherm ${i + 1}` })),
  );
  const cohort = await db.cohort.create({
    data: {
      organisationId: organisation.id,
      name: `Ketenpartnersamenwerkingsbijeenkomst voorjaar ${tag}`,
      joinCode: randomUUID().replace(/-/g, "").slice(0, 8).toUpperCase(),
      modules: { create: [{ moduleId: BASICS.slug, position: 0 }] },
      members: { create: [learner, ...others].map((member) => ({ userId: member.id })) },
    },
    select: { id: true },
  });
  await rebuildCohortReports(db, { cohortIds: [cohort.id], now: new Date() });

  const context = await browser.newContext();
  await completeBasics(await context.newPage(), learner);
  await context.close();
  const attempt = await db.assessmentAttempt.findFirstOrThrow({
    where: { userId: learner.id, moduleId: BASICS.slug, passed: true },
  });
  return { learner, resultPath: `${BASICS.path}/toets/${attempt.id}`, admin, trainer, cohortId: cohort.id };
}

test.beforeAll(async ({ browser }) => {
  test.setTimeout(120_000);
  arranged = await arrange(browser);
});

const LEARNER_PAGES = (a: Arranged) => [
  { name: "catalogue", path: "/modules" },
  { name: "module", path: BASICS.path },
  { name: "lesson", path: `${BASICS.path}/${BASICS.lessons[1]}` },
  { name: "assessment", path: `${BASICS.path}/toets` },
  { name: "result", path: a.resultPath },
  { name: "my-learning", path: "/mijn-leren" },
  { name: "my-certificates", path: "/mijn-certificaten" },
  { name: "account", path: "/account" },
];

const ADMIN_PAGES = (a: Arranged) => [
  { name: "admin-users", path: "/beheer/gebruikers" },
  { name: "admin-certificates", path: "/beheer/certificaten" },
  { name: "admin-cohorts", path: "/beheer/cohorten" },
  { name: "admin-cohort", path: `/beheer/cohorten/${a.cohortId}` },
  { name: "admin-dashboard", path: "/beheer/dashboard" },
];

const TRAINER_PAGES = (a: Arranged) => [
  { name: "trainer-certificates", path: "/beheer/certificaten" },
  { name: "trainer-dashboard", path: `/beheer/dashboard?cohort=${a.cohortId}&per=cohort` },
];

/** The top of the page (at most 1,600 px of it), at the page's full width if it scrolls sideways. */
async function screenshot(page: Page, name: string) {
  const size = await page.evaluate(() => ({
    width: document.documentElement.scrollWidth,
    height: document.documentElement.scrollHeight,
  }));
  await page.screenshot({
    path: `${SCREENSHOT_DIR}/${name}-390.png`,
    fullPage: true,
    clip: { x: 0, y: 0, width: size.width, height: Math.min(size.height, 1600) },
  });
}

async function checkPages(page: Page, width: number, pages: Array<{ name: string; path: string }>) {
  for (const { name, path } of pages) {
    await page.goto(path);
    await expect(page.locator("h1")).toBeVisible();
    if (SCREENSHOT_DIR && width === 390) await screenshot(page, name);
    await expectNoSidewaysScroll(page);
    await expectAccessible(page);
  }
}

for (const width of [390, 320]) {
  test.describe(`at ${width} CSS px`, () => {
    test.use({ viewport: { width, height: 800 } });

    test.beforeEach(() => test.setTimeout(180_000));

    test("learner pages reflow without sideways scrolling", async ({ page }) => {
      await logIn(page, arranged.learner);
      await expect(page).toHaveURL(/\/mijn-leren$/);
      await checkPages(page, width, LEARNER_PAGES(arranged));
    });

    test("admin tables reflow without sideways scrolling", async ({ page }) => {
      await logIn(page, arranged.admin);
      await expect(page).not.toHaveURL(/\/inloggen/);
      await checkPages(page, width, ADMIN_PAGES(arranged));
    });

    test("trainer tables reflow without sideways scrolling", async ({ page }) => {
      await logIn(page, arranged.trainer);
      await expect(page).not.toHaveURL(/\/inloggen/);
      await checkPages(page, width, TRAINER_PAGES(arranged));
    });
  });
}

test.describe("finishing a module on a phone", () => {
  test.use({ viewport: { width: 390, height: 844 } });

  test("open assessment, then pass: the status tells the truth, the result gets focus and the success panel leads on", async ({
    page,
  }) => {
    test.setTimeout(180_000);
    const learner = await createTestUser({ name: "Fatima Afronding", sector: "bank" });
    await logIn(page, learner);
    await expect(page).toHaveURL(/\/mijn-leren$/);

    // Before the lessons are done the module page says what is left instead of offering the assessment.
    await page.goto(BASICS.path);
    await expect(
      page.getByText("De toets komt vrij als je alle lessen hebt gedaan: nog 4 van 4 lessen te gaan."),
    ).toBeVisible();
    await expect(page.getByRole("link", { name: "Toets", exact: true })).toHaveCount(0);

    await finishLessonsQuickly(page);
    const attemptId = await startAttempt(page);
    const items = await drawnItems(attemptId);
    await expect(page.getByText("0 van 10 beantwoord")).toBeVisible();
    await tickAnswers(page, correctAnswers(items.slice(0, 3)));
    await expect(page.getByText("3 van 10 beantwoord")).toBeVisible();
    await page.getByRole("button", { name: "Opslaan en later verdergaan" }).click();
    await expect(page).toHaveURL(/opgeslagen=1$/);
    // The count comes from the server too (after a reload, or without JavaScript).
    await page.reload();
    await expect(page.getByText("3 van 10 beantwoord")).toBeVisible();

    // Mijn leren: not "Bezig" at 100 %, but what is left, and "Ga verder" back into the attempt.
    await page.goto("/mijn-leren");
    const card = page
      .getByRole("listitem")
      .filter({ has: page.getByRole("heading", { level: 2, name: "Sekswerk en stigma: de basis" }) });
    await expect(card).toContainText("Lessen klaar — toets nog doen (3 van 10 beantwoord)");
    await expect(card).not.toContainText("Bezig");
    await expect(card).not.toContainText("100%");
    await expectNoSidewaysScroll(page);
    await expectAccessible(page);
    await page.goto(BASICS.path);
    await expect(page.getByText("Lessen klaar — toets nog doen (3 van 10 beantwoord)")).toBeVisible();
    await page.goto("/mijn-leren");
    await card.getByRole("link", { name: /^Ga verder/ }).click();
    await expect(page).toHaveURL(new RegExp(`/toets/${attemptId}$`));

    // The study time is checked by the app (not only by the browser), and nothing is submitted.
    await tickAnswers(page, correctAnswers(items.slice(3)));
    await expect(page.getByText("10 van 10 beantwoord")).toBeVisible();
    await page.getByRole("button", { name: "Lever de toets in" }).click();
    const minutes = page.getByLabel("Hoeveel minuten heb je in totaal aan deze module besteed?");
    await expect(minutes).toHaveAttribute("aria-invalid", "true");
    await expect(minutes).toBeFocused();
    await expect(minutes).toHaveAccessibleDescription(/Vul een heel getal van 1 tot 600 in\./);
    await expectAccessible(page);
    expect((await e2eDb().assessmentAttempt.findUniqueOrThrow({ where: { id: attemptId } })).status).toBe(
      "in_progress",
    );
    await minutes.fill("0");
    await page.getByRole("button", { name: "Lever de toets in" }).click();
    await expect(minutes).toHaveAttribute("aria-invalid", "true");
    for (const item of items) await expect(answerInput(page, item.slug, item.correct[0]!)).toBeChecked();

    await minutes.fill("40");
    await page.getByRole("button", { name: "Lever de toets in" }).click();
    const heading = page.getByRole("heading", { level: 1, name: "Resultaat van poging 1" });
    await expect(heading).toBeFocused();
    await expect(heading).toHaveAccessibleDescription("Gefeliciteerd, je bent geslaagd!");
    await expect(page.getByRole("status")).toContainText("Gefeliciteerd, je bent geslaagd!");

    const panel = page.getByRole("region", { name: "Je certificaat staat klaar" });
    await expect(panel).toBeVisible();
    await expectNoSidewaysScroll(page);
    await expectAccessible(page);
    const { code } = await e2eDb().certificate.findFirstOrThrow({
      where: { userId: learner.id, moduleId: BASICS.slug },
      select: { code: true },
    });
    // The link (a download link, like the one on Mijn certificaten) gives the learner's PDF.
    const pdfLink = panel.getByRole("link", { name: "Download je certificaat (PDF)" });
    await expect(pdfLink).toHaveAttribute("download", "");
    const response = await page.request.get((await pdfLink.getAttribute("href"))!);
    expect(response.headers()["content-type"]).toBe("application/pdf");
    const pdf = await readPdf(await response.body());
    expect(pdf.text).toContain(learner.name);
    expect(pdf.text).toContain(code);

    const next = await nextModuleFor("bank");
    await expect(panel.getByRole("link", { name: next.title })).toHaveAttribute("href", `/modules/${next.id}`);

    await panel.getByRole("link", { name: "Bekijk/deel je certificaat" }).click();
    await expect(page).toHaveURL(new RegExp(`/certificaat/${code}$`));

    // The completed module page and its Mijn leren card lead to the certificate too.
    await page.goto(BASICS.path);
    await expect(
      page
        .getByRole("region", { name: "Je certificaat staat klaar" })
        .getByRole("link", { name: "Download je certificaat (PDF)" }),
    ).toHaveAttribute("href", `/mijn-certificaten/${code}/pdf`);
    await expectAccessible(page);
    await page.goto("/mijn-leren");
    await expect(card).toContainText("Afgerond");
    await expect(card.getByRole("link", { name: `PDF downloaden van het certificaat ${code}` })).toBeVisible();
    await expect(card.getByRole("link", { name: `Controlepagina van het certificaat ${code}` })).toHaveAttribute(
      "href",
      `/certificaat/${code}`,
    );
  });

  test("the same panel in English", async ({ page }) => {
    const learner = await createTestUser({ locale: "en", sector: "police" });
    await logIn(page, learner);
    await expect(page).toHaveURL(/\/mijn-leren$/);
    await finishLessonsQuickly(page);
    const attemptId = await startAttempt(page, "Start the assessment");
    await expect(page.getByText("0 of 10 answered")).toBeVisible();
    await tickAnswers(page, correctAnswers(await drawnItems(attemptId)));
    await expect(page.getByText("10 of 10 answered")).toBeVisible();
    await page.getByLabel("How many minutes in total did you spend on this module?").fill("30");
    await page.getByRole("button", { name: "Submit the assessment" }).click();
    await expect(page.getByRole("heading", { level: 1, name: "Result of attempt 1" })).toBeFocused();
    const panel = page.getByRole("region", { name: "Your certificate is ready" });
    await expect(panel.getByRole("link", { name: "Download your certificate (PDF)" })).toBeVisible();
    await expect(panel.getByRole("link", { name: "View/share your certificate" })).toBeVisible();
    await expect(panel.getByRole("heading", { name: "Next module for you" })).toBeVisible();
    await expectAccessible(page);
  });

  test("the header folds into a menu button with JavaScript and stays a plain list without it", async ({
    page,
    browser,
  }) => {
    await page.goto("/modules");
    const menu = page.getByRole("button", { name: "Menu" });
    const nav = page.getByRole("navigation", { name: "Hoofdmenu" });
    await expect(menu).toHaveAttribute("aria-expanded", "false");
    await expect(nav.getByRole("link", { name: "Inloggen" })).toBeHidden();
    await menu.click();
    await expect(menu).toHaveAttribute("aria-expanded", "true");
    await expect(nav.getByRole("link", { name: "Inloggen" })).toBeVisible();
    await expectAccessible(page);
    await nav.getByRole("link", { name: "Inloggen" }).click();
    await expect(page).toHaveURL(/\/inloggen$/);
    await expect(menu).toHaveAttribute("aria-expanded", "false");

    const noScript = await browser.newContext({ javaScriptEnabled: false, viewport: { width: 390, height: 844 } });
    const plain = await noScript.newPage();
    await plain.goto("/modules");
    await expect(plain.getByRole("button", { name: "Menu" })).toBeHidden();
    await expect(
      plain.getByRole("navigation", { name: "Hoofdmenu" }).getByRole("link", { name: "Inloggen" }),
    ).toBeVisible();
    await expectNoSidewaysScroll(plain);
    await noScript.close();
  });
});

/** The first module after the basics in catalogue order that is meant for the sector. */
async function nextModuleFor(sector: string) {
  const modules = await e2eDb().module.findMany({
    where: { archived: false, id: { not: BASICS.slug } },
    orderBy: { position: "asc" },
    select: { id: true, sectors: true, locales: { where: { locale: "nl" }, select: { title: true } } },
  });
  const next = modules.find((module) => (JSON.parse(module.sectors) as string[]).includes(sector));
  if (!next) throw new Error(`no module for ${sector}`);
  return { id: next.id, title: next.locales[0]!.title };
}
