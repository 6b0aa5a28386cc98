import { expect, test, type Page } from "@playwright/test";

import { testPackage, scoPage, type ScoCall, type TestItem } from "~/scorm/package/test-packages";

import { logIn } from "./support/auth";
import { createTestUser, e2eDb, type TestUser } from "./support/db";
import { postScormZip, publishScormModule, removeScormModules, storedCmi } from "./support/scorm";

/*
 * Issue 16 items 4–7 with packages built in the test (app/scorm/package/test-packages.ts): the SCO
 * pages run scripted API calls and list each answer, so the test reads what the content saw, and
 * the database what was stored. No dialog may ever open (content alerts on API errors).
 */
test.describe.configure({ mode: "serial" });

const imported: string[] = [];
let admin: TestUser;

test.beforeAll(async () => {
  admin = await createTestUser({ role: "admin", name: "Ada Data" });
});
test.afterAll(async () => {
  await removeScormModules(imported);
});

const sco = (page: Page) => page.frameLocator("iframe.scorm-frame");
const logLine = (page: Page, text: string) => sco(page).locator("#log li", { hasText: text });

async function importPackage(page: Page, version: "1.2" | "2004", title: string, items: TestItem[]) {
  await logIn(page, admin);
  await expect(page).toHaveURL(/\/mijn-leren$/);
  const moduleId = await postScormZip(page, `${title}.zip`, await testPackage(version, title, items));
  imported.push(moduleId);
  await publishScormModule(moduleId);
  await page.context().clearCookies();
  const scos = await e2eDb().scormSco.findMany({
    where: { package: { moduleId } },
    orderBy: { position: "asc" },
    select: { id: true },
  });
  return { moduleId, scoIds: scos.map((row) => row.id) };
}

async function asLearner(page: Page, name: string) {
  const learner = await createTestUser({ name });
  await logIn(page, learner);
  await expect(page).toHaveURL(/\/mijn-leren$/);
  page.on("dialog", (dialog) => {
    throw new Error(`a dialog opened: ${dialog.message()}`);
  });
  return learner;
}

const scoItem = (
  identifier: string,
  version: "1.2" | "2004",
  calls: { load?: ScoCall[]; finish?: ScoCall[] },
  extra = {},
) => ({
  identifier,
  title: `Onderdeel ${identifier}`,
  href: `${identifier}.html`,
  page: scoPage({ version, title: `SCO ${identifier}`, script: calls }),
  ...extra,
});

test("objectives declared in the manifest are there at launch and keep what the content sets", async ({ page }) => {
  const objectives = `
        <imsss:sequencing>
          <imsss:objectives>
            <imsss:primaryObjective objectiveID="module-doel"/>
            <imsss:objective objectiveID="vraag-1"/>
          </imsss:objectives>
        </imsss:sequencing>`;
  const { moduleId, scoIds } = await importPackage(page, "2004", "Doelen uit het manifest", [
    scoItem(
      "A",
      "2004",
      {
        load: [
          ["Initialize"],
          ["GetValue", "cmi.objectives._count"],
          ["GetValue", "cmi.objectives.1.id"],
          ["SetValue", "cmi.objectives.1.success_status", "passed"],
          ["SetValue", "cmi.objectives.1.score.scaled", "0.75"],
          ["SetValue", "cmi.interactions.0.id", "vraag-1"],
          ["SetValue", "cmi.interactions.0.type", "choice"],
          ["SetValue", "cmi.interactions.0.learner_response", "b"],
          ["SetValue", "cmi.interactions.0.result", "correct"],
          ["SetValue", "cmi.exit", "suspend"],
          ["Commit"],
        ],
        finish: [["Terminate"]],
      },
      { itemExtra: objectives },
    ),
  ]);
  const learner = await asLearner(page, "Otto Doelen");
  await page.goto(`/modules/${moduleId}/speler/${scoIds[0]}`);
  await expect(logLine(page, "GetValue(cmi.objectives._count) = 2 [0]")).toBeVisible();
  await expect(logLine(page, "GetValue(cmi.objectives.1.id) = vraag-1 [0]")).toBeVisible();
  await expect(logLine(page, "SetValue(cmi.objectives.1.success_status, passed) = true [0]")).toBeVisible();
  await expect(logLine(page, "Commit() = true [0]")).toBeVisible();
  await sco(page).getByRole("button", { name: "Finish" }).click();
  await expect(logLine(page, "Terminate() = true [0]")).toBeVisible();

  await expect
    .poll(async () => (await storedCmi(learner.id, "Onderdeel A", moduleId))["cmi.objectives.1.success_status"])
    .toBe("passed");
  expect(await storedCmi(learner.id, "Onderdeel A", moduleId)).toMatchObject({
    "cmi.objectives.0.id": "module-doel",
    "cmi.objectives.1.score.scaled": "0.75",
    "cmi.interactions.0.learner_response": "b",
  });

  // The learner's own data export holds the objectives and interactions.
  const exported = await page.request.get("/account/export");
  expect(exported.status()).toBe(200);
  const data = (await exported.json()) as { scormAttempts: unknown[] };
  expect(data.scormAttempts).toContainEqual(
    expect.objectContaining({
      moduleId,
      objectives: expect.arrayContaining([
        expect.objectContaining({ id: "vraag-1", successStatus: "passed", scoreScaled: "0.75" }),
      ]),
      interactions: [
        expect.objectContaining({ id: "vraag-1", type: "choice", learnerResponse: "b", result: "correct" }),
      ],
    }),
  );
});

