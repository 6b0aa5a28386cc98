import { randomUUID } from "node:crypto";

import { expect, test, type Browser, type Page } from "@playwright/test";

import { rebuildCohortReports } from "~/reports/refresh.server";

import { expectAccessible } from "./support/a11y";
import { BASICS } from "./support/assessment";
import { logIn } from "./support/auth";
import { completeBasics } from "./support/certificates";
import { createTestUser, e2eDb, type TestUser } from "./support/db";

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
      .map((element) => `${element.tagName.toLowerCase()}.${element.className} (${Math.round(element.getBoundingClientRect().right)} px)`);
    return { scrollWidth: root.scrollWidth, clientWidth: width, culprits };
  });
  expect.soft(overflow.scrollWidth, `sideways scroll on ${page.url()}: ${overflow.culprits.join(", ")}`).toBeLessThanOrEqual(overflow.clientWidth);
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
  const others = await Promise.all(Array.from({ length: 5 }, (_, i) => createTestUser({ name: `Deelnemer Smalscherm ${i + 1}` })));
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
  await rebuildCohortReports(db, { cohortId: cohort.id, now: new Date() });

  const context = await browser.newContext();
  await completeBasics(await context.newPage(), learner);
  await context.close();
  const attempt = await db.assessmentAttempt.findFirstOrThrow({ where: { userId: learner.id, moduleId: BASICS.slug, passed: true } });
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
  const size = await page.evaluate(() => ({ width: document.documentElement.scrollWidth, height: document.documentElement.scrollHeight }));
  await page.screenshot({ path: `${SCREENSHOT_DIR}/${name}-390.png`, fullPage: true, clip: { x: 0, y: 0, width: size.width, height: Math.min(size.height, 1600) } });
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
