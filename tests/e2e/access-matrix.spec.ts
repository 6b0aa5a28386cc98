import { randomUUID } from "node:crypto";

import { expect, test, type APIRequestContext, type Browser } from "@playwright/test";

import type { Role } from "~/domain/constants";
import { rebuildCohortReports } from "~/reports/refresh.server";

import { BASICS } from "./support/assessment";
import { logIn } from "./support/auth";
import { createTestUser, e2eDb, type TestUser } from "./support/db";
import { E2E_ORIGIN } from "./support/env";

/*
 * Access control for organisations, cohorts and the dashboard: every role against every route,
 * with organisation A's ids and names planted in the URLs. "Denied" is a 403 or 404 whose body
 * names nothing of organisation A; "allowed" is a 200 (for trainer B and the learner, also
 * without A's names in it); "login" is the redirect to the login page.
 */

type Viewer = "anonymous" | "learner" | "trainerA" | "trainerB" | "swad" | "admin";
type Outcome = "allowed" | "denied" | "login";

interface World {
  users: Record<Exclude<Viewer, "anonymous">, TestUser>;
  orgA: { id: string; name: string };
  orgB: { id: string; name: string };
  cohortA: { id: string; name: string; code: string };
  cohortB: { id: string; name: string; code: string };
  /** Names that only a viewer with organisation A in scope may see. */
  secretsOfA: string[];
}

let world: World;

async function appoint(organisationId: string, userId: string) {
  await e2eDb().organisationTrainer.create({ data: { organisationId, userId } });
}

async function cohortFor(organisationId: string, name: string, members: string[]) {
  const code = randomUUID()
    .replace(/[^0-9a-f]/g, "")
    .slice(0, 8)
    .toUpperCase()
    .replace(/[ILOU]/g, "7");
  const cohort = await e2eDb().cohort.create({
    data: {
      organisationId,
      name,
      joinCode: code,
      modules: { create: [{ moduleId: BASICS.slug, position: 0 }] },
      members: { create: members.map((userId) => ({ userId })) },
    },
    select: { id: true },
  });
  await rebuildCohortReports(e2eDb(), { cohortIds: [cohort.id], now: new Date() });
  return { id: cohort.id, name, code };
}

test.beforeAll(async () => {
  const tag = randomUUID().slice(0, 6);
  const db = e2eDb();
  const orgA = await db.organisation.create({
    data: { name: `Matrixbank ${tag}`, sector: "bank" },
    select: { id: true, name: true },
  });
  const orgB = await db.organisation.create({
    data: { name: `Matrixpolitie ${tag}`, sector: "police" },
    select: { id: true, name: true },
  });
  const role = (r: Role, name: string) => createTestUser({ role: r, name });
  const users = {
    learner: await role("learner", `Matrixleerling ${tag}`),
    trainerA: await role("trainer", `Trainer A ${tag}`),
    trainerB: await role("trainer", `Trainer B ${tag}`),
    swad: await role("trainer", `SWAD-trainer ${tag}`),
    admin: await role("admin", `Beheerder ${tag}`),
  };
  await appoint(orgA.id, users.trainerA.id);
  await appoint(orgB.id, users.trainerB.id);
  await db.user.update({ where: { id: users.swad.id }, data: { allOrganisations: true } });
  const membersA: TestUser[] = [users.learner];
  for (let i = 1; i <= 5; i++) membersA.push(await role("learner", `Deelnemer A${i} ${tag}`));
  await db.user.updateMany({ where: { id: { in: membersA.map((m) => m.id) } }, data: { organisationId: orgA.id } });
  const membersB: TestUser[] = [];
  for (let i = 1; i <= 5; i++) membersB.push(await role("learner", `Deelnemer B${i} ${tag}`));
  const cohortA = await cohortFor(
    orgA.id,
    `Matrixcohort A ${tag}`,
    membersA.map((m) => m.id),
  );
  const cohortB = await cohortFor(
    orgB.id,
    `Matrixcohort B ${tag}`,
    membersB.map((m) => m.id),
  );
  world = {
    users,
    orgA,
    orgB,
    cohortA,
    cohortB,
    secretsOfA: [orgA.name, cohortA.name, ...membersA.slice(1).map((m) => m.name)],
  };
});

interface RouteCase {
  name: string;
  url: () => string;
  /** Expected outcome per viewer; anonymous is always "login". */
  expect: Record<Exclude<Viewer, "anonymous">, Exclude<Outcome, "login">>;
}

const ADMIN_ONLY = {
  learner: "denied",
  trainerA: "denied",
  trainerB: "denied",
  swad: "denied",
  admin: "allowed",
} as const;
const TRAINERS = {
  learner: "denied",
  trainerA: "allowed",
  trainerB: "allowed",
  swad: "allowed",
  admin: "allowed",
} as const;
const SCOPE_A = {
  learner: "denied",
  trainerA: "allowed",
  trainerB: "denied",
  swad: "allowed",
  admin: "allowed",
} as const;