test("SCORM 1.2: a relaunch after suspend resumes with location and suspend_data", async ({ page }) => {
  const { moduleId, scoIds } = await importPackage(page, "1.2", "Pauzeren en hervatten", [
    scoItem("A", "1.2", {
      load: [
        ["Initialize"],
        ["GetValue", "cmi.core.entry"],
        ["GetValue", "cmi.core.lesson_location"],
        ["GetValue", "cmi.suspend_data"],
      ],
      finish: [
        ["SetValue", "cmi.core.lesson_location", "dia-7"],
        ["SetValue", "cmi.suspend_data", "antwoorden=a,b,c"],
        ["SetValue", "cmi.core.exit", "suspend"],
        ["Terminate"],
      ],
    }),
  ]);
  await asLearner(page, "Pim Pauze");
  const url = `/modules/${moduleId}/speler/${scoIds[0]}`;
  await page.goto(url);
  await expect(logLine(page, "GetValue(cmi.core.entry) = ab-initio [0]")).toBeVisible();
  await sco(page).getByRole("button", { name: "Finish" }).click();
  await expect(logLine(page, "Terminate() = true [0]")).toBeVisible();

  await page.goto(url);
  await expect(logLine(page, "GetValue(cmi.core.entry) = resume [0]")).toBeVisible();
  await expect(logLine(page, "GetValue(cmi.core.lesson_location) = dia-7 [0]")).toBeVisible();
  await expect(logLine(page, "GetValue(cmi.suspend_data) = antwoorden=a,b,c [0]")).toBeVisible();
});

test("SCORM 2004: a normal exit starts a new attempt on the next launch", async ({ page }) => {
  const { moduleId, scoIds } = await importPackage(page, "2004", "Nieuwe poging", [
    scoItem("A", "2004", {
      load: [["Initialize"], ["GetValue", "cmi.entry"], ["GetValue", "cmi.location"]],
      finish: [
        ["SetValue", "cmi.location", "pagina-4"],
        ["SetValue", "cmi.completion_status", "completed"],
        ["SetValue", "cmi.exit", "normal"],
        ["Terminate"],
      ],
    }),
  ]);
  const learner = await asLearner(page, "Nina Normaal");
  const url = `/modules/${moduleId}/speler/${scoIds[0]}`;
  await page.goto(url);
  await expect(logLine(page, "GetValue(cmi.entry) = ab-initio [0]")).toBeVisible();
  await sco(page).getByRole("button", { name: "Finish" }).click();
  await expect(logLine(page, "Terminate() = true [0]")).toBeVisible();
  await expect
    .poll(async () =>
      e2eDb().scormAttempt.findFirst({
        where: { userId: learner.id, scoId: scoIds[0] },
        select: { attemptEnded: true },
      }),
    )
    .toEqual({ attemptEnded: true });

  await page.goto(url);
  await expect(logLine(page, "GetValue(cmi.entry) = ab-initio [0]")).toBeVisible();
  // 403: the new attempt has no location yet.
  await expect(logLine(page, "GetValue(cmi.location) =  [403]")).toBeVisible();
  const attempt = await e2eDb().scormAttempt.findFirstOrThrow({ where: { userId: learner.id, scoId: scoIds[0] } });
  expect(attempt).toMatchObject({ attemptNumber: 2, attemptEnded: false, completion: "completed" });
});

