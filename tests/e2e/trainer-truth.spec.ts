import fs from "node:fs/promises";
import { randomUUID } from "node:crypto";

import { expect, test, type Page } from "@playwright/test";

import { rebuildCohortReports } from "~/reports/refresh.server";

import { expectAccessible } from "./support/a11y";
import { BASICS } from "./support/assessment";
import { logIn } from "./support/auth";
import { createTestUser, e2eDb, type TestUser } from "./support/db";
import { E2E_ORIGIN } from "./support/env";

/*
 * Trainer and admin views tell the truth (issue 18, item 5): suppressed item analysis, the
 * deadline warning on joining, the overdue marker, and the dashboard on a 390 px phone.
 */

const SCREENS = process.env.SCREENSHOT_DIR;
const DAY = 24 * 60 * 60 * 1000;

interface Arranged {
  cohort: { id: string; name: string; joinCode: string };
  trainer: TestUser;
}

/** An organisation with a trainer and a cohort of learners, some of whom started or completed BASICS. */
async function arrange(
  learners: number,
  { deadline = null, started = 0, completed = 0 }: { deadline?: Date | null; started?: number; completed?: number },
): Promise<Arranged> {
  const db = e2eDb();
  const tag = randomUUID().slice(0, 6);
  const organisation = await db.organisation.create({ data: { name: `Bank ${tag}`, sector: "bank" } });
  const trainer = await createTestUser({ role: "trainer", name: `Trainer ${tag}` });
  await db.organisationTrainer.create({ data: { organisationId: organisation.id, userId: trainer.id } });
  const members = await Promise.all(
    Array.from({ length: learners }, (_, i) => createTestUser({ name: `Deelnemer ${tag} ${i + 1}` })),
  );
  const module = await db.module.findUniqueOrThrow({ where: { id: BASICS.slug }, select: { contentHash: true } });
  const now = Date.now();
  for (const [index, member] of members.entries()) {
    if (index >= started) break;
    // Spread over the last months, so the trend has lines to draw.
    const startedAt = new Date(now - (index % 4) * 31 * DAY);
    const done = index < completed;
    await db.enrollment.create({
      data: {
        userId: member.id,
        moduleId: BASICS.slug,
        contentHash: module.contentHash,
        startedAt,
        status: done ? "completed" : "in_progress",
        completedAt: done ? startedAt : null,
      },
    });
    if (done) {
      await db.moduleCompletion.create({
        data: { userId: member.id, moduleId: BASICS.slug, completedAt: startedAt, contentHash: module.contentHash },
      });
    }
  }
  const joinCode = randomUUID().replace(/-/g, "").slice(0, 8).toUpperCase().replace(/[01]/g, "A");
  const name = `Bank ${tag} — regio Utrecht`;
  const cohort = await db.cohort.create({
    data: {
      organisationId: organisation.id,
      name,
      joinCode,
      deadline,
      createdAt: new Date(now - 120 * DAY),
      modules: { create: [{ moduleId: BASICS.slug, position: 0 }] },
      members: { create: members.map((m) => ({ userId: m.id, joinedAt: new Date(now - 120 * DAY) })) },
    },
  });
  await rebuildCohortReports(db, { cohortIds: [cohort.id], now: new Date() });
  return { cohort: { id: cohort.id, name, joinCode }, trainer };
}

async function signIn(page: Page, user: TestUser) {
  await logIn(page, user);
  await expect(page).not.toHaveURL(/\/inloggen/);
}

test("the item analysis says there are not enough answers yet when every question is suppressed", async ({ page }) => {
  const { cohort, trainer } = await arrange(6, {});
  await signIn(page, trainer);
  await page.goto(`/beheer/dashboard/vragen?cohort=${cohort.id}&module=${BASICS.slug}`);
  await expect(page.getByText(/^Nog te weinig antwoorden/)).toBeVisible();
  await expect(page.getByText(/0 van \d+ vragen/)).toHaveCount(0);
  await expectAccessible(page);

  await e2eDb().user.update({ where: { id: trainer.id }, data: { locale: "en" } });
  await page.reload();
  await expect(page.getByText(/^Not enough answers yet/)).toBeVisible();
  await expect(page.getByText(/0 of \d+ questions/)).toHaveCount(0);
});