const ROUTES: RouteCase[] = [
  { name: "organisations", url: () => "/beheer/organisaties", expect: ADMIN_ONLY },
  { name: "organisation A", url: () => `/beheer/organisaties/${world.orgA.id}`, expect: ADMIN_ONLY },
  { name: "cohorts", url: () => "/beheer/cohorten", expect: TRAINERS },
  { name: "new cohort", url: () => "/beheer/cohorten/nieuw", expect: TRAINERS },
  { name: "cohort A", url: () => `/beheer/cohorten/${world.cohortA.id}`, expect: SCOPE_A },
  { name: "cohort A print", url: () => `/beheer/cohorten/${world.cohortA.id}/afdrukken`, expect: SCOPE_A },
  { name: "dashboard", url: () => "/beheer/dashboard", expect: TRAINERS },
  { name: "dashboard per cohort", url: () => "/beheer/dashboard?per=cohort", expect: TRAINERS },
  { name: "dashboard org A", url: () => `/beheer/dashboard?organisatie=${world.orgA.id}`, expect: SCOPE_A },
  { name: "dashboard cohort A", url: () => `/beheer/dashboard?cohort=${world.cohortA.id}`, expect: SCOPE_A },
  {
    name: "items cohort A",
    url: () => `/beheer/dashboard/vragen?module=${BASICS.slug}&cohort=${world.cohortA.id}`,
    expect: SCOPE_A,
  },
  { name: "attitude org A", url: () => `/beheer/dashboard/houding?organisatie=${world.orgA.id}`, expect: SCOPE_A },
  { name: "CSV groups", url: () => "/beheer/dashboard/export?tabel=groepen&per=cohort", expect: TRAINERS },
  {
    name: "CSV groups org A",
    url: () => `/beheer/dashboard/export?tabel=groepen&per=cohort&organisatie=${world.orgA.id}`,
    expect: SCOPE_A,
  },
  {
    name: "CSV items cohort A",
    url: () => `/beheer/dashboard/export?tabel=vragen&module=${BASICS.slug}&cohort=${world.cohortA.id}`,
    expect: SCOPE_A,
  },
  {
    name: "loader data of cohort A",
    url: () => `/beheer/cohorten/${world.cohortA.id}.data`,
    expect: SCOPE_A,
  },
];

/** Viewers whose allowed pages must still not show organisation A's names. */
const BLIND_TO_A: ReadonlySet<Viewer> = new Set(["learner", "trainerB"]);

async function requestAs(
  browser: Browser,
  viewer: Viewer,
): Promise<{ request: APIRequestContext; close: () => Promise<void> }> {
  const context = await browser.newContext();
  const page = await context.newPage();
  if (viewer !== "anonymous") {
    await logIn(page, world.users[viewer]);
    await expect(page).not.toHaveURL(/\/inloggen/);
  }
  return { request: context.request, close: () => context.close() };
}

const VIEWERS: Viewer[] = ["anonymous", "learner", "trainerA", "trainerB", "swad", "admin"];

for (const viewer of VIEWERS) {
  test(`access matrix: ${viewer}`, async ({ browser }) => {
    const { request, close } = await requestAs(browser, viewer);
    try {
      for (const route of ROUTES) {
        const url = route.url();
        const wanted: Outcome = viewer === "anonymous" ? "login" : route.expect[viewer];
        const response = await request.get(url, { maxRedirects: 0 });
        const status = response.status();
        const body = await response.text();
        const label = `${viewer} → ${route.name} (${url})`;
        if (wanted === "login") {
          // A document redirects; a single-fetch `.data` request carries the redirect in its body.
          expect([302, 202], label).toContain(status);
          const location = response.headers()["location"] ?? body;
          expect(location, label).toContain("/inloggen");
          continue;
        }
        if (wanted === "denied") expect([403, 404], label).toContain(status);
        else expect(status, label).toBe(200);
        if (wanted === "denied" || BLIND_TO_A.has(viewer)) {
          for (const secret of world.secretsOfA)
            expect(body, `${label} must not mention "${secret}"`).not.toContain(secret);
        }
      }
    } finally {
      await close();
    }
  });
}

test("trainer B cannot change organisation A's cohort through tampered posts", async ({ browser }) => {
  const { request, close } = await requestAs(browser, "trainerB");
  try {
    const db = e2eDb();
    const before = await db.cohort.findUniqueOrThrow({
      where: { id: world.cohortA.id },
      select: { closedAt: true, name: true, _count: { select: { members: true } } },
    });
    const learner = world.users.learner.id;
    const posts: Array<[string, Record<string, string>]> = [
      // Confirmed, so that only the organisation scope can refuse them.
      [`/beheer/cohorten/${world.cohortA.id}`, { intent: "close", confirm: "ja" }],
      [`/beheer/cohorten/${world.cohortA.id}`, { intent: "remove", userId: learner, confirm: "ja" }],
      ["/beheer/cohorten/nieuw", { name: "Ingeschoven cohort", organisationId: world.orgA.id, modules: BASICS.slug }],
    ];
    for (const [url, form] of posts) {
      const response = await request.post(url, {
        headers: { Origin: E2E_ORIGIN, "Content-Type": "application/x-www-form-urlencoded" },
        data: new URLSearchParams(form).toString(),
        maxRedirects: 0,
      });
      expect([400, 403, 404], `POST ${url} ${JSON.stringify(form)}`).toContain(response.status());
    }
    const after = await db.cohort.findUniqueOrThrow({
      where: { id: world.cohortA.id },
      select: { closedAt: true, name: true, _count: { select: { members: true } } },
    });
    expect(after).toEqual(before);
    expect(await db.cohort.count({ where: { name: "Ingeschoven cohort" } })).toBe(0);
  } finally {
    await close();
  }
});