test("the content's own Commit while the tab closes is answered and its data kept", async ({ page, context }) => {
  const { moduleId, scoIds } = await importPackage(page, "2004", "Opslaan bij sluiten", [
    {
      identifier: "A",
      title: "Onderdeel A",
      href: "A.html",
      page: scoPage({
        version: "2004",
        title: "SCO A",
        script: {
          load: [["Initialize"]],
          unload: [
            ["SetValue", "cmi.suspend_data", "bij het sluiten"],
            ["SetValue", "cmi.exit", "suspend"],
            ["Commit"],
          ],
        },
      }),
    },
  ]);
  const learner = await asLearner(page, "Sara Sluiten");
  await page.goto(`/modules/${moduleId}/speler/${scoIds[0]}`);
  await expect(logLine(page, "Initialize() = true [0]")).toBeVisible();
  await page.close({ runBeforeUnload: true });

  await expect
    .poll(async () => (await storedCmi(learner.id, "Onderdeel A", moduleId))["cmi.suspend_data"])
    .toBe("bij het sluiten");
  const reader = await context.newPage();
  await reader.goto(`/modules/${moduleId}`);
  const unloadLog = await reader.evaluate(() => localStorage.getItem("sco-unload-log"));
  expect(JSON.parse(unloadLog ?? "[]")).toContain("Commit() = true [0]");
});

test("package scripts from an allowed host run; from another host they are blocked", async ({ page }) => {
  // SCORM_CONTENT_HOSTS is https://cdn.allowed.test in playwright.config.ts; both hosts are
  // answered here, so whatever does not run was blocked by the content policy, not the network.
  const head = `<script src="https://cdn.allowed.test/lib.js"></script>
<script src="https://cdn.blocked.test/lib.js"></script>`;
  const { moduleId, scoIds } = await importPackage(page, "1.2", "Scripts van elders", [
    {
      identifier: "A",
      title: "Onderdeel A",
      href: "A.html",
      page: scoPage({
        version: "1.2",
        title: "SCO A",
        head,
        script: { load: [["Initialize"]] },
      }).replace(
        "</body>",
        `<p id="loaded"></p><script>document.getElementById("loaded").textContent = [window.allowedLib, window.blockedLib].join("|");</script></body>`,
      ),
    },
  ]);
  const imported = await e2eDb().scormPackage.findUniqueOrThrow({ where: { moduleId }, select: { warnings: true } });
  expect(JSON.parse(imported.warnings)).toEqual(
    expect.arrayContaining([
      expect.objectContaining({ code: "externalHostsAllowed", params: { hosts: "https://cdn.allowed.test" } }),
      expect.objectContaining({ code: "externalHostsBlocked", params: { hosts: "https://cdn.blocked.test" } }),
    ]),
  );

  await page.route("https://cdn.allowed.test/**", (route) =>
    route.fulfill({ contentType: "text/javascript", body: "window.allowedLib = 'allowed';" }),
  );
  await page.route("https://cdn.blocked.test/**", (route) =>
    route.fulfill({ contentType: "text/javascript", body: "window.blockedLib = 'blocked';" }),
  );
  await asLearner(page, "Chris Cdn");
  await page.goto(`/modules/${moduleId}/speler/${scoIds[0]}`);
  await expect(sco(page).locator("#loaded")).toHaveText("allowed|");

  // The platform's own pages stay strict: no allowed host in their policy.
  const platform = await page.request.get(`/modules/${moduleId}`);
  expect(platform.headers()["content-security-policy"]).not.toContain("cdn.allowed.test");
});

test("files with spaces (%20 in the manifest) and a launch query string play", async ({ page }) => {
  const { moduleId, scoIds } = await importPackage(page, "1.2", "Bestandsnamen", [
    {
      identifier: "A",
      title: "Met spaties",
      href: "Les%201/Start%20hier.html?dia=3",
      file: "Les 1/Start hier.html",
      page: scoPage({ version: "1.2", title: "Spaties", script: { load: [["Initialize"]] } }).replace(
        "</body>",
        `<p id="query"></p><script>document.getElementById("query").textContent = location.search;</script></body>`,
      ),
      missingFiles: ["Les 1/ontbreekt.mp4"],
    },
  ]);
  await asLearner(page, "Bas Bestand");
  await page.goto(`/modules/${moduleId}/speler/${scoIds[0]}`);
  await expect(logLine(page, "Initialize() = true [0]")).toBeVisible();
  await expect(sco(page).locator("#query")).toHaveText("?dia=3");
});