test("joining a cohort past its deadline warns first, and the late joiner's modules are not late", async ({ page }) => {
  // Two sessions and four axe runs on a shared 2-core machine.
  test.setTimeout(150_000);
  const { cohort, trainer } = await arrange(5, { deadline: new Date(Date.now() - 10 * DAY) });
  const learner = await createTestUser({ name: "Late Lotte" });
  await signIn(page, learner);
  await page.goto(`/deelnemen/${cohort.joinCode}`);
  await expect(page.getByRole("heading", { name: "De deadline van dit cohort is voorbij" })).toBeVisible();
  await expectAccessible(page);

  // Without the confirmation the server refuses (the browser's required check aside).
  const refused = await page.request.post(`/deelnemen/${cohort.joinCode}`, {
    headers: { Origin: E2E_ORIGIN },
    form: {},
  });
  expect(refused.status()).toBe(400);
  expect(await e2eDb().cohortMember.count({ where: { userId: learner.id } })).toBe(0);

  await page.getByLabel("Ik weet dat de deadline voorbij is en wil toch meedoen").check();
  await page.getByRole("button", { name: "Ja, ik doe mee" }).click();
  await expect(page).toHaveURL(/\/mijn-leren/);
  await expect(page.getByText(cohort.name).first()).toBeVisible();
  await expect(page.getByText("Te laat")).toHaveCount(0);

  // The trainer sees the cohort marked overdue, in the list and on its page.
  const trainerContext = await page.context().browser()!.newContext();
  const trainerPage = await trainerContext.newPage();
  await signIn(trainerPage, trainer);
  await trainerPage.goto("/beheer/cohorten");
  await expect(
    trainerPage.getByRole("row", { name: new RegExp(cohort.name) }).getByText("Deadline verstreken"),
  ).toBeVisible();
  await expectAccessible(trainerPage);
  await trainerPage.goto(`/beheer/cohorten/${cohort.id}`);
  await expect(trainerPage.getByText("Deadline verstreken")).toBeVisible();
  await expect(trainerPage.getByText(/De deadline van dit cohort .* is voorbij/)).toBeVisible();
  await expectAccessible(trainerPage);
  await trainerContext.close();
});

test("the dashboard fits a 390 px phone with chart text of at least 12 px", async ({ page }) => {
  // Three pages, each checked with axe, on a shared 2-core machine.
  test.setTimeout(150_000);
  const { cohort, trainer } = await arrange(12, { started: 10, completed: 6 });
  await page.setViewportSize({ width: 390, height: 844 });
  await signIn(page, trainer);
  for (const path of ["/beheer/dashboard", "/beheer/dashboard/vragen", "/beheer/dashboard/houding"]) {
    await page.goto(`${path}?cohort=${cohort.id}${path.endsWith("vragen") ? `&module=${BASICS.slug}` : ""}`);
    await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
    const { scrollWidth, clientWidth } = await page.evaluate(() => ({
      scrollWidth: document.documentElement.scrollWidth,
      clientWidth: document.documentElement.clientWidth,
    }));
    expect(scrollWidth, path).toBeLessThanOrEqual(clientWidth);
    await expectAccessible(page);
  }

  await page.goto(`/beheer/dashboard?cohort=${cohort.id}`);
  await expect(page.getByRole("list", { name: "Kerncijfers" }).getByText("Ingeschreven")).toBeVisible();
  await expect(page.locator(".chart--trend")).toBeVisible();
  await expect(page.locator(".chart--bars")).toBeVisible();
  const sizes = await page.evaluate(() =>
    [...document.querySelectorAll(".chart text, .chart p, .chart li, .chart span:not(.visually-hidden)")]
      .filter((element) => (element.textContent ?? "").trim() !== "")
      .filter((element) => getComputedStyle(element).display !== "none")
      .map((element) => {
        // The rendered size: any scaling of an SVG would shrink the box relative to the font size.
        const svg = element.closest("svg");
        const scale =
          svg && svg.viewBox.baseVal?.width ? svg.getBoundingClientRect().width / svg.viewBox.baseVal.width : 1;
        return parseFloat(getComputedStyle(element).fontSize) * scale;
      }),
  );
  expect(sizes.length).toBeGreaterThan(10);
  expect(Math.min(...sizes)).toBeGreaterThanOrEqual(12);
  if (SCREENS) {
    await fs.mkdir(SCREENS, { recursive: true });
    await page.screenshot({ path: `${SCREENS}/trainer-dashboard-390-after.png`, fullPage: true });
  }
});
